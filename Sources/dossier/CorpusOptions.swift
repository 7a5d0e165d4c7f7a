import ArgumentParser
import CTerminalSupport
import DossierApp
import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// `--data PATH`, shared by every command that reads a corpus.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A corpus directory or single JSON file (default: the bundled corpus).", valueName: "PATH"))
    var data: String?

    /// Loads the chosen corpus, or prints every problem and exits 65 (invalid) or 66 (unreadable).
    func load(showWarnings: Bool = false) throws -> Corpus {
        try CorpusOptions.load(path: data, showWarnings: showWarnings).corpus
    }

    static func load(path: String?, showWarnings: Bool) throws -> LoadedCorpus {
        let result: Result<LoadedCorpus, CorpusError>
        if let path {
            result = Result { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        } else {
            result = Result { () throws(CorpusError) in try BundledCorpus.load() }
        }
        switch result {
        case .success(let loaded):
            if showWarnings { loaded.warnings.forEach { printError($0.description) } }
            return loaded
        case .failure(let error):
            throw report(error, path: path)
        }
    }

    /// Prints a load failure, every problem located, and gives the exit code: 66 unreadable, 65 invalid.
    static func report(_ error: CorpusError, path: String?) -> ExitCode {
        switch error {
        case .unreadable(let path, let reason):
            printError("dossier: cannot read \(path): \(reason)")
            return ExitCode(66)
        case .invalid(let diagnostics):
            diagnostics.forEach { printError($0.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            printError("dossier: \(path ?? "the bundled corpus") is not a valid corpus: \(plural(errors, "error")), \(plural(warnings, "warning"))")
            return ExitCode(65)
        }
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

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
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
