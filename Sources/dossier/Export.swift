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

extension ExportKind: ExpressibleByArgument {}

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one row per fact as CSV, TSV, Markdown, JSON or Web Annotations (see docs/export.md).",
        discussion: """
            signatories: each named signatory of each statement with the excerpt that names it; counts: each source's             figure; actors, statements, excerpts, events, timeline: one row per record. Every fact's row carries its             excerpt's quote and source (article, publisher, date, URL). CSV cells that a spreadsheet would run as a             formula start with an apostrophe. --format annotations writes the excerpts as a W3C Web Annotation             collection (JSON-LD).
            """)

    @Argument(help: "What to export: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: ExportKind

    @Option(help: "csv (default), tsv, markdown, json or annotations; with --out, the file's extension when not given.")
    var format: ExportFormat?

    @Option(help: ArgumentHelp("Write to this file (atomically), not standard output (- is standard output). Only a regular file is ever replaced.", valueName: "FILE"), completion: .file())
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @Option(help: ArgumentHelp("Only this statement's rows (signatories, counts): its id, or a title one statement has.", valueName: "ID"),
            completion: .custom(CorpusCompletion.ids))
    var statement: String?

    func validate() throws {
        if statement != nil && kind != .signatories && kind != .counts { throw ValidationError("--statement goes with signatories or counts.") }
    }

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let loaded = try corpus.load()
        // One statement's rows (issue 32: its signatories with their quotes could not be exported alone).
        var only: [String]?
        if let statement {
            let id = try RecordNaming.id(statement, in: loaded)
            guard loaded.statement(id) != nil else {
                printError("dossier: \(id) is not a statement")
                throw ExitCode(1)
            }
            only = [id]
        }
        let format = format ?? out.flatMap { $0 == "-" ? nil : ExportFormat(fileName: $0) } ?? .csv
        let text: String
        do {
            if format == .annotations {
                guard kind == .excerpts else { throw ExportError.annotationsNeedExcerpts(kind) }
                text = try readingBodies { () throws(ArticleBody.Unreadable) in try Export.annotations(corpus: loaded) { (article) throws(ArticleBody.Unreadable) in try article.body.text() } }
            } else {
                text = try Export.render(Export.table(kind, corpus: loaded, only: only), as: format)
            }
        } catch let error as ExportError {
            printError("dossier: \(error)")
            throw ExitCode(64)
        }
        guard let out, out != "-" else {
            print(text, terminator: "")
            try finishOutput()
            return
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: out, replacing: force)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(error.exists ? 73 : 74)
        }
    }
}
