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

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the explorer (the default command).")

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var notes: NotesOptions
    @OptionGroup var config: ConfigOptions

    @Flag(help: "Draw with ASCII only (accents dropped, symbols as look-alikes), for a terminal that cannot show UTF-8.")
    var ascii = false

    @Flag(help: "Start at the first view, not where you left this corpus (the place is still kept when you quit).")
    var fresh = false

    @Flag(inversion: .prefixedNo, help: "Take the mouse: the wheel scrolls the pane under the pointer, a click selects, a double click opens (select text with Shift held). Default: the configuration's [explorer] mouse, else off.")
    var mouse: Bool?

    /// `$XDG_STATE_HOME/dossier/session-…json` (`~/.local/state/dossier/`): one per corpus, as notes are.
    func sessionPath(corpus dataPath: String?) -> String {
        let state = UserFolders.state(environment: ProcessInfo.processInfo.environment)
        try? AtomicFile.makeFolders(state, mode: 0o700)
        return state + "/" + UserFolders.fileName("session", corpus: dataPath, extension: "json")
    }

    func run() throws {
        let environment = ProcessEnvironment.current
        if let problem = TerminalCheck.problem(environment: environment) {
            printError("dossier: \(problem)")
            throw ExitCode(2)
        }
        // Mistakes in the configuration do not stop the explorer: it starts with the defaults for what
        // was wrong, and its status line says the first mistake (all are on standard error at the end).
        let configuration = try config.load(sayProblems: false)
        // The corpus to open: --data, else the configuration's [explorer] corpus, else the bundled one.
        let dataPath = corpus.data ?? configuration.corpus
        let sessionPath = sessionPath(corpus: dataPath)
        let settings = ExplorerSession.Settings(keymap: configuration.keymap, citation: configuration.citation ?? .standard,
                                                palette: configuration.palette, mouse: mouse ?? configuration.mouse ?? false)
        // The notes file is read (and checked) before the screen is taken: one that is not a notes file is
        // refused here, with the terminal as it was.
        let notesFile = try notes.open(corpus: dataPath)
        let notice = configuration.problems.first.map { "Configuration: \($0)" + (configuration.problems.count > 1 ? " (and \(configuration.problems.count - 1) more)" : "") }
        defer { for problem in configuration.problems { printError("dossier: warning: \(SafeText.line(problem.description))") } }
        // A directory corpus (and the bundled one) loads in stages: the articles show at once and the
        // rest loads in the background. A single-file corpus is loaded whole first; either way a
        // problem with the corpus is reported with its location and the terminal left as it was.
        // A corpus whose index in the cache is fresh opens from it at once, searchable; otherwise the
        // index is written once the staged load is done.
        var files: [String: SourceFile]?
        var warm: CorpusCache.Loaded?
        var afterLoad: (@Sendable (LoadedCorpus, SearchIndex) -> Void)?
        let cacheProblem = SharedMessage()
        if let path = dataPath {
            if CorpusLoader.isDirectory(path) {
                do {
                    if corpus.noCache {
                        files = try CorpusLoader.readDirectory(path)
                    } else {
                        let cache = CorpusOptions.cache
                        switch try cache.open(path: path, search: true) {
                        case .warm(let loaded):
                            warm = loaded
                        case .cold(let opening, let reason):
                            files = opening.directory
                            let stamps = opening.withoutFiles
                            afterLoad = { loaded, search in
                                if let problem = cache.store(loaded, search: search, for: stamps, reason: reason).problem { cacheProblem.set(problem) }
                            }
                        }
                    }
                } catch {
                    throw CorpusOptions.report(error, path: path)
                }
            }
        } else {
            files = BundledCorpus.files()
        }
        // A corpus directory can be edited from the explorer (v, then Enter, in the reader); a single
        // file and the bundled corpus cannot.
        let editor = dataPath.flatMap { path in
            CorpusLoader.isDirectory(path) ? try? CorpusEditor(directory: path, log: EditTarget.log(for: path, author: NoteStamp.author(environment: environment, configured: configuration.author))) : nil
        }
        let outcome: ExplorerSession.Outcome
        do {
            // The explorer reads article bodies through the store it is handed here, and nowhere else.
            let staged = files.flatMap { StagedLoad(files: $0, width: 80, height: 24, bodies: .corpus, afterLoad: afterLoad) }
            files = nil  // the staged load owns the bytes now, and drops them once they are decoded
            if let warm {
                var initial = State(corpus: warm.loaded.corpus, width: 80, height: 24, bodies: .corpus, search: warm.search)
                initial.problems = warm.loaded.problems
                outcome = try ExplorerSession.run(initial: initial, pending: nil, environment: environment, asciiOnly: ascii, notes: notesFile,
                                                  author: configuration.author, notice: notice, editor: editor, session: (sessionPath, !fresh), settings: settings,
                                                  corpusPath: dataPath)
            } else if let staged {
                outcome = try ExplorerSession.run(initial: staged.preview, pending: staged, environment: environment, asciiOnly: ascii, notes: notesFile,
                                                  author: configuration.author, notice: notice, editor: editor, session: (sessionPath, !fresh), settings: settings,
                                                  corpusPath: dataPath)
            } else {
                // Opened with its problems (listed with `!`); only a file that does not parse is refused.
                let opened = try CorpusOptions.load(path: dataPath, showWarnings: false, mode: .tolerant, cache: !corpus.noCache, search: true)
                var initial = State(corpus: opened.loaded.corpus, width: 80, height: 24, bodies: .corpus, search: opened.search)
                initial.problems = opened.loaded.problems
                initial.readOnlyReason = "a corpus in one JSON file is edited by hand; a corpus directory can be edited here (see docs/editing.md)"
                outcome = try ExplorerSession.run(initial: initial, pending: nil, environment: environment, asciiOnly: ascii, notes: notesFile,
                                                  author: configuration.author, notice: notice, editor: editor, session: (sessionPath, !fresh), settings: settings,
                                                  corpusPath: dataPath)
            }
        } catch let error as TerminalError {
            printError("dossier: \(error)")
            throw ExitCode(2)
        }
        // Said once the screen is the terminal's again.
        if let problem = cacheProblem.value { printError("dossier: warning: \(problem)") }
        switch outcome {
        case .terminalGone: printError("dossier: the terminal went away")
        case .loadFailed(let error): throw CorpusOptions.report(error, path: dataPath)
        default: break
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

/// A line one thread leaves for another to say (the index writer's, for the explorer's exit).
final class SharedMessage: Sendable {
    private let message = Mutex<String?>(nil)

    func set(_ value: String) { message.withLock { $0 = value } }
    var value: String? { message.withLock { $0 } }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a corpus and print every problem found, located by file:line:column and id.",
        discussion: "Exit 0 with a one-line summary for a valid corpus (warnings go to standard error), 65 for an invalid one, 66 for a path that does not exist or cannot be read.")

    @Argument(help: ArgumentHelp("A corpus directory or single JSON file (default: the bundled corpus).", valueName: "PATH"),
              completion: .file(extensions: ["json"]))
    var path: String?

    @Flag(help: "Print every problem; by default, after 20 of one kind (the same mistake at other places) a line says how many more there are.")
    var all = false

    @Flag(name: .customLong("no-cache"), help: "Check the corpus's JSON again even when its index in the cache is fresh (and write no index).")
    var noCache = false

    func run() throws {
        let loaded = try CorpusOptions.load(path: path, showWarnings: true, all: all, cache: !noCache).loaded
        let warnings = loaded.warnings.isEmpty ? "" : " (\(plural(loaded.warnings.count, "warning")))"
        print("valid: \(loaded.corpus.summary)\(warnings)")
        try finishOutput()
    }
}

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
            print(RecordText.table(header: ["KIND", "ID", "FIELD", "SOURCE", "CONTEXT"], rows: hits.map {
                [$0.kind.rawValue, $0.id, $0.field.rawValue, source(of: $0, in: loaded) ?? "", $0.context]
            }, width: width.columns, whole: [0, 1, 2]), terminator: "")
        }
        try finishOutput()
    }
}

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

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let loaded = try corpus.load()
        let format = format ?? out.flatMap { $0 == "-" ? nil : ExportFormat(fileName: $0) } ?? .csv
        let text: String
        do {
            if format == .annotations {
                guard kind == .excerpts else { throw ExportError.annotationsNeedExcerpts(kind) }
                text = try readingBodies { () throws(ArticleBody.Unreadable) in try Export.annotations(corpus: loaded) }
            } else {
                text = try Export.render(Export.table(kind, corpus: loaded), as: format)
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

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic corpus of N articles (for benchmarks and scale tests).",
        discussion: "N/5 actors, N/10 statements with 2–40 signatories, 3 excerpts an article, N/20 events; 2–8 KB bodies with accented, CJK and curly-quoted text. The same N and seed give the same files.",
        shouldDisplay: false)

    // Taken as words, not as an Int, so that `generate -5 DIR` is told about -5 (a dash-led number
    // would otherwise be taken for an option, and DIR blamed for not being a number).
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("How many articles (1 or more), then the directory to write (created if needed).",
                                                             valueName: "articles> <directory"))
    var words: [String] = []

    @Option(help: "The random seed.")
    var seed: UInt64 = 2019

    var articles: Int { Int(words[0]) ?? 0 }
    var directory: String { words[1] }

    func validate() throws {
        guard words.count == 2 else { throw ValidationError("expected the number of articles and a directory, got \(words.count) argument\(words.count == 1 ? "" : "s")") }
        guard let count = Int(words[0]) else { throw ValidationError("the number of articles must be a whole number, got \(words[0].debugDescription)") }
        guard count >= 1 else { throw ValidationError("the number of articles must be 1 or more, got \(count)") }
    }

    func run() throws {
        let bytes = try CorpusGenerator(articles: articles, seed: seed).write(to: directory)
        print("wrote \(directory): \(bytes) bytes")
        try finishOutput()
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the explorer's key bindings as Markdown: yours, with your configuration's [keys] (docs/keys.md is the output with --default).")

    @Flag(help: "The standard keys, whatever the configuration says.")
    var `default` = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let keymap = `default` ? Keymap.standard : try config.load().keymap
        print(keymap.markdown(), terminator: "")
        try finishOutput()
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the configuration in effect, each value with where it came from (see docs/configuration.md).",
        discussion: "Mistakes in the file are said on standard error, located (file:line:column), and their settings shown at their defaults; the exit status is 0 all the same, as the explorer starts with them.")

    @Flag(help: "Print a configuration file with every setting at its default, commented out, to start yours from.")
    var `default` = false

    @OptionGroup var config: ConfigOptions

    func run() throws {
        if `default` {
            print(Configuration.defaultText(), terminator: "")
        } else {
            let loaded = try config.load()
            let environment = ProcessInfo.processInfo.environment
            print(loaded.effectiveText(author: NoteStamp.author(environment: environment, configured: nil)), terminator: "")
        }
        try finishOutput()
    }
}

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

