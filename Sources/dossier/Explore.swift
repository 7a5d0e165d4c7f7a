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
        if let problem = TerminalCheck.problem(environment: ProcessEnvironment.current) {
            printError("dossier: \(problem)")
            throw ExitCode(2)
        }
        // Mistakes in the configuration do not stop the explorer: it starts with the defaults for what
        // was wrong, and its status line says the first mistake (all are on standard error at the end).
        let configuration = try config.load(sayProblems: false)
        // The corpus to open: --data, else the configuration's [explorer] corpus, else the bundled one.
        let dataPath = corpus.data ?? configuration.corpus
        try ExplorerLaunch(dataPath: dataPath, notesPath: notes.path(corpus: dataPath), noCache: corpus.noCache, ascii: ascii, fresh: fresh,
                           mouse: mouse, sessionPath: sessionPath(corpus: dataPath), author: configuration.author, configuration: configuration).run()
    }
}

/// What the explorer opens with: the command's options (`Explore`), or a team session's
/// (`TeamSession`: the team's corpus and notes, the analyst's name and place, a reader's refusal to
/// edit, no Ctrl-Z).
struct ExplorerLaunch {
    var dataPath: String?
    var notesPath: String
    var noCache = false
    var ascii = false
    var fresh = false
    var mouse: Bool?
    var sessionPath: String
    /// Who signs notes and edits: the configuration's author, else `$USER`, else the account's name.
    var author: String?
    /// Set for a team's reader: the corpus is not edited, and this says why.
    var readOnly: String?
    var suspendable = true
    /// What the tab line calls the corpus (default: its folder's or file's name).
    var corpusName: String?
    var configuration: Configuration

    func run() throws {
        let environment = ProcessEnvironment.current
        if let problem = TerminalCheck.problem(environment: environment) {
            printError("dossier: \(problem)")
            throw ExitCode(2)
        }
        let settings = ExplorerSession.Settings(keymap: configuration.keymap, citation: configuration.citation ?? .standard,
                                                palette: configuration.palette, mouse: mouse ?? configuration.mouse ?? false, suspendable: suspendable)
        // The notes file is read (and checked) before the screen is taken: one that is not a notes file is
        // refused here, with the terminal as it was.
        let notesFile: NotesFile
        do {
            notesFile = try NotesFile(path: notesPath)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(65)
        }
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
                    if noCache {
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
        let editor = readOnly != nil ? nil : dataPath.flatMap { path in
            CorpusLoader.isDirectory(path) ? try? CorpusEditor(directory: path, log: EditTarget.log(for: path, author: NoteStamp.author(environment: environment, configured: author))) : nil
        }
        let outcome: ExplorerSession.Outcome
        do {
            let staged = files.flatMap { StagedLoad(files: $0, width: 80, height: 24, afterLoad: afterLoad) }
            files = nil  // the staged load owns the bytes now, and drops them once they are decoded
            // What the explorer opens on: the whole corpus from its index, a staged load's preview (the
            // rest comes while the first frame is shown), or a single file read with its problems.
            let start: (initial: State, pending: StagedLoad?)
            if let warm {
                var initial = State(corpus: warm.loaded.corpus, width: 80, height: 24, search: warm.search)
                initial.problems = warm.loaded.problems
                start = (initial, nil)
            } else if let staged {
                start = (staged.preview, staged)
            } else {
                // Opened with its problems (listed with `!`); only a file that does not parse is refused.
                let opened = try CorpusOptions.load(path: dataPath, showWarnings: false, mode: .tolerant, cache: !noCache, search: true, countWarnings: false)
                var initial = State(corpus: opened.loaded.corpus, width: 80, height: 24, search: opened.search)
                initial.problems = opened.loaded.problems
                initial.readOnlyReason = "a corpus in one JSON file is edited by hand; a corpus directory can be edited here (see docs/editing.md)"
                start = (initial, nil)
            }
            var initial = start.initial
            if let readOnly { initial.readOnlyReason = readOnly }
            initial.corpusName = corpusName ?? dataPath.map { URL(fileURLWithPath: $0).lastPathComponent }
            outcome = try ExplorerSession.run(initial: initial, pending: start.pending, environment: environment, asciiOnly: ascii, notes: notesFile,
                                              author: author, notice: notice, editor: editor, session: (sessionPath, !fresh), settings: settings,
                                              corpusPath: dataPath)
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
