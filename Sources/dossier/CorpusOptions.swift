import ArgumentParser
import CTerminalSupport
import DossierApp
import DossierModel
import DossierTeam
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `--data PATH`, shared by every command that reads a corpus.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A corpus directory or single JSON file (default: the bundled corpus).", valueName: "PATH"),
            completion: .file(extensions: ["json"]))
    var data: String?

    @Flag(name: .customLong("no-cache"), help: "Read the corpus's JSON, not its index in the cache (and write no index).")
    var noCache = false

    /// Loads the chosen corpus, or prints every problem and exits 65 (invalid) or 66 (unreadable).
    func load(showWarnings: Bool = false) throws -> Corpus {
        try CorpusOptions.load(path: data, showWarnings: showWarnings, cache: !noCache).loaded.corpus
    }

    /// The corpus with its search index, both from the index in the cache when it is fresh.
    func loadSearchable() throws -> (corpus: Corpus, search: SearchIndex) {
        let result = try CorpusOptions.load(path: data, showWarnings: false, cache: !noCache, search: true)
        return (result.loaded.corpus, result.search ?? SearchIndex(corpus: result.loaded.corpus))
    }

    /// The persistent index's folder and this program's version (see `CorpusCache`).
    static var cache: CorpusCache {
        CorpusCache(folder: CorpusCache.folder(environment: ProcessInfo.processInfo.environment), programVersion: Dossier.version)
    }

    /// Loads a corpus: through the persistent index for one at a path (unless `cache` is false), the
    /// bundled corpus from the bytes in the program. A cache folder that cannot be written is said once,
    /// as a warning, and the load goes on without it.
    /// `countWarnings`: where the warnings are not printed (list, search, show…), one line says how
    /// many there are and where to read them (issue 32: not twenty of them on every command).
    static func load(path: String?, showWarnings: Bool, mode: LoadMode = .strict, all: Bool = false, cache useCache: Bool = true,
                     search: Bool = false, countWarnings: Bool = true) throws -> CorpusCache.Loaded {
        let result: Result<CorpusCache.Loaded, CorpusError>
        if let path, useCache {
            result = Result { () throws(CorpusError) in try cache.load(path: path, mode: mode, search: search) }
        } else {
            result = Result { () throws(CorpusError) in
                let loaded = if let path { try CorpusLoader.load(path: path, mode: mode) } else { try BundledCorpus.load() }
                return CorpusCache.Loaded(loaded: loaded, search: search ? SearchIndex(corpus: loaded.corpus) : nil,
                                          use: .off, problem: nil)
            }
        }
        switch result {
        case .success(let loaded):
            KeptUntilExit.keep(loaded)
            if let problem = loaded.problem { printError("dossier: warning: \(problem)") }
            if ProcessInfo.processInfo.environment["DOSSIER_CACHE_REPORT"] != nil { printError("dossier: index: \(loaded.use)") }
            let warnings = Diagnostic.count(loaded.loaded.warnings, .warning)
            if showWarnings {
                printProblems(loaded.loaded.warnings, all: all)
            } else if countWarnings && warnings > 0 {
                let validate = "dossier validate" + (path.map { " " + ShellWords.quote($0) } ?? "")
                printError("dossier: the corpus has \(warnings) warning\(warnings == 1 ? "" : "s"): `\(validate)` lists \(warnings == 1 ? "it" : "them")")
            }
            return loaded
        case .failure(let error):
            throw report(error, path: path, all: all)
        }
    }

    /// How many problems of one kind are printed before the rest are counted (`--all` prints them all).
    static let shownOfOneKind = 20

    /// Prints problems, each located; after `shownOfOneKind` of one kind (the same mistake at other
    /// places), a line says how many more there are, unless `all` is set.
    /// A load keeps a thousand of a kind and counts the rest on the last (`Diagnostic.alsoOmitted`):
    /// those are in the count of the ones not printed.
    static func printProblems(_ diagnostics: [Diagnostic], all: Bool) {
        var total: [String: Int] = [:]
        if !all { for diagnostic in diagnostics { total[diagnostic.kind, default: 0] += 1 + diagnostic.alsoOmitted } }
        // What the messages of each kind with more than are printed have in common, said once for them.
        var common: [String: String] = [:]
        if !all {
            let counted = Set(total.filter { $0.value > shownOfOneKind }.keys)
            let grouped = Dictionary(grouping: diagnostics.lazy.filter { counted.contains($0.kind) }, by: \.kind)
            for (kind, group) in grouped { common[kind] = Diagnostic.common(group.lazy.map(\.message)) }
        }
        var printed: [String: Int] = [:]
        for diagnostic in diagnostics {
            let kind = diagnostic.kind
            let count = (printed[kind] ?? 0) + 1
            printed[kind] = count
            if !all && count > shownOfOneKind { continue }
            printError(diagnostic.description)
            if !all && count == shownOfOneKind, let more = total[kind].map({ $0 - shownOfOneKind }), more > 0 {
                printError("dossier: … and \(more) more like the last (\(diagnostic.severity.rawValue): \(common[kind] ?? diagnostic.message)); --all prints every one")
            }
        }
    }

    /// Prints a load failure, every problem located, and gives the exit code: 66 unreadable, 65 invalid.
    static func report(_ error: CorpusError, path: String?, all: Bool = false) -> ExitCode {
        switch error {
        case .unreadable(let path, let reason):
            printError("dossier: cannot read \(path): \(reason)")
            return ExitCode(66)
        case .invalid(let diagnostics):
            printProblems(diagnostics, all: all)
            let errors = Diagnostic.count(diagnostics, .error)
            let warnings = Diagnostic.count(diagnostics, .warning)
            printError("dossier: \(path ?? "the bundled corpus") is not a valid corpus: \(plural(errors, "error")), \(plural(warnings, "warning"))")
            return ExitCode(65)
        }
    }
}

/// What a one-shot command loaded, kept until the process exits: freeing a corpus record by record
/// only to exit took a tenth of a warm command's time, and the system takes it back whole anyway.
enum KeptUntilExit {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}

/// Runs output that reads article bodies from their file; a file changed since it was loaded is
/// reported, not printed as something else: exit 66, as for any input that cannot be read.
func readingBodies<T>(_ body: () throws(ArticleBody.Unreadable) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("dossier: \(error)")
        throw ExitCode(66)
    }
}

/// Flushes standard output and fails with exit 74 (EX_IOERR) when what was printed did not all get
/// written (a full disk, `> /dev/full`, a closed pipe): a script must not take a cut-off list for a
/// whole one.
func finishOutput() throws {
    let failure = dossier_finish_standard_output()
    if failure != 0 {
        let reason = failure > 0 ? String(cString: strerror(failure)) : "a write failed (a full disk or a closed pipe?)"
        printError("dossier: cannot write the output: \(reason)")
        throw ExitCode(74)
    }
}

/// Writes one line to standard error; text that came from data is made safe for the terminal first.
func printError(_ line: String) {
    var text = SafeText.line(line) + "\n"
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}
