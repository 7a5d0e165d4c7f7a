import DossierModel
import Foundation
import Testing
@testable import DossierApp

/// What the configuration changes in the explorer (issue 18): the keys (and where they are shown),
/// the citation, and what the mouse does.
@Suite struct KeyRebindingTests {
    @Test func keyNamesAreReadAsTheHelpWritesThem() {
        for binding in Keymap.standard.bindings {
            for key in binding.keys { #expect(Key(configName: key.label) == key, "\(key.label)") }
        }
        #expect(Key(configName: "ctrl-D") == .control("d") && Key(configName: "^x") == .control("x") && Key(configName: "pagedown") == .pageDown)
        #expect(Key(configName: "Hyper-j") == nil && Key(configName: "ctrl-1") == nil && Key(configName: "") == nil)
    }

    @Test func swappedKeysAreNoClash() {
        let (keymap, refused) = Keymap.standard.rebinding([KeyRebinding(action: .moveDown, keys: [.character("k")]),
                                                           KeyRebinding(action: .moveUp, keys: [.character("j")])])
        #expect(refused.isEmpty)
        #expect(keymap.action(for: .character("k"), in: [.moving]) == .moveDown && keymap.action(for: .character("j"), in: [.moving]) == .moveUp)
    }

    @Test func aClashRefusesTheLaterRebindingOnly() {
        // G stays bottom's, so top cannot have it; bottom's other rebinding (B as well) applies.
        let (keymap, refused) = Keymap.standard.rebinding([KeyRebinding(action: .bottom, keys: [.character("G"), .character("B")]),
                                                           KeyRebinding(action: .top, keys: [.character("G")])])
        #expect(refused.keys.sorted() == [1] && refused[1]!.hasPrefix("G is bound twice in “Moving”"))
        #expect(keymap.action(for: .character("B"), in: [.moving]) == .bottom && keymap.action(for: .character("g"), in: [.moving]) == .top)
        #expect(keymap.action(for: .character("G"), in: [.moving]) == .bottom)
    }

    @Test func theUsersKeysAreWhatTheHelpAndTheHintsShow() {
        var state = Fixture.state(width: 120, height: 30)
        state.keymap = Keymap.standard.rebinding([KeyRebinding(action: .find, keys: [.character("F")]),
                                                  KeyRebinding(action: .moveDown, keys: [.control("e"), .down])]).keymap
        // The status line hints the user's key for find.
        let frame = Render.frame(state).plainText
        #expect(frame.contains("F find") && !frame.contains("f find"))
        // The help lists it.
        let help = Explorer.helpLines(state).map { $0.segments.map(\.text).joined() }
        #expect(help.contains { $0.contains("F ") && $0.contains("search everything") })
        // And it acts: F opens the search; f no longer does; Ctrl-e moves down, j no longer.
        #expect(pressKey(state, .character("F")).screen == .search)
        #expect(pressKey(state, .character("f")).screen != .search)
        #expect(pressKey(state, .character("j")).selectedID() == state.selectedID())
        // A key that does nothing names the user's key for the help.
        var helpOnH = state
        helpOnH.keymap = Keymap.standard.rebinding([KeyRebinding(action: .help, keys: [.character("H")])]).keymap
        #expect(pressKey(helpOnH, .character("?")).message == "? does nothing here · H lists the keys")
        let moved = pressKey(state, .control("e"))
        #expect(moved.selectedID() != state.selectedID())
    }
}

@Suite struct CitationFormatTests {
    @Test func theStandardFormatIsTheCitationAsBefore() throws {
        let corpus = Fixture.corpus
        let quote = try #require(Citation.quote("x-cdt-cnn", in: corpus))
        #expect(quote.hasPrefix("“") && quote.hasSuffix(" [x-cdt-cnn]") && quote.contains("China Digital Times, “China Rebuked by 22 Nations Over Xinjiang”, 2019-07"))
    }

