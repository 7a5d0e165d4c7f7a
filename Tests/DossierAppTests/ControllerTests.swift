import DossierModel
import Foundation
import Testing
@testable import DossierApp

@Suite struct ControllerTests {
    let start = Fixture.state()

    func selected(_ state: State) -> String? { state.selectedID() }

    static let listViews: [ViewID] = [.articles, .actors, .statements, .timeline]

    @Test(arguments: listViews)
    func listMovementKeysInEveryView(view: ViewID) {
        let opened = run([String(view.rawValue + 1)])
        #expect(opened.view == view)
        let ids = opened.listIDs()
        #expect(selected(opened) == ids[0])
        #expect(selected(run(["j"], from: opened)) == ids[1])
        #expect(selected(run(["↓", "↓"], from: opened)) == ids[2])
        #expect(selected(run(["j", "j", "k"], from: opened)) == ids[1])
        #expect(selected(run(["↓", "↑"], from: opened)) == ids[0])
        #expect(selected(run(["k"], from: opened)) == ids[0])  // stays at the top
        #expect(selected(run(["G"], from: opened)) == ids.last)
        #expect(selected(run(["End", "Home"], from: opened)) == ids[0])
        #expect(selected(run(["G", "g"], from: opened)) == ids[0])
        let page = 21  // the list's content height at 80x24
        let half = max(1, page / 2)
        #expect(selected(run(["Ctrl-d"], from: opened)) == ids[min(half, ids.count - 1)])
        #expect(selected(run(["Ctrl-d", "Ctrl-u"], from: opened)) == ids[0])
        // A page is the pane's height, as in less: PgDn and Space forward, PgUp back; Ctrl-f and Ctrl-b
        // as in vim (b bookmarks, as the issue on notes asks).
        #expect(selected(run(["PgDn"], from: opened)) == ids[min(page, ids.count - 1)])
        #expect(selected(run(["Space"], from: opened)) == ids[min(page, ids.count - 1)])
        #expect(selected(run(["G", "PgUp"], from: opened)) == ids[max(0, ids.count - 1 - page)])
        #expect(selected(run(["G", "Ctrl-b"], from: opened)) == ids[max(0, ids.count - 1 - page)])
        #expect(selected(run(["Ctrl-f"], from: opened)) == ids[min(page, ids.count - 1)])
    }

    @Test(arguments: listViews)
    func focusKeysCycleThePanes(view: ViewID) {
        let opened = run([String(view.rawValue + 1)])
        #expect(opened.position.focus == .list)
        #expect(run(["Tab"], from: opened).position.focus == .detail)
        #expect(run(["l"], from: opened).position.focus == .detail)
        #expect(run(["→", "→"], from: opened).position.focus == .source)
        #expect(run(["Tab", "Tab", "Tab"], from: opened).position.focus == .list)
        #expect(run(["Shift-Tab"], from: opened).position.focus == .source)
        #expect(run(["h"], from: opened).position.focus == .source)
        #expect(run(["Tab", "←"], from: opened).position.focus == .list)
        #expect(run(["Enter"], from: opened).position.focus == .detail)
    }

    @Test func numberKeysSwitchViewsAndEachViewKeepsItsPlace() {
        let state = run(["3", "j", "j", "1", "j", "2", "3"])
        #expect(state.view == .statements)
        #expect(state.selectedID() == state.listIDs()[2])
        #expect(state.selectedID(in: .articles) == state.listIDs(for: .articles)[1])
        #expect(run(["2"]).view == .actors)
        #expect(run(["2", "1"]).view == .articles)
    }

