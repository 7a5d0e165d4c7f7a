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

/// What `show` prints.
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one record by id, with the excerpts behind its facts.")

    @Argument(help: ArgumentHelp("The id of an article, actor, statement, event or excerpt; or an actor's name or alias, or a title, when only one record has it.",
                                 valueName: "id-or-name"),
              completion: .custom(CorpusCompletion.ids))
    var id: String

    @Option(help: "text (readable, references resolved) or json (the record as in the data format).")
    var format: RecordFormat = .text

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let loaded = try corpus.load()
        let id = try RecordNaming.id(self.id, in: loaded)
        switch format {
        case .json: print(JSONWriter.write(try readingBodies { () throws(ArticleBody.Unreadable) in try RecordJSON.value(ofRecord: id, in: loaded)! }))
        default: print(try readingBodies { () throws(ArticleBody.Unreadable) in try RecordText.describe(id, in: loaded) { (article) throws(ArticleBody.Unreadable) in try article.body.text() }! }, terminator: "")
        }
        try finishOutput()
    }
}

/// What every command that takes a record takes (issue 32): its id, else an actor's name or alias or a
/// title that one record has, matched as `show` matches it (case, accents and runs of spaces folded).
enum RecordNaming {
    struct Problem: Error {
        var words: String
    }

    /// The id `given` names; when there is none, why is said and the command ends (exit 1).
    static func id(_ given: String, in corpus: Corpus) throws -> String {
        switch resolve(given, in: corpus) {
        case .success(let id): return id
        case .failure(let problem):
            printError("dossier: \(problem.words)")
            throw ExitCode(1)
        }
    }

    /// The id `given` names, or why there is none: no record has it (with the ids and names it may
    /// have meant: ids that contain it, names with its whole words), or several do (with their ids).
    static func resolve(_ given: String, in corpus: Corpus) -> Result<String, Problem> {
        if corpus.kind(of: given) != nil { return .success(given) }
        let shown = SafeText.line(String(given.prefix(80))).debugDescription
        let named = corpus.ids(named: given)
        if named.count == 1 { return .success(named[0]) }
        if named.count > 1 {
            return .failure(Problem(words: "\(shown) is the name of \(named.count) records; give one of their ids: "
                                    + named.prefix(10).map { "\($0) (\(corpus.kind(of: $0)?.rawValue ?? "record"))" }.joined(separator: ", ")))
        }
        var message = "no record has id or name \(shown)"
        let near = corpus.allIDs.filter { $0.hasPrefix(given) || $0.contains(given) }.sorted().prefix(5)
        if !near.isEmpty { message += "; similar ids: " + near.joined(separator: ", ") }
        let partly = corpus.ids(named: given, partly: true).prefix(5)
        if !partly.isEmpty {
            message += "; names that contain it: " + partly.map { "\($0) (\(DisplayWidth.truncate(SafeText.line(corpus.name(of: $0) ?? ""), to: 60)))" }.joined(separator: ", ")
        }
        return .failure(Problem(words: message))
    }
}
