import ArgumentParser
import DossierApp
import DossierModel
import Foundation

/// `dossier cache`: where the corpus indexes are, how large, whether a corpus's is fresh; `clear`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the corpus indexes kept in $XDG_CACHE_HOME/dossier (see docs/performance.md).",
        subcommands: [CacheStatus.self, CacheClear.self],
        defaultSubcommand: CacheStatus.self)
}

struct CacheStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the indexes and their sizes; with --data, say whether that corpus's index is fresh, and why not.")

    @Option(help: ArgumentHelp("A corpus directory or single JSON file whose index to check.", valueName: "PATH"), completion: .file(extensions: ["json"]))
    var data: String?

    func run() throws {
        let cache = CorpusOptions.cache
        let entries = cache.entries()
        print("folder: \(cache.folder)")
        for entry in entries { print("\(megabytes(entry.bytes))  \(entry.name)") }
        print("\(plural(entries.count, "file")), \(megabytes(entries.reduce(0) { $0 + $1.bytes }))")
        if let data {
            let path = cache.indexPath(for: data)
            do {
                switch try cache.open(path: data, search: false) {
                case .warm: print("\(data): fresh (\((path as NSString).lastPathComponent))")
                case .cold(_, let reason): print("\(data): not fresh: \(reason); the next command that reads it writes a new one")
                }
            } catch {
                throw CorpusOptions.report(error, path: data)
            }
        }
        try finishOutput()
    }
}

struct CacheClear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every corpus index (and any a writer left half written); the next open of each corpus reads its JSON again.")

    func run() throws {
        let cache = CorpusOptions.cache
        do {
            let removed = try cache.clear()
            print("removed \(plural(removed.files, "file")) (\(megabytes(removed.bytes))) from \(cache.folder)")
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(74)
        }
        try finishOutput()
    }
}

/// "12.3 MB" (or "43 KB"), for sizes people read.
func megabytes(_ bytes: Int) -> String {
    bytes < 1_000_000 ? String(format: "%.0f KB", Double(bytes) / 1_000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
}
