import ArgumentParser
import DossierApp
import DossierConfig
import DossierGenerator
import DossierModel
import DossierTerminal
import Foundation
import Synchronization
import CTerminalSupport
#if canImport(Glibc)
import Glibc
#endif

/// How wide a `list` or `search` table is: the terminal's width when standard output is one, else
/// $COLUMNS, else 80; `--wide`: every cell whole, for a pager or a file.
struct TableWidth: ParsableArguments {
    @Flag(name: [.customShort("w"), .long], help: "Print every cell whole instead of fitting the table to the terminal's width (or $COLUMNS, or 80).")
    var wide = false

    var columns: Int? {
        if wide { return nil }
        var rows: Int32 = 0
        var columns: Int32 = 0
        if isatty(STDOUT_FILENO) == 1, dossier_window_size(STDOUT_FILENO, &rows, &columns) == 0 { return Int(columns) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        return 80
    }
}

/// What `list` and `search` print: only these are offered (in --help and completions) and accepted.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension RecordKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = RecordKind.allCases.first(where: { $0.collectionName == argument || $0.rawValue == argument }) else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { allCases.map(\.collectionName) }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the articles, actors, statements, events or excerpts of a corpus.")

    @Argument(help: "What to list: articles, actors, statements, events or excerpts.")
    var kind: RecordKind

    @Option(help: "table (aligned columns) or json (the records as in the data format, excerpts with start/end).")
    var format: TableFormat = .table

    @OptionGroup var width: TableWidth

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let loaded = try corpus.load()
        switch format {
        case .json: print(JSONWriter.write(.list(try readingBodies { () throws(ArticleBody.Unreadable) in try RecordJSON.values(of: kind, in: loaded) })))
        default: print(RecordText.table(of: kind, in: loaded, width: width.columns), terminator: "")
        }
        try finishOutput()
    }
}
