import ArgumentParser
import DossierModel

@main
struct Dossier: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Explore who said and signed what, with the source excerpt behind every fact.",
        discussion: """
            With no command, opens the explorer on the bundled corpus (or on --data PATH).
            Exit codes: 0 success, 1 unknown id, 2 no usable terminal, 64 usage, 65 invalid corpus,
            66 path missing or unreadable, 73 a file would be replaced, 74 a write failed,
            77 a team session for someone not in the team.
            """,
        version: version,
        subcommands: [Explore.self, Validate.self, List.self, Show.self, Search.self, ExportCommand.self, NotesCommand.self, Init.self, Import.self, Add.self, Remove.self, Unlink.self, Undo.self, Repair.self, CacheCommand.self, TeamCommand.self, ConfigCommand.self, Keys.self, Manual.self, Generate.self],
        defaultSubcommand: Explore.self
    )
}
