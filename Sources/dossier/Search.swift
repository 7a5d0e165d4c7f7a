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

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search article bodies, titles, excerpts, names and aliases (ignoring case and accents).",
        discussion: "The same results as the explorer's search (f), grouped by kind. JSON gives each hit's field and its start/end in code points of that field's text. Exit 1 when nothing matches.")

    @Argument(help: "The text to find.")
    var query: String

    @Option(help: "table or json.")
    var format: TableFormat = .table

    @OptionGroup var width: TableWidth

    @OptionGroup var corpus: CorpusOptions

    /// According to whom, for an excerpt ("CNN, via China Digital Times") or an article (its publisher).
    func source(of hit: SearchIndex.Hit, in corpus: Corpus) -> String? {
        switch hit.kind {
        case .excerpt: return corpus.excerpt(hit.id).map(corpus.attribution(of:))
        case .article: return corpus.article(hit.id)?.publisher
        default: return nil
        }
    }

    func run() throws {
        let (loaded, index) = try corpus.loadSearchable()
        let hits = index.search(query)
        // Like grep: no match prints nothing (not an empty table or list) and is exit status 1, so
        // scripts can branch on it.
        guard !hits.isEmpty else {
            // JSON output is JSON even with nothing in it (issue 32).
            if format == .json { print("[]") }
            printError("dossier: nothing matches \(SafeText.line(String(query.prefix(80))).debugDescription)")
            throw ExitCode(1)
        }
        switch format {
        case .json:
            let values = try readingBodies { () throws(ArticleBody.Unreadable) in
                // Every hit's code-point range in one pass over each text, not one pass per hit.
                let ranges = try SearchIndex.scalarRanges(of: hits)
                return zip(hits, ranges).map { hit, range -> JSONValue in
                    .object([("kind", .string(hit.kind.rawValue)), ("id", .string(hit.id)), ("field", .string(hit.field.rawValue)),
                             ("start", .int(range.lowerBound)), ("end", .int(range.upperBound)),
                             ("context", .string(hit.context)), ("source", source(of: hit, in: loaded).map(JSONValue.string))])
                }
            }
            print(JSONWriter.write(.list(values)))
        default:
            // The hit stays in view, in the middle of what its column shows (issue 32: "…olstered by a stat…").
            let contexts = hits.map(\.contextAndHighlight)
            print(RecordText.table(header: ["KIND", "ID", "FIELD", "SOURCE", "CONTEXT"], rows: zip(hits, contexts).map { hit, context in
                [hit.kind.rawValue, hit.id, hit.field.rawValue, source(of: hit, in: loaded) ?? "", context.context]
            }, width: width.columns, whole: [0, 1, 2], focus: contexts.map(\.highlight)), terminator: "")
        }
        try finishOutput()
    }
}
