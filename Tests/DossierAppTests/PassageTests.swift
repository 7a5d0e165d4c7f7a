import DossierApp
import DossierModel
import Foundation
import Testing

/// Issue 16, item 1: a line cursor in the reader, and a passage selected from it by sentence and word.
@Suite struct PassageSelectionTests {
    static func text(_ state: State) -> String? {
        guard let passage = state.passage, let body = try? state.corpus.article(passage.article)?.body.text() else { return nil }
        return String(decoding: Array(body.utf8)[passage.range], as: UTF8.self)
    }

    @Test func vSelectsTheSentenceOnTheCursorsLineAndTheKeysMoveItsEnds() {
        let selected = run(["Tab", "]", "]", "]", "v"])
        let first = "In a letter to the United Nations High Commissioner for Human Rights, Michelle Bachelet, the group of 22 nations urged China to end its “mass arbitrary detentions and related violations” and called on Beijing to allow UN experts to access the region."
        #expect(Self.text(selected) == first)
        // ) extends by the next sentence (here the next paragraph's first, which ends in a closing
        // quotation mark), ( takes it back.
        let two = run([")"], from: selected)
        #expect(Self.text(two)?.hasPrefix(first + "\n\n[…] Britain") == true && Self.text(two)?.hasSuffix("other minorities in Xinjiang.”") == true)
        #expect(Self.text(run([")", "("], from: selected)) == first)
        // w and b by words; b never empties it.
        #expect(Self.text(run(["b", "b"], from: selected)) == String(first.dropLast(" the region.".count)))
        #expect(Self.text(run(["w"], from: selected))?.hasSuffix("region.\n\n[…]") == true)
        #expect(Self.text(run(Array(repeating: "b", count: 80), from: selected)) == "In")
        // o: the start moves; w then takes the first word off.
        #expect(Self.text(run(["o", "w"], from: selected)) == String(first.dropFirst("In ".count)))
        // The passage is drawn as a selection, and the status line says what the keys do.
        let frame = Render.frame(selected)
        #expect(frame.plainText.contains("Passage of \(first.count) characters · Enter attach · ) ( sentence"))
        // y copies it with its citation; Esc cancels; leaving the article drops it.
        #expect(effects(["y"], from: selected).copy?.text == "“\(first)”\n— China Digital Times, “China Rebuked by 22 Nations Over Xinjiang”, 2019-07")
        #expect(run(["Esc"], from: selected).passage == nil)
        #expect(run(["Shift-Tab", "j"], from: selected).passage == nil)
        // j and k still move the cursor while selecting.
        #expect(run(["j"], from: selected).passage != nil)
        #expect(run(["v"]).message == "v selects a passage in the reader: Tab to it first")
    }

    @Test func thePassageSnapshot() {
        assertSnapshot(Render.frame(run(["Tab", "]", "]", "]", "v", ")"])), named: "reader-passage-80x24")
    }
}
