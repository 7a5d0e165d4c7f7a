import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a record by id; refused (exit 65) while other records refer to it.")

    @Argument(help: ArgumentHelp("The record to remove: its id, or a name or title one record has (as show takes it).", valueName: "ID"),
              completion: .custom(CorpusCompletion.ids)) var id: String
    @OptionGroup var target: EditTarget

    func run() throws {
        // A name is taken as show takes it; the id it resolved to is what the output says was removed.
        var removed = id
        try runEdit(target, said: { _ in "removed \(removed)" }) { corpus, _ throws(EditError) in
            let found: String
            switch RecordNaming.resolve(id, in: corpus) {
            case .success(let resolved): found = resolved
            case .failure(let problem): throw .unknown(corpus.ids(named: id).isEmpty ? "no record has the id “\(id)”" : problem.words)
            }
            guard let kind = corpus.kind(of: found) else { throw .unknown("no record has the id “\(found)”") }
            removed = found
            return [.remove(kind, id: found)]
        }
    }
}
