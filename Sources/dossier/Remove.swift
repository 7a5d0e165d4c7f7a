import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a record by id; refused (exit 65) while other records refer to it.")

    @Argument(help: ArgumentHelp("The record to remove.", valueName: "ID"), completion: .custom(CorpusCompletion.ids)) var id: String
    @OptionGroup var target: EditTarget

    func run() throws {
        try runEdit(target, said: { _ in "removed \(id)" }) { corpus, _ throws(EditError) in
            guard let kind = corpus.kind(of: id) else { throw .unknown("no record has the id “\(id)”") }
            return [.remove(kind, id: id)]
        }
    }
}
