import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take back the last edit of a corpus directory, whoever made it (add, remove, unlink, repair, the explorer).",
        discussion: """
            The edit is found in the corpus's edit log ($XDG_STATE_HOME/dossier/edits-…jsonl). Each file it changed must be \
            as the edit left it (otherwise nothing is written and the reason is given, exit 65), and the undo gives them \
            back byte for byte. The undo is logged too; undo again takes back the edit before. Exit 1 when there is \
            nothing to undo. See docs/editing.md.
            """)

    @OptionGroup var target: EditTarget

    func run() throws {
        let editor = try target.editor()
        guard let log = editor.log else { throw ExitCode(64) }
        let (entry, why) = EditLog.lastUndoable(in: EditLog.read(log.path))
        guard let entry else {
            printError("dossier: nothing to undo: " + why)
            throw ExitCode(1)
        }
        let outcome: EditOutcome
        do {
            outcome = try editor.apply(undoing: entry) { _, _ throws(EditError) in entry.undo }
        } catch {
            throw editFailure(error)
        }
        print(SafeText.line("undid the edit of \(entry.at) by \(entry.author): \(entry.changes.joined(separator: ", "))"))
        try finishOutput()
        warnIfNotLogged(outcome)
    }
}
