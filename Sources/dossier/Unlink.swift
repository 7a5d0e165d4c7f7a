import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Unlink: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take away the links between an excerpt and a record (a statement's source, count, signatory, lead or addressee; an event's excerpt; the record in the excerpt's about).",
        discussion: """
            A signatory, lead or addressee that no other excerpt names goes with its last excerpt. Refused (exit 65) when \
            the two are not linked. Logged and undone like every edit (`dossier undo`). See docs/editing.md.
            """)

    @Argument(help: ArgumentHelp("The excerpt.", valueName: "EXCERPT"), completion: .custom(CorpusCompletion.ids)) var excerpt: String
    @Option(help: ArgumentHelp("The record it is linked to.", valueName: "ID")) var from: String
    @OptionGroup var target: EditTarget

    func run() throws {
        var said: [String] = []
        try runEdit(target, said: { _ in "unlinked \(excerpt) from \(from): " + said.joined(separator: "; ") }) { corpus, record throws(EditError) in
            let unlinked = try CorpusEdits.unlink(excerpt: excerpt, from: from, in: corpus, record: record)
            said = unlinked.said
            return unlinked.edits
        }
    }
}
