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
        let bytes: Int
        do {
            bytes = try CorpusGenerator(articles: articles, seed: seed).write(to: directory)
        } catch let error as GeneratorError {
            // Where it could not write, said as every other write failure is (exit 74).
            printError("dossier: " + error.message)
            throw ExitCode(74)
        }
        print("wrote \(directory): \(bytes) bytes")
        try finishOutput()
    }
}
