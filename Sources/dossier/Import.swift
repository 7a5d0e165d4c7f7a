import ArgumentParser
import DossierImport
import DossierModel
#if canImport(Glibc)
import Glibc
#endif

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add articles (web pages, Markdown, text) or signatories (a CSV table) to a corpus directory.",
        discussion: "Nothing is written unless everything imported is valid and the corpus still validates after; each file is replaced atomically. See docs/import.md.",
        subcommands: [ImportArticles.self, ImportSignatories.self])
}

struct ImportArticles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Add articles from .html, .md or .txt files.",
        discussion: """
            A web page's title, publisher, date, URL and authors come from its metadata (Open Graph, \
            article:published_time, JSON-LD NewsArticle, <title>, <link rel=canonical>); a text file's from \
            a front-matter block (--- title: … ---). A flag replaces what the file says. What neither gives \
            is an error naming the flag to give. Exit 65 when a file lacks something, 66 when one cannot be read.
            """)

    @Argument(help: ArgumentHelp("The files to import.", valueName: "FILE"), completion: .file())
    var files: [String]

    @Option(help: ArgumentHelp("The corpus directory to add to.", valueName: "DIR"), completion: .directory)
    var into: String

    @Option(help: "The title (one file only).") var title: String?
    @Option(help: "The publisher.") var publisher: String?
    @Option(help: ArgumentHelp("The date: YYYY-MM-DD, YYYY-MM or YYYY.", valueName: "DATE")) var published: String?
    @Option(help: "The article's address (one file only).") var url: String?
    @Option(name: .customLong("author"), help: ArgumentHelp("An author (repeat for more).", valueName: "NAME")) var authors: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        do {
            let directory = try CorpusDirectory(into)
            let corpus = try directory.load()
            var drafts: [ArticleDraft] = []
            var problems: [String] = []
            for file in files {
                do { drafts.append(try ArticleImport.draft(of: file)) } catch {
                    if case .invalidInput(let lines) = error { problems += lines } else { throw error }
                }
            }
            if !problems.isEmpty { throw ImportError.invalidInput(problems) }
            let overrides = ArticleImport.Overrides(title: title, publisher: publisher, published: published, url: url, authors: authors)
            let records = try ArticleImport.records(from: drafts, overrides: overrides, corpus: corpus)
            try directory.append([(.article, records.map(\.record))])
            print("imported \(records.count) article\(records.count == 1 ? "" : "s") into \(into): " + records.map(\.id).joined(separator: ", "))
        } catch let error as ImportError {
            throw fail(error)
        }
        try finishOutput()
    }
}

struct ImportSignatories: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signatories",
        abstract: "Add statements and their signatories (or signatories to statements in the corpus) from a CSV table, each with the quote that names it.",
        discussion: """
            Columns (by header): statement_id, actor, article_id, quote, and for each new statement \
            statement_title, statement_date, statement_kind, stance; actor_kind (default state) for an \
            actor not in the corpus. An actor is found by id, ISO3 code, name or alias, else added (a state \
            with the ISO3 code its name tells). Rows for a statement in the corpus add its signatories, as \
            one edit `dossier undo` takes back. Every row is checked; a bad one is named FILE:ROW:COLUMN \
            and nothing is written (exit 65).
            """)

    @Argument(help: ArgumentHelp("The table.", valueName: "FILE.csv"), completion: .file(extensions: ["csv", "tsv"]))
    var file: String

    @Option(help: ArgumentHelp("The corpus directory to add to.", valueName: "DIR"), completion: .directory)
    var into: String

    func run() throws {
        do {
            let directory = try CorpusDirectory(into)
            let corpus = try directory.load()
            let bytes: [UInt8]
            do { bytes = try SourceFile.open(file).bytes } catch { throw ImportError.unreadable("cannot read \(file)") }
            guard var text = String(validating: bytes, as: UTF8.self) else {
                throw ImportError.invalidInput(["\(file):1:1: error: not UTF-8 text (save the table as CSV UTF-8)"])
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // spreadsheets' byte order mark
            let result = try SignatoryImport.read(text, file: file, corpus: corpus)
            for warning in result.warnings { printError("dossier: " + warning) }
            if result.signatures.isEmpty {
                // Actors first, then the excerpts naming them, then the statements citing both: killed
                // between any two files, the corpus left behind still validates.
                try directory.append([(.actor, result.actors), (.excerpt, result.excerpts), (.statement, result.statements)])
                print("imported into \(into): \(result.summary)")
            } else {
                // Statements in the corpus change: through the editing layer, as one edit (logged, so
                // `dossier undo` takes the whole import back).
                try runEdit(EditTarget.directory(into), said: { _ in "imported into \(into): \(result.summary) · dossier undo takes it back" }) {
                    corpus, record throws(EditError) in try result.edits(in: corpus, record: record)
                }
                return
            }
        } catch let error as ImportError {
            throw fail(error)
        }
        try finishOutput()
    }
}