/// What `show` prints.
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
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

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one record by id, with the excerpts behind its facts.")

    @Argument(help: ArgumentHelp("The id of an article, actor, statement, event or excerpt; or an actor's name or alias, or a title, when only one record has it.",
                                 valueName: "id-or-name"),
              completion: .custom(CorpusCompletion.ids))
    var id: String

    /// The record `id` names: an id, else the one record with that name; nil (said on standard error)
    /// when there is none or more than one, with the ids the user may have meant.
    func recordID(in loaded: Corpus) throws -> String? {
        if loaded.kind(of: id) != nil { return id }
        let shown = SafeText.line(String(id.prefix(80))).debugDescription
        let named = loaded.ids(named: id)
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            printError("dossier: \(shown) is the name of \(named.count) records; give one of their ids: "
                       + named.prefix(10).map { "\($0) (\(loaded.kind(of: $0)!.rawValue))" }.joined(separator: ", "))
            return nil
        }
        var message = "dossier: no record has id or name \(shown)"
        let near = loaded.allIDs.filter { $0.hasPrefix(id) || $0.contains(id) }.sorted().prefix(5)
        if !near.isEmpty { message += "; similar ids: " + near.joined(separator: ", ") }
        let partly = loaded.ids(named: id, partly: true).prefix(5)
        if !partly.isEmpty {
            message += "; names that contain it: " + partly.map { "\($0) (\(DisplayWidth.truncate(SafeText.line(loaded.name(of: $0) ?? ""), to: 60)))" }.joined(separator: ", ")
        }
        printError(message)
        return nil
    }

    @Option(help: "text (readable, references resolved) or json (the record as in the data format).")
    var format: RecordFormat = .text

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let loaded = try corpus.load()
        guard let id = try recordID(in: loaded) else { throw ExitCode(1) }
        switch format {
        case .json: print(JSONWriter.write(try readingBodies { () throws(ArticleBody.Unreadable) in try RecordJSON.value(ofRecord: id, in: loaded)! }))
        default: print(try readingBodies { () throws(ArticleBody.Unreadable) in try RecordText.describe(id, in: loaded)! }, terminator: "")
        }
        try finishOutput()
    }
}

enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