    @Test func aTemplateFillsEachField() throws {
        let format = try #require(CitationFormat(template: "{speaker} in {publisher} ({date}) <{url}> {article}/{id}: {quote}"))
        // A relayed quote: whose words they are, then where.
        let relayed = try #require(Fixture.corpus.excerpts.first { $0.speaker == "lin-jian" })
        let article = try #require(Fixture.corpus.article(relayed.article))
        let text = try #require(Citation.quote(relayed.id, in: Fixture.corpus, format: format))
        #expect(text == "Lin Jian in \(article.publisher) (\(article.published)) <\(article.url ?? "")> \(article.id)/\(relayed.id): \(relayed.quote)")
        // The article's own words: the speaker is the publisher.
        let own = try #require(Citation.quote("x-cdt-cnn", in: Fixture.corpus, format: format))
        #expect(own.hasPrefix("China Digital Times in China Digital Times (2019-07) <> art-2019-cdt-22-nations/x-cdt-cnn: "))
        #expect(CitationFormat(template: "{quote} {page}") == nil && CitationFormat(template: "{quote") == nil)
    }

    @Test func yCopiesWithTheUsersFormat() throws {
        var state = Fixture.state()
        state.citationFormat = try #require(CitationFormat(template: "{id}: {quote}"))
        // The reader's selected span: Tab to the reader, then y.
        let copied = effects(["Tab", "y"], from: state).copy
        #expect(copied.map { $0.text.hasPrefix("x-") && $0.text.contains(": ") && !$0.text.contains("—") } == true, "\(String(describing: copied))")
    }
}

@Suite struct MouseTests {
    let state = Fixture.state(width: 120, height: 30)

    @Test func theWheelScrollsThePaneUnderThePointerAndLeavesTheFocus() throws {
        let list = try #require(state.layout.panes[.list])
        let down = pressKey(state, .mouse(MouseEvent(.wheelDown, x: list.x + 2, y: list.y + 3)))
        #expect(down.selectedRow(in: down.listIDs()) == Explorer.wheelStep && down.position.focus == .list)
        let back = pressKey(down, .mouse(MouseEvent(.wheelUp, x: list.x + 2, y: list.y + 3)))
        #expect(back.selectedRow(in: back.listIDs()) == 0)
        // Over the reader it scrolls the reader, and the list keeps the focus.
        let reader = try #require(state.layout.panes[.detail])
        let scrolled = pressKey(state, .mouse(MouseEvent(.wheelDown, x: reader.x + 5, y: reader.y + 5)))
        #expect(scrolled.position.detail.top > 0 && scrolled.position.focus == .list && scrolled.selectedID() == state.selectedID())
    }

    @Test func aClickFocusesAndSelectsADoubleClickOpens() throws {
        let list = try #require(state.layout.panes[.list])
        let ids = state.listIDs()
        // The pane's first row is its title; the third record is two rows under the first.
        let clicked = pressKey(state, .mouse(MouseEvent(.click, x: list.x + 3, y: list.y + 3)))
        #expect(clicked.selectedID() == ids[2])
        let reader = try #require(state.layout.panes[.detail])
        let focused = pressKey(state, .mouse(MouseEvent(.click, x: reader.x + 3, y: reader.y + 2)))
        #expect(focused.position.focus == .detail)
        // In the actors view a double click on a row opens it as Enter does.
        let actors = pressKey(state, .character("2"))
        let actorList = try #require(actors.layout.panes[.list])
        let opened = pressKey(actors, .mouse(MouseEvent(.doubleClick, x: actorList.x + 3, y: actorList.y + 1)))
        let entered = pressKey(actors, .enter)
        #expect(opened.navigation == entered.navigation)
        // A click on the title row or outside every pane does nothing.
        #expect(pressKey(state, .mouse(MouseEvent(.click, x: list.x + 3, y: list.y))).selectedID() == state.selectedID())
        #expect(pressKey(state, .mouse(MouseEvent(.click, x: 0, y: state.height - 1))).navigation == state.navigation)
    }

    @Test func theMouseNeverTypesIntoAPrompt() {
        let filtering = pressKey(state, .character("/"))
        let after = pressKey(filtering, .mouse(MouseEvent(.wheelDown, x: 3, y: 3)))
        #expect(after.editingFilter && after.prompt.text == filtering.prompt.text && after.navigation == filtering.navigation)
    }
}
