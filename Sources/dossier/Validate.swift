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

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a corpus and print every problem found, located by file:line:column and id.",
        discussion: "Exit 0 with a one-line summary for a valid corpus (warnings go to standard error), 65 for an invalid one, 66 for a path that does not exist or cannot be read.")

    @Argument(help: ArgumentHelp("A corpus directory or single JSON file (default: the bundled corpus).", valueName: "PATH"),
              completion: .file(extensions: ["json"]))
    var path: String?

    /// As every other command takes it (issue 32: `validate --data DIR` answered "Did you mean '--all'?").
    @Option(help: ArgumentHelp("The same as PATH, as the other commands take it.", valueName: "PATH"), completion: .file(extensions: ["json"]))
    var data: String?

    @Flag(help: "Print every problem; by default, after 20 of one kind (the same mistake at other places) a line says how many more there are.")
    var all = false

    @Flag(name: .customLong("no-cache"), help: "Check the corpus's JSON again even when its index in the cache is fresh (and write no index).")
    var noCache = false

    func validate() throws {
        if path != nil && data != nil { throw ValidationError("Give the corpus once: PATH or --data PATH.") }
    }

    func run() throws {
        // Every problem, one by one, is kept only when asked for (a load keeps a thousand of a kind and
        // counts the rest); an index holds what a load kept, so --all reads the files.
        if all { CorpusLoader.keepProblems(ofOneKind: .max) }
        let loaded = try CorpusOptions.load(path: path ?? data, showWarnings: true, all: all, cache: !noCache && !all).loaded
        let warnings = loaded.warnings.isEmpty ? "" : " (\(plural(Diagnostic.count(loaded.warnings, .warning), "warning")))"
        print("valid: \(loaded.corpus.summary)\(warnings)")
        try finishOutput()
    }
}
