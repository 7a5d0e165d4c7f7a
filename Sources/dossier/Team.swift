import ArgumentParser
import DossierModel
import DossierTeam
import Foundation

/// `dossier team`: a team of analysts on one server, each reaching the explorer over SSH with their
/// own key and name through OpenSSH's forced commands (docs/team.md).
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Serve one corpus to a team over SSH: a team folder, and an authorized_keys line per analyst (see docs/team.md).",
        subcommands: [TeamInit.self, TeamAdd.self, TeamList.self, TeamRemove.self, TeamCheckCommand.self, TeamSession.self])
}

extension TeamFolder.Role: ExpressibleByArgument {}

/// The team folder a `team` command works on: `--team HOME`, else the account's own.
struct TeamHome: ParsableArguments {
    @Option(name: .customLong("team"), help: ArgumentHelp("The team folder (default: $XDG_DATA_HOME/dossier/team, ~/.local/share/dossier/team).",
                                                          valueName: "HOME"), completion: .directory)
    var home: String?

    var team: TeamFolder { TeamFolder(home: home ?? Self.standard) }

    /// The team's members; a folder that is not a team's ends the command with its reason.
    func members() throws -> [TeamFolder.Member] {
        do {
            return try team.readMembers()
        } catch {
            throw fail(error)
        }
    }

    /// `$XDG_DATA_HOME/dossier/team`: where `team init` makes the folder when not told where.
    static var standard: String { UserFolders.data(environment: ProcessInfo.processInfo.environment) + "/team" }
}

/// The `authorized_keys` file a command edits or checks.
struct AuthorizedKeysOption: ParsableArguments {
    @Option(help: ArgumentHelp("The authorized_keys file (default: ~/.ssh/authorized_keys of this account).", valueName: "PATH"), completion: .file())
    var authorizedKeys: String?

    var path: String {
        if let authorizedKeys {
            return authorizedKeys.hasPrefix("/") ? authorizedKeys : FileManager.default.currentDirectoryPath + "/" + authorizedKeys
        }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.ssh/authorized_keys"
    }

    /// The file as it is (empty when there is none yet).
    func read() throws -> AuthorizedKeys {
        guard FileManager.default.fileExists(atPath: path) else { return AuthorizedKeys(text: "") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            printError("dossier: cannot read \(path)")
            throw ExitCode(66)
        }
        return AuthorizedKeys(text: text)
    }
}

/// Says a team command's problem and ends with its exit code.
func fail(_ error: TeamError) -> ExitCode {
    printError("dossier: \(error)")
    switch error {
    case .invalid: return ExitCode(65)
    case .unreadable: return ExitCode(66)
    }
}
