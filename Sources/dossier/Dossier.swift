import ArgumentParser
import DossierModel
import Foundation

@main
struct Dossier: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Explore who said and signed what, with the source excerpt behind every fact.",
        discussion: """
            With no command, opens the explorer on the bundled corpus (or on --data PATH).
            --data, --config and --notes may come before the command as well as after it.
            Exit codes: 0 success, 1 unknown id, 2 no usable terminal, 64 usage, 65 invalid corpus,
            66 path missing or unreadable, 73 a file would be replaced, 74 a write failed,
            77 a team session for someone not in the team.
            """,
        version: version,
        subcommands: [Explore.self, Validate.self, List.self, Show.self, Search.self, ExportCommand.self, NotesCommand.self, Init.self, Import.self, Add.self, Remove.self, Unlink.self, Undo.self, Repair.self, CacheCommand.self, TeamCommand.self, ConfigCommand.self, Keys.self, Manual.self, Generate.self],
        defaultSubcommand: Explore.self
    )

    /// The command line as given, with what git-style habits expect made to work (issue 32): `--data`,
    /// `--config` and `--notes` before the command (`dossier --data DIR list actors`) go with it, and
    /// a command name that is not one (`dossier lst`) is said to be unknown, with the nearest.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch CommandLineHabits.rewrite(arguments, commands: configuration.subcommands.map { $0._commandName }) {
        case .run(let rewritten): main(rewritten)
        case .unknown(let message):
            printError("dossier: \(message)")
            Foundation.exit(64)
        }
    }
}

/// `dossier --data DIR list` and `dossier lst` (see `Dossier.main`).
enum CommandLineHabits {
    enum Outcome: Equatable {
        case run([String])
        case unknown(String)
    }

    /// The options every command that reads a corpus takes, which a user may give before the command.
    static let leading = ["--data", "--config", "--notes"]

    static func rewrite(_ arguments: [String], commands: [String]) -> Outcome {
        var moved: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if leading.contains(word), index + 1 < arguments.count {
                moved += [word, arguments[index + 1]]
                index += 2
            } else if leading.contains(where: { word.hasPrefix($0 + "=") }) {
                moved.append(word)
                index += 1
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard let first = rest.first, !first.hasPrefix("-") else { return .run(arguments) }
        guard commands.contains(first) || first == "help" else {
            let nearest = commands.min { distance(first, $0) < distance(first, $1) }
            let suggestion = nearest.flatMap { distance(first, $0) <= max(2, first.count / 3) || $0.hasPrefix(first) ? $0 : nil }
            return .unknown("error: '\(first)' is not a command" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (dossier --help lists them)")
        }
        guard !moved.isEmpty else { return .run(arguments) }
        // After the command and its words, before a `--` that ends the options.
        var rewritten = rest
        rewritten.insert(contentsOf: moved, at: rest.firstIndex(of: "--") ?? rest.endIndex)
        return .run(rewritten)
    }

    /// Levenshtein distance, for the nearest command name.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for (i, letter) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, other) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (letter == other ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