    @Test func readerKeysScrollAndStepThroughSpans() {
        let reader = run(["Tab"])
        #expect(reader.position.focus == .detail)
        // j and k move the reader's cursor (it starts on the body's first line); the view follows it
        // when it would leave the screen.
        let first = reader.position.detail.cursor
        let readerLines = reader.layout.content(of: .detail)!.height
        #expect(first > 0 && run(["j"], from: reader).position.detail.cursor == first + 1 && run(["j"], from: reader).position.detail.top == 0)
        #expect(run(["j", "j", "k"], from: reader).position.detail.cursor == first + 1)
        let down = run(Array(repeating: "j", count: readerLines + 3), from: reader)
        #expect(down.position.detail.top == first + readerLines + 3 - readerLines + 1 && down.position.detail.cursor == first + readerLines + 3)
        #expect(Render.frame(down).plainText.contains("›"))
        #expect(run(["G"], from: reader).position.detail.top > 10)
        #expect(run(["G", "g"], from: reader).position.detail.top == 0)
        let readerHeight = reader.layout.content(of: .detail)!.height
        #expect(run(["Ctrl-d"], from: reader).position.detail.top == readerHeight / 2)
        // Spans: ] and n forward, [ and N back; the reader scrolls to keep the span in view.
        #expect(run(["]"], from: reader).position.detail.selected == 1)
        #expect(run(["n", "n", "N"], from: reader).position.detail.selected == 1)
        #expect(run(["]", "["], from: reader).position.detail.selected == 0)
        let far = run(Array(repeating: "]", count: 20), from: reader)
        #expect(far.position.detail.selected == 20)
        #expect(far.position.detail.top > 0)
        // Span keys do nothing outside the Articles view.
        #expect(run(["3", "]"]).position.detail.selected == 0)
    }

    @Test func enterInTheReaderGoesToTheFactsAndFollowsThem() {
        let facts = run(["Tab", "Enter"])
        #expect(facts.position.focus == .source)
        // The first span of the CDT article supports the 2019 letter.
        let followed = run(["Enter"], from: facts)
        #expect(followed.view == .statements)
        #expect(followed.selectedID() == "st-2019-07-joint-letter")
        let back = run(["Backspace"], from: followed)
        #expect(back.view == .articles)
        #expect(back.position == facts.position)
    }

    @Test func aSignatoryFollowsToItsActorAndBackRestoresEverything() {
        // Statements, the 2019 letter, its detail, down to the first signatory (the United Kingdom).
        let atSignatory = run(["3", "j", "Enter"] + Array(repeating: "j", count: 6))
        let lines = PaneContent.detail(atSignatory, view: .statements, width: Explorer.paneWidth(atSignatory, .detail))
        let line = PaneContent.selectedLine(lines, selection: atSignatory.position.detail.selected)!
        #expect(lines[line].link == .actor("gbr"))
        #expect(lines[line].excerpts == ["x-cdt-european-signatories"])
        let actor = run(["Enter"], from: atSignatory)
        #expect(actor.view == .actors)
        #expect(actor.selectedID() == "gbr")
        #expect(actor.history.count == 1)
        for backKey in ["Backspace", "Ctrl-o"] {
            let back = run([backKey], from: actor)
            #expect(back.view == .statements)
            #expect(back.positions == atSignatory.positions)
            #expect(back.history.isEmpty)
        }
        // Back with nothing to go back to changes nothing.
        #expect(run(["Backspace"], from: atSignatory).positions == atSignatory.positions)
    }

    @Test func anExcerptFollowsToItsArticleScrolledToTheSpan() {
        let count25 = run(["3", "j", "Enter", "j", "j", "j", "j"])
        let article = run(["Enter"], from: count25)
        #expect(article.view == .articles)
        #expect(article.selectedID() == "art-2021-diplomacy-backfiring")
        let spans = article.corpus.excerptsInArticle["art-2021-diplomacy-backfiring"]!
        #expect(spans[article.position.detail.selected] == "x-bk-2019-25")
        #expect(article.position.focus == .detail)
        // The source pane's Enter opens its excerpt too.
        let fromSource = run(["Tab", "Enter"], from: count25)
        #expect(fromSource.view == .articles)
        #expect(spans[fromSource.position.detail.selected] == "x-bk-2019-25")
    }

