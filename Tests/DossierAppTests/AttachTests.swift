@testable import DossierApp
import DossierModel
import DossierTerminal
import Foundation
import Testing

/// A copy of the bundled corpus in a directory of its own, opened as the explorer opens one.
final class EditableCorpus {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-attach-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in ["articles", "actors", "statements", "events", "excerpts"] {
            try FileManager.default.copyItem(atPath: Fixture.repository.appendingPathComponent("data/\(name).json").path, toPath: "\(path)/\(name).json")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func state() throws -> State {
        let loaded = try CorpusLoader.load(path: path, mode: .tolerant)
        var state = State(corpus: loaded.corpus, width: 100, height: 30)
        state.corpusWritable = true
        return Explorer.normalized(state)
    }

    var files: [String: Data] {
        Dictionary(uniqueKeysWithValues: ["articles", "actors", "statements", "events", "excerpts"].map { ($0, FileManager.default.contents(atPath: "\(path)/\($0).json")!) })
    }
}

/// Makes the edit the last key asked for, as the terminal edge does.
func carryOutEdit(_ pressed: (state: State, effects: [Effect]), in corpus: EditableCorpus) throws -> State {
    guard let request = pressed.effects.corpusEdit else { return pressed.state }
    return Explorer.carryOut(request, editor: try CorpusEditor(directory: corpus.path), state: pressed.state)
}

/// Issue 16, item 2: Enter on a passage opens a picker; the passage becomes a fact's source.
@Suite struct AttachTests {
    static let letter = "In a letter to the United Nations High Commissioner for Human Rights, Michelle Bachelet, the group of 22 nations urged China to end its “mass arbitrary detentions and related violations” and called on Beijing to allow UN experts to access the region."

    @Test func aPassageBecomesTheSourceOfASignatoryAndUndoTakesItBack() throws {
        let corpus = try EditableCorpus()
        let before = corpus.files
        let opened = run(["Tab", "]", "]", "]", "v", "Enter"], from: try corpus.state())
        #expect(opened.picker != nil && Render.frame(opened).plainText.contains("Attach the passage to"))
        // Find the joint letter, then say the passage names Australia as signing it.
        let found = run(typed("joint letter of states"), from: opened)
        #expect(Render.frame(found).plainText.contains("statement  Joint letter of states to the High Commissioner"))
        let parts = run(["Enter"], from: found)
        #expect(Render.frame(parts).plainText.contains("3  a signatory it names"))
        let asked = press(["3"] + typed("australia") + ["Enter"], from: parts)
        guard case .attach(let attachment)? = asked.effects.corpusEdit else { Issue.record("no edit asked for"); return }
        #expect(attachment.quote == Self.letter && attachment.occurrence == 1 && attachment.about == ["st-2019-07-joint-letter", "aus"])
        let done = try carryOutEdit(asked, in: corpus)
        // The passage is exactly the span x-cdt-22-nations quotes: that excerpt is linked (Australia added
        // to what it is about), not copied (issue 27: a copy was a trace nothing took back).
        let id = "x-cdt-22-nations"
        #expect(done.message == "Linked excerpt \(id) (it already quotes these words) to st-2019-07-joint-letter · u undoes")
        #expect(done.corpus.excerpts.count == Fixture.corpus.excerpts.count && done.corpus.excerpt(id)?.about.contains("aus") == true)
        // The explorer shows the corpus as it now is on disk, where the user was.
        #expect(done.corpus.statement("st-2019-07-joint-letter")?.signatories.first { $0.actor == "aus" }?.excerpts.contains(id) == true)
        #expect(done.selectedID() == "art-2019-cdt-22-nations" && done.position.focus == .detail && done.passage == nil)
        let reread = try CorpusLoader.load(path: corpus.path).corpus
        #expect(reread.excerpt(id)?.quote == Self.letter)
        // E lists the session's edits.
        let edits = run(["E"], from: done)
        #expect(edits.screen == .edits && Render.frame(edits).plainText.contains("Linked excerpt \(id) (it already quotes these words) to st-2019-07-joint-letter"))
        // u: the edit taken back, byte for byte.
        let undone = try carryOutEdit(press(["u"], from: done), in: corpus)
        #expect(undone.message == "Undone: linked excerpt \(id) (it already quotes these words) to st-2019-07-joint-letter" && corpus.files == before)
        #expect(undone.corpus.excerpt(id)?.about.contains("aus") == false)
    }

