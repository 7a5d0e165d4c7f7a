import ArgumentParser
import DossierModel
import DossierTeam
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the forced command of an analyst's `authorized_keys` line runs (docs/team.md): the explorer on
/// the team's corpus as NAME, or, with no terminal or with a command asked for, one read-only command.
struct TeamSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Run an analyst's session (what `team add` puts in authorized_keys; not typed by hand).",
        discussion: "With a terminal: the explorer on the team's corpus, signed NAME. With SSH_ORIGINAL_COMMAND (ssh HOST search WORDS): only list, show, search, export to standard output and notes.")

    @Argument(help: ArgumentHelp("The team folder.", valueName: "HOME"))
    var home: String

    @Argument(help: "The analyst's name.")
    var name: String

    func run() throws {
        let team = TeamFolder(home: home)
        let log = TeamLog(path: team.log)
        let environment = ProcessInfo.processInfo.environment
        let client = environment["SSH_CONNECTION"]?.split(separator: " ").first.map(String.init) ?? "local"
        let member: TeamFolder.Member
        do {
            guard let found = try team.readMembers().first(where: { $0.name == name }) else {
                throw TeamError.invalid("\(name) is not a member of this team")
            }
            member = found
        } catch let error as TeamError {
            log.write("refused \(name) from \(client): \(error)")
            printError("dossier: \(error)")
            throw ExitCode(77)
        }
        // The analyst's own places (their session, copies, edit log), the team's shared index, and no
        // configuration but the analyst's own folder's: set before anything reads them.
        let own = team.folder(of: name)
        setenv("XDG_STATE_HOME", own + "/state", 1)
        setenv("XDG_DATA_HOME", own + "/data", 1)
        setenv("XDG_CONFIG_HOME", own + "/config", 1)
        setenv("XDG_CACHE_HOME", team.cache, 1)
        setenv("USER", name, 1)
        setenv("LOGNAME", name, 1)
        if let asked = environment["SSH_ORIGINAL_COMMAND"], !asked.trimmingCharacters(in: .whitespaces).isEmpty {
            try runCommand(asked, team: team, log: log, client: client)
            return
        }
        guard isatty(STDIN_FILENO) == 1 else {
            log.write("refused \(name) from \(client): no terminal and no command")
            printError("dossier: no terminal: ask for one (ssh -t), or for a command; \(RemoteCommand.allowedWords)")
            throw ExitCode(64)
        }
        var size = winsize()
        let columns = ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? "\(size.ws_col)x\(size.ws_row)" : "unknown size"
        log.write("start \(name) (\(member.role.rawValue)) from \(client), terminal \(columns)")
        let started = ContinuousClock.now
        var exit: Int32 = 0
        defer {
            let seconds = (ContinuousClock.now - started).components.seconds
            log.write("end \(name) from \(client) after \(seconds) s, exit \(exit)")
        }
        do {
            let configuration = try ConfigOptions.parse([]).load(sayProblems: false)
            try ExplorerLaunch(dataPath: team.corpus, notesPath: team.notes, sessionPath: own + "/session.json", author: name,
                               readOnly: member.role == .reader ? "read-only for readers (the team's lead can make you an editor)" : nil,
                               suspendable: false, corpusName: "team " + URL(fileURLWithPath: team.home).lastPathComponent,
                               configuration: configuration).run()
        } catch {
            exit = Dossier.exitCode(for: error).rawValue
            throw error
        }
    }

    /// One read-only command, with its usual output; anything else refused in one line.
    func runCommand(_ asked: String, team: TeamFolder, log: TeamLog, client: String) throws {
        let arguments: [String]
        switch RemoteCommand.arguments(for: asked, team: team) {
        case .failure(let error):
            log.write("refused \(name) from \(client): \(asked.prefix(200))")
            printError("dossier: \(error)")
            throw ExitCode(64)
        case .success(let allowed):
            arguments = allowed
        }
        log.write("command \(name) from \(client): \(asked.prefix(200))")
        var command = try Dossier.parseAsRoot(arguments)
        try command.run()
    }
}
