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