    @Test func followingIntoAFilteredListClearsTheFilterThatHidesTheTarget() {
        let filtered = run(["2", "/"] + typed("zhang") + ["Enter", "3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["Enter"])
        #expect(filtered.selectedID() == "gbr")
        #expect(filtered.position.list.filter == "")
    }

    @Test func filterIsCaseAndDiacriticInsensitive() {
        let turk = run(["2", "/"] + typed("turk"))
        #expect(turk.editingFilter)
        #expect(turk.listIDs().contains("turk"))
        #expect(turk.listIDs().contains("tur"))
        #expect(!turk.listIDs().contains("chn"))
        #expect(run(["2", "/"] + typed("RAPHAEL")).listIDs() == ["viana-david"])
        #expect(run(["2", "/"] + typed("beijing")).listIDs() == ["chn"])  // aliases count
        #expect(run(["2", "/"] + typed("ürümqi")).listIDs().isEmpty)
    }

    @Test func filterFindsWhatAPlainStringSearchFinds() {
        let index = Fixture.base.index
        let corpus = Fixture.corpus
        let words = ["türk", "Bachelet", "joint letter", "新疆", "“", "un", "zz", "a", " e"]
        for view in [ViewID.articles, .actors, .statements, .timeline] {
            let all = index.ids(of: view, sortedBy: .name, filter: "", corpus: corpus)
            for word in words {
                for end in word.indices.dropFirst() + [word.endIndex] {
                    let filter = String(word[..<end])
                    let needle = Fold.fold(filter).trimmingCharacters(in: .whitespaces)
                    let plain = all.filter { needle.isEmpty || String(decoding: index.filterText.text(of: $0)!, as: UTF8.self).contains(needle) }
                    #expect(index.ids(of: view, sortedBy: .name, filter: filter, corpus: corpus) == plain, "\(view) \(filter)")
                }
            }
        }
    }

    @Test func filterEditingKeys() {
        let typing = run(["3", "/"] + typed("letter"))
        #expect(typing.listIDs().count == 4)  // the joint, counter and NGO letters, and HRW's welcome of the first
        #expect(run(["Backspace", "Backspace"], from: typing).position.list.filter == "lett")
        #expect(run(["↓"], from: typing).selectedID() == typing.listIDs()[1])
        #expect(run(["Ctrl-n", "Ctrl-p"], from: typing).selectedID() == typing.listIDs()[0])
        // While typing, letters are text, not commands.
        let withQ = run(["q", "j"], from: typing)
        #expect(!effects(["q", "j"], from: typing).quits)
        #expect(withQ.position.list.filter == "letterqj")
        let kept = run(["Enter"], from: typing)
        #expect(!kept.editingFilter)
        #expect(kept.position.list.filter == "letter")
        #expect(run(["j"], from: kept).selectedID() == kept.listIDs()[1])
        let cleared = run(["Esc"], from: typing)
        #expect(!cleared.editingFilter && cleared.position.list.filter == "")
        #expect(run(["Esc"], from: kept).position.list.filter == "")
        #expect(run(["/", "Esc"], from: Fixture.state()).listIDs().count == 5)
    }

    @Test func theSelectionSurvivesFilteringWhenItStillMatches() {
        let state = run(["3", "j", "/"] + typed("joint"))
        #expect(state.selectedID() == "st-2019-07-joint-letter")
    }

    @Test func sortTogglesActorsByNameAndKind() {
        let byName = run(["2"])
        let byKind = run(["s"], from: byName)
        #expect(byKind.actorSort == .kind)
        #expect(byKind.corpus.actor(byKind.listIDs()[0])?.kind == .state)
        #expect(byName.corpus.actor(byName.listIDs()[0])?.name == "Adam Hunerven")
        #expect(run(["s"], from: byKind).actorSort == .name)
        #expect(run(["s"]).actorSort == .name)  // s does nothing outside Actors
    }

    @Test func helpOverlayKeys() {
        let help = run(["?"])
        #expect(help.showHelp)
        #expect(run(["j", "j", "k"], from: help).helpTop == 1)
        for close in ["Esc", "?", "q"] {
            let (closed, effects) = press([close], from: help)
            #expect(!closed.showHelp && !effects.quits)
        }
        // Other keys do nothing while it is open.
        #expect(run(["3"], from: help).view == .articles)
    }

    @Test func quitKeys() {
        #expect(effects(["q"]).quits)
        #expect(effects(["Ctrl-c"]).quits)
        #expect(effects(["/", "Ctrl-c"]).quits)
        #expect(effects(["?", "Ctrl-c"]).quits)
    }

    @Test func detailAndSourcePanesMoveAndScroll() {
        let detail = run(["3", "j", "Enter"])
        #expect(run(["j"], from: detail).position.detail.selected == 1)
        #expect(run(["G"], from: detail).position.detail.selected == PaneContent.selectable(Explorer.detailLines(detail)).count - 1)
        let source = run(["Tab", "j"], from: detail)
        #expect(source.position.focus == .source)
        let sourceLines = PaneContent.source(detail, view: .statements, width: Explorer.paneWidth(source, .source)).count
        let sourceHeight = source.layout.content(of: .source)!.height
        #expect(source.position.source.top == min(1, max(0, sourceLines - sourceHeight)))
        let narrow = run(["3", "j", "Enter", "Tab", "j", "j"], from: Fixture.state(width: 60, height: 12))
        #expect(narrow.position.source.top == 2)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        let bottom = run(["2", "G"])
        #expect(bottom.position.list.top > 0)
        let taller = pressKey(bottom, .resize(120, 100))
        #expect(taller.width == 120 && taller.height == 100)
        #expect(taller.position.list.top == 0)
        let shorter = pressKey(taller, .resize(80, 10))
        let row = shorter.selectedRow(in: shorter.listIDs())
        #expect(row >= shorter.position.list.top && row < shorter.position.list.top + 7)
    }

    @Test func unboundKeysChangeNothing() {
        let state = run(["3", "j"])
        for key in [Key.character("x"), .character("Z"), .delete, .control("z")] {
            let (next, effects) = step(state, .key(key))
            #expect(next.positions == state.positions && next.view == state.view && !effects.quits)
        }
    }

    @Test func everyBindingDoesSomething() {
        // No binding may be dead: from one of several starting points in every view and screen (top,
        // bottom, after a jump and back, with a filter, in a scrolled reader, in each overlay), each key
        // must change something.
        let starts: [[String]] = [[], ["G"], ["j"], ["j", "Enter", "j", "Enter"], ["j", "Enter", "j", "Enter", "Backspace"],
                                  ["/", "a", "Enter"], ["Tab", "]", "]", "j", "j"], ["l", "l"], ["/", "e"]]
        let screens: [[String]] = ViewID.allCases.flatMap { view in starts.map { [String(view.rawValue + 1)] + $0 } } + [
            ["2", "t"], ["3", "j", "d"], ["3", "j", "d", "j", "j", "Tab"], ["3", "j", "m", "j", "m"], ["3", "j", "m", "j", "m", "l", "j"],
            ["f"] + typed("ba"), ["f"] + typed("ba") + ["↓", "↓", "↓"], ["?", "j"], ["?", "/"] + typed("filter") + ["Enter"],
            ["?", "/"] + typed("filter") + ["←"], ["2", "z"], ["2", ">", ">"],
        ]
        // With notes: the Notes view (top, filtered, a row down), a note being written, a change to undo.
        let withNotes = BookmarkAndNotesViewTests.withNotes()
        var undoable = run(["3", "j"], from: withNotes)
        undoable.undoStack = [.note(.delete(id: "n-old"))]
        let states = screens.map { run($0) } + [["6"], ["6", "j"], ["6", "/", "a", "Enter"], ["3", "a", "x"]].map { run($0, from: withNotes) } + [undoable]
        for binding in Keymap.standard.bindings {
            let changed = states.contains { state in
                binding.keys.contains { key in
                    let (next, effects) = step(state, .key(key))
                    return next.navigation != state.navigation || next.showHelp != state.showHelp || next.editingFilter != state.editingFilter
                        || effects.quits || next.helpTop != state.helpTop || next.history.count != state.history.count
                        || next.prompt != state.prompt || next.helpQuery != state.helpQuery || next.helpEditing != state.helpEditing
                        || next.zoomed != state.zoomed || next.splitShift != state.splitShift || effects.redrawsAll
                        || effects.copy != nil || next.exportPrompt != state.exportPrompt || effects.export != nil
                        || effects.noteEdit != nil || next.notePrompt != state.notePrompt
                }
            }
            #expect(changed, "binding for \(binding.action) in \(binding.context) changes nothing")
        }
    }

    @Test func theCachedListIsNeverStale() {
        // Filter, re-sort, narrow the timeline, switch views, jump and go back: after every key the
        // list the screen shows is the list computed afresh.
        var state = Fixture.state()
        for key in keys(["2", "/"] + typed("tur") + ["Backspace", "Enter", "s", "j", "t", "/", "l", "Esc", "Esc", "3", "/"] + typed("joint")
                        + ["Enter", "j", "Enter", "Enter", "Backspace", "4", "5", "/"] + typed("2019") + ["Enter", "1"]) {
            state = pressKey(state, key)
            for view in ViewID.allCases {
                let fresh = state.index.ids(of: view, sortedBy: state.actorSort, filter: state.positions[view]?.list.filter ?? "",
                                            timelineActor: state.navigation.timelineActor, corpus: state.corpus)
                #expect(state.listIDs(for: view) == fresh, "after \(key) in \(view)")
            }
        }
    }

    @Test func docsKeysMatchesTheKeymap() throws {
        let file = try String(contentsOf: Fixture.repository.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        #expect(file == Keymap.standard.markdown(), "docs/keys.md is stale: run `swift run dossier keys > docs/keys.md`")
    }

    @Test func helpOverlayListsEveryBinding() {
        let text = Keymap.standard.helpLines().map(\.text).joined(separator: "\n")
        for binding in Keymap.standard.bindings {
            #expect(text.contains(Keymap.keyLabels(binding)) && text.contains(Keymap.standard.words(binding.help)))
        }
    }
}

@Suite struct ReaderLayoutsTests {
    @Test func aValueIsMadeOncePerKeyWhileItIsAmongTheLast() {
        let recent = Recent<String, Int>(limit: 2)
        var made = 0
        func value(_ key: String) -> Int {
            recent.value(for: key) {
                made += 1
                return key.count * 10 + made
            }
        }
        #expect(value("a") == 11 && value("a") == 11 && made == 1)
        #expect(value("bb") == 22 && value("a") == 11 && made == 2)
        #expect(value("ccc") == 33 && made == 3)  // "bb", used least lately, goes
        #expect(value("a") == 11 && made == 3)
        #expect(value("bb") == 24 && made == 4)
    }

    @Test func aKeptLayoutNeverShowsThroughAResize() {
        var reading = run(["Tab", "]", "]", "j", "j"])
        _ = Render.frame(reading)  // laid out at 80 columns and kept
        for (width, height) in [(120, 40), (50, 20), (80, 24)] {
            reading = pressKey(reading, .resize(width, height))
            // The same place drawn by a state that has kept nothing.
            var fresh = State(corpus: Fixture.corpus, width: width, height: height)
            fresh.navigation = reading.navigation
            #expect(Render.frame(reading).plainText == Render.frame(settled(fresh)).plainText, "\(width)x\(height)")
        }
    }
}
