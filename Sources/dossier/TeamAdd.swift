import ArgumentParser
import DossierModel
import DossierTeam
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TeamAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Let an analyst in: one line in authorized_keys (restrict,pty, and `dossier team session HOME NAME` as its only command).",
        discussion: "Every other line of authorized_keys stays as it was, byte for byte; the file is replaced atomically.")

    @Argument(help: "The analyst's name: it signs their notes and edits (letters, digits, '.', '_', '-').")
    var name: String

    @Option(help: ArgumentHelp("Their public key file (a .pub file: \"TYPE BASE64 [COMMENT]\").", valueName: "FILE"), completion: .file())
    var key: String?

    @Option(help: ArgumentHelp("Their public key, as text.", valueName: "KEY"))
    var keyText: String?

    @Option(help: "reader (reads, notes, copies, exports) or editor (also edits the corpus).")
    var role: TeamFolder.Role = .reader

    @OptionGroup var keys: AuthorizedKeysOption
    @OptionGroup var place: TeamHome

    func validate() throws {
        guard (key == nil) != (keyText == nil) else { throw ValidationError("Give one of --key FILE or --key-text \"ssh-ed25519 …\".") }
    }

    func run() throws {
        let team = place.team
        let publicKey: PublicKey
        do {
            try TeamFolder.checkName(name)
            var text = keyText ?? ""
            if let key {
                guard let data = FileManager.default.contents(atPath: key), let read = String(data: data, encoding: .utf8) else {
                    throw TeamError.unreadable("cannot read the key file \(key)")
                }
                text = read
            }
            publicKey = try PublicKey.parse(text)
        } catch let error as TeamError {
            throw fail(error)
        }
        var members = try place.members()
        var file = try keys.read()
        if members.contains(where: { $0.name == name }) || file.sessions(home: team.home).contains(where: { $0.line.session?.name == name }) {
            throw fail(.invalid("\(name) is in the team already: `dossier team remove \(name) --team \(team.home)` first to change their key or role"))
        }
        if let taken = file.lines.enumerated().first(where: { (try? AuthorizedKeys.parse(line: $0.element))?.key.blob == publicKey.blob }) {
            throw fail(.invalid("that key is on line \(taken.offset + 1) of \(keys.path) already: sshd would take that line for it, not this one"))
        }
        // The program the forced command runs: this one, by its absolute path.
        let program = CommandLine.arguments.first.map(Self.absolute) ?? "dossier"
        // The member first: killed before the key line is written, `team check` says the member has none.
        members.append(TeamFolder.Member(name: name, role: role, key: publicKey.text))
        do {
            try team.writeMembers(members)
            try AtomicFile.makeFolders(team.folder(of: name), mode: 0o700)
        } catch let error as TeamError {
            throw fail(error)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(74)
        }
        file.append(AuthorizedKeys.line(program: program, home: team.home, name: name, key: publicKey))
        try Self.write(file, to: keys.path)
        print("added \(name) (\(role.rawValue)) to \(keys.path): they connect with `ssh -t ACCOUNT@HOST` and their key")
        try finishOutput()
    }

    /// The file replaced atomically, keeping its mode (0600 for a new one, with ~/.ssh made 0700).
    static func write(_ file: AuthorizedKeys, to path: String) throws {
        var status = stat()
        let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o600
        do {
            try AtomicFile.makeFolders((path as NSString).deletingLastPathComponent, mode: 0o700)
            try AtomicFile.write(Array(file.text.utf8), to: path, replacing: true, mode: mode)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(74)
        }
    }

    /// A path made absolute (the forced command runs from the account's home), symbolic links kept.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.contains("/") { return FileManager.default.currentDirectoryPath + "/" + path }
        // Found on PATH.
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where access(folder + "/" + path, X_OK) == 0 {
            return folder + "/" + path
        }
        return path
    }
}