    /// Issue 27, item 5: seen on main, E listed only the explorer's own edits of this session.
    @Test func eListsEveryEditInTheLogWithItsAuthorAndTimeAndUUndoesThroughIt() throws {
        let corpus = try EditableCorpus()
        let log = corpus.path + ".edits.jsonl"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let before = corpus.files
        // An edit from the command line, by another analyst.
        _ = try CorpusEditor(directory: corpus.path, log: (log, "bo")).apply { corpus, _ throws(EditError) in
            [try CorpusEdits.actor(name: "Palau", kind: "state", country: "PLW", in: corpus).edit]
        }
        var state = try corpus.state()
        state.editLogPath = log
        state.loggedEdits = EditLog.read(log)
        let asked = press(["Tab", "]", "]", "]", "v", "Enter"] + typed("joint letter of states") + ["Enter", "3"] + typed("australia") + ["Enter"], from: state)
        let request = try #require(asked.effects.corpusEdit)
        let editor = try CorpusEditor(directory: corpus.path, log: (log, "ana"))
        let done = Explorer.carryOut(request, editor: editor, state: asked.state)
        let listed = Render.frame(run(["E"], from: pressKey(done, .resize(160, 30)))).plainText
        #expect(listed.contains("Edits in the log: 2"))
        #expect(listed.contains("  ana  changed excerpt x-cdt-22-nations, changed statement st-2019-07-joint-letter"))
        #expect(listed.contains("  bo  added actor plw"))
        #expect(listed.range(of: "ana  changed excerpt")!.lowerBound < listed.range(of: "bo  added actor")!.lowerBound)
        // u takes back the explorer's edit through the log: listed as undone, and the undo logged.
        let undoing = press(["u"], from: done)
        let undoRequest = try #require(undoing.effects.corpusEdit)
        let undone = Explorer.carryOut(undoRequest, editor: editor, state: undoing.state)
        let relisted = Render.frame(run(["E"], from: pressKey(undone, .resize(160, 30)))).plainText
        #expect(relisted.contains("changed statement st-2019-07-joint-letter  (undone)") && relisted.contains("ana  undid an edit: "))
        // The command line's edit is the one left to undo.
        #expect(EditLog.lastUndoable(in: EditLog.read(log)).entry?.author == "bo")
        _ = try editor.apply(undoing: EditLog.lastUndoable(in: EditLog.read(log)).entry) { _, _ throws(EditError) in
            EditLog.lastUndoable(in: EditLog.read(log)).entry?.undo ?? []
        }
        #expect(corpus.files == before)
    }

    @Test func aNewActorFromTheShortForm() throws {
        let corpus = try EditableCorpus()
        let picker = run(["Tab", "]", "]", "]", "v", "Enter"] + typed("Palau"), from: try corpus.state())
        // Nothing is called Palau: the rows offer to make it.
        #expect(Render.frame(picker).plainText.contains("＋ a new actor named “Palau”…"))
        let form = run(["Enter"], from: picker)
        #expect(Render.frame(form).plainText.contains("A new actor"))
        let asked = press(["Tab", "Tab"] + typed("plw") + ["Enter", "Enter"], from: form)
        guard case .attach(let attachment)? = asked.effects.corpusEdit else { Issue.record("no edit asked for"); return }
        #expect(attachment.newRecord == .actor(name: "Palau", kind: "state", country: "plw", aliases: []))
        let done = try carryOutEdit(asked, in: corpus)
        #expect(done.corpus.actor("plw")?.name == "Palau" && done.corpus.excerptsAbout["plw"]?.count == 1)
    }

    @Test func aCountAndWhatIsRefused() throws {
        let corpus = try EditableCorpus()
        let parts = run(["Tab", "]", "]", "]", "v", "Enter"] + typed("joint letter of states") + ["Enter"], from: try corpus.state())
        let counted = press(["2"] + typed("more than 20") + ["Enter"], from: parts)
        guard case .attach(let attachment)? = counted.effects.corpusEdit else { Issue.record("no edit asked for"); return }
        #expect(attachment.statement?.part == .count(value: 20, qualifier: "more-than"))
        #expect(run(["2"] + typed("many") + ["Enter"], from: parts).message == "A count is a number, as 22, “more than 20” or “about 40”")
        // Esc steps back: from the count to the parts, to the search, then closes with the passage kept.
        let back = run(["2", "Esc", "Esc", "Esc"], from: parts)
        #expect(back.picker == nil && back.passage != nil)
        // A corpus that cannot be edited says why.
        var readOnly = try corpus.state()
        readOnly.corpusWritable = false
        #expect(run(["Tab", "]", "v", "Enter"], from: readOnly).message?.hasPrefix("This corpus is read-only here: the bundled corpus is compiled in") == true)
        // An edit the validator refuses leaves everything as it was and says why.
        let before = corpus.files
        let refused = (state: counted.state, effects: [Effect.editCorpus(.attach(PassageAttachment(article: "art-2019-cdt-22-nations", quote: Self.letter, occurrence: 1, about: ["nobody"])))])
        let said = try carryOutEdit(refused, in: corpus)
        #expect(said.message?.hasPrefix("Not changed: ") == true && said.message?.contains("\"nobody\" is not the id of any record") == true)
        #expect(corpus.files == before)
    }

