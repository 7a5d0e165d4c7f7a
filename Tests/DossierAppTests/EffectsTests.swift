import DossierModel
import Testing
@testable import DossierApp

/// Issue 30, item 2: `update` returns the effects a key asks for as values, and takes back what came
/// of them as events; the state it returns holds none.
@Suite struct EffectsTests {
    @Test func keysAskForEffectsAsValuesAndTheStateHoldsNone() throws {
        for (names, expected) in [(["q"], [Effect.quit]), (["Ctrl-l"], [.redrawAll]), (["3", "/", "Ctrl-c"], [.quit]), (["j"], [])] {
            let (state, asked) = press(names)
            #expect(asked == expected, "\(names)")
            #expect(state.outbox.isEmpty, "\(names)")
        }
        let (copied, asked) = press(["3", "j", "y"])
        #expect(asked.count == 1 && asked.copy?.text.hasPrefix("Joint letter of states") == true && copied.outbox.isEmpty)
        // The next key starts afresh: a copy is asked for once.
        #expect(effects(["j"], from: copied).isEmpty)
    }

    @Test func whatTheEdgeReportsIsSaidOnTheStatusLine() {
        let (state, asked) = step(Fixture.state(), .reported("Copied the quote (12 characters)"))
        #expect(state.message == "Copied the quote (12 characters)" && asked.isEmpty)
    }

    @Test func aNoteTheEdgeCouldNotSaveIsSaidAndAnUndoIsKept() throws {
        let (state, asked) = press(["3", "a"] + typed("words") + ["Enter"])
        let pending = try #require(asked.noteEdit)
        let stamp = NoteStamp(id: "n-1", author: "ana", at: "2026-12-07T10:00:00Z")
        let missing = step(state, .noteSaved(NoteSaved(pending: pending, stamp: stamp, before: nil, path: "", outcome: .failure(.unavailable)))).0
        #expect(missing.message == "Not saved: no notes file" && missing.notes.isEmpty && missing.undoStack.isEmpty)
        let saved = step(state, .noteSaved(NoteSaved(pending: pending, stamp: stamp, before: nil, path: "/n.jsonl",
                                                                outcome: .success([Explorer.noteChange(pending, stamp: stamp).added!])))).0
        #expect(saved.message == "Note “words” saved to /n.jsonl" && saved.notes.map(\.id) == ["n-1"] && saved.undoStack == [.note(.delete(id: "n-1"))])
        // u asks for the inverse; when the edge fails, the step stays to try again.
        let (undoing, undo) = press(["u"], from: saved)
        let inverse = try #require(undo.noteEdit)
        #expect(inverse == PendingNoteEdit(edit: .delete(id: "n-1"), isUndo: true) && undoing.undoStack.isEmpty)
        let failed = step(undoing, .noteSaved(NoteSaved(pending: inverse, stamp: stamp, before: saved.notes.first, path: "/n.jsonl",
                                                                   outcome: .failure(.failed("disk full"))))).0
        #expect(failed.message == "Not saved: disk full" && failed.undoStack == [.note(.delete(id: "n-1"))])
    }

    @Test func aCorpusEditOnAReadOnlyCorpusSaysWhy() {
        let request = CorpusEditRequest.undo([], "an edit", logged: nil)
        let state = step(Fixture.state(), .corpusEdited(CorpusEdited(request: request, outcome: .failure(.unavailable)))).0
        #expect(state.message?.hasPrefix("This corpus is read-only here: ") == true)
    }
}

extension NoteChange {
    var added: Note? {
        if case .add(let note) = self { return note }
        return nil
    }
}
