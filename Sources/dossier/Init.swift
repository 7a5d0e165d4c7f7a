import ArgumentParser
import DossierImport
import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// Ends an import that changed nothing: its problems on standard error, and its exit code.
func fail(_ error: ImportError) -> ExitCode {
    for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) { printError(String(line)) }
    return ExitCode(error.exitCode)
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a corpus: an empty, valid corpus directory with a README of the format (or a copy of the bundled corpus).",
        discussion: "Creates DIR (and its parents) if needed. Exit 73 if DIR holds files already.")

    @Argument(help: ArgumentHelp("The directory to create.", valueName: "DIR"), completion: .directory)
    var directory: String

    @Flag(help: "Start from a copy of the bundled corpus (which is compiled in and read-only), to edit it.")
    var fromBundled = false

    func run() throws {
        do {
            try CorpusTemplate.create(at: directory, files: fromBundled ? Dictionary(uniqueKeysWithValues: EmbeddedCorpus.files.map { ($0.collection, Array($0.text.utf8)) }) : [:])
        } catch {
            throw fail(error)
        }
        if fromBundled {
            print("created \(directory): a copy of the bundled corpus (edit it with `dossier add … --data \(directory)`, or open it with `dossier --data \(directory)`)")
        } else {
            print("created \(directory): an empty corpus (add articles with `dossier import articles FILE... --into \(directory)`)")
        }
        try finishOutput()
    }
}