    @Test func thePickerSnapshots() throws {
        let corpus = try EditableCorpus()
        var state = try corpus.state()
        state = pressKey(state, .resize(80, 24))
        let picker = run(["Tab", "]", "]", "]", "v", "Enter"] + typed("letter"), from: state)
        assertSnapshot(Render.frame(picker), named: "attach-picker-80x24")
        assertSnapshot(Render.frame(run(["Enter"], from: picker)), named: "attach-picker-parts-80x24")
    }

    /// Issue 32: the actor picker began at "Adam Hunerven" whatever the passage said. The actors the
    /// passage names come first, in the order it names them; the rest follow in name order.
    @Test func theActorsThePassageNamesComeFirst() throws {
        let corpus = try EditableCorpus()
        let state = pressKey(try corpus.state(), .resize(100, 30))
        let choosing = run(["Tab", "]", "]", "]", "v", "Enter"] + typed("letter") + ["Enter", "3"], from: state)
        guard let picker = choosing.picker, case .actor = picker.stage, let body = Explorer.readerBody(choosing)?.text else {
            Issue.record("not at the picker's actor stage")
            return
        }
        let passage = picker.passage.text(in: body)
        let named = choosing.corpus.actorsNamed(in: passage)
        #expect(!named.isEmpty, "the passage names no actor: \(passage)")
        let rows = Explorer.pickerRows(picker, state: choosing).compactMap { row -> String? in
            if case .record(let id) = row { id } else { nil }
        }
        #expect(Array(rows.prefix(named.count)) == named)
        #expect(Set(rows) == Set(choosing.corpus.actors.map(\.id)))
        #expect(rows.first != choosing.corpus.actors.map(\.id).min { choosing.corpus.name(of: $0)! < choosing.corpus.name(of: $1)! })
        let frame = Render.frame(choosing).plainText
        #expect(frame.contains(choosing.corpus.name(of: named[0])!))
    }

    /// Issue 32: the picker's edges showed the screen beneath it (a list's row mark beside its left
    /// edge, a pane's rule beside its right, the reader below it at 80x24). Now it fills a small
    /// screen, and on a large one a blank margin surrounds it.
    @Test func nothingBeneathThePickerTouchesItsEdges() throws {
        let corpus = try EditableCorpus()
        for (width, height) in [(80, 24), (100, 30), (200, 50)] {
            let state = pressKey(try corpus.state(), .resize(width, height))
            let grid = Render.frame(run(["Tab", "]", "]", "]", "v", "Enter"] + typed("letter"), from: state))
            func character(_ x: Int, _ y: Int) -> Character { grid[x, y].isContinuation ? " " : grid[x, y].character }
            // The box: its left and right edges on the Find row, down to its bottom rule.
            let edges = (0..<width).filter { character($0, 2) == "│" }
            let (left, right) = (try #require(edges.first), try #require(edges.last))
            let bottom = try #require((2..<(height - 1)).first { character(left, $0) != "│" })
            for row in 1...bottom {
                if left > 0 { #expect(character(left - 1, row) == " ", "\(width)x\(height) row \(row), left of the box") }
                if right + 1 < width { #expect(character(right + 1, row) == " ", "\(width)x\(height) row \(row), right of the box") }
            }
            // No sliver: the box fills the width, or a margin of at least 4 columns a side is left.
            #expect(left == 0 || left >= 4, "\(width)x\(height): left edge at \(left)")
            // Below the box: blank to the status line, or the box reaches it.
            if bottom + 1 < height - 1 {
                #expect((0..<width).allSatisfy { character($0, bottom + 1) == " " }, "\(width)x\(height): below the box")
                #expect(height - 2 - bottom >= 4)
            }
        }
    }
}
