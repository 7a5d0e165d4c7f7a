import DossierModel
import Foundation
import Testing
@testable import DossierApp

/// Issue 27, item 2: one target in the reader. The line cursor, the current search hit, the selected
/// span and a `v` passage are one notion: what y, a, b and Enter act on is what the screen marks and
/// the status line names, and the facts pane follows the cursor.
@Suite struct ReaderTargetTests {
    /// The reader's cursor row on screen and the spans marked as selected there, read off the frame:
    /// what the analyst sees, worked out apart from the controller's own bookkeeping.
    static func marked(_ state: State) throws -> (cursorRow: Int, selectedOnCursorRow: Bool, anySelected: Bool) {
        let frame = Render.frame(state)
        let reader = try #require(state.layout.panes[.detail])
        var cursorRow: Int?
        var anySelected = false
        var onCursor = false
        for y in (reader.y + 1)..<(reader.y + reader.height) {
            if frame[reader.x + 1, y].character == state.glyphs.cursor { cursorRow = y }
        }
        let row = try #require(cursorRow)
        for y in (reader.y + 1)..<(reader.y + reader.height) {
            for x in (reader.x + 2)..<(reader.x + reader.width) where frame[x, y].role == .markSelected {
                anySelected = true
                if y == row { onCursor = true }
            }
        }
        return (row, onCursor, anySelected)
    }

    /// The excerpt a state's reader marks on the cursor's line, or nil, by the spans' text: the span
    /// whose words hold the cursor's line's words.
    static func expectOneTarget(_ state: State, _ motion: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let shown = try marked(state)
        let span = Explorer.readerSpan(state)
        // What the reader marks on the cursor's line is the target; no mark there, no span target.
        #expect(shown.selectedOnCursorRow == (span != nil), "\(motion): marked on the cursor's row \(shown.selectedOnCursorRow), target \(span ?? "none")", sourceLocation: sourceLocation)
        #expect(!shown.anySelected || shown.selectedOnCursorRow, "\(motion): a span is marked away from the cursor", sourceLocation: sourceLocation)
        let facts = PaneContent.facts(state).map { $0.segments.map(\.text).joined() }
        let copied = effects(["y"], from: state).copy?.text ?? ""
        let noted = run(["a"], from: state).noteTarget
        let bookmarked = effects(["b"], from: state).noteEdit
        let entered = run(["Enter"], from: state)
        if let span, let excerpt = state.corpus.excerpt(span) {
            let spans = state.corpus.excerptsInArticle[excerpt.article, default: []]
            let number = try #require(spans.firstIndex(of: span)) + 1
            #expect(facts.contains { $0.hasPrefix("Span \(number) of \(spans.count) supports:") }, "\(motion): facts \(facts.prefix(2))", sourceLocation: sourceLocation)
            #expect(copied.hasPrefix("“\(excerpt.quote)”"), "\(motion): y copied \(copied.prefix(60))", sourceLocation: sourceLocation)
            #expect(noted?.quote == excerpt.quote && noted?.start == excerpt.span.start, "\(motion): a on \(noted?.quote?.prefix(40) ?? "nothing")", sourceLocation: sourceLocation)
            if case .add(let request)? = bookmarked?.edit {
                #expect(request.target.quote == excerpt.quote, "\(motion): b on \(request.target.quote?.prefix(40) ?? "nothing")", sourceLocation: sourceLocation)
            } else {
                Issue.record("\(motion): b bookmarked nothing", sourceLocation: sourceLocation)
            }
            #expect(PaneContent.facts(entered).first?.segments.map(\.text).joined() == "Span \(number) of \(spans.count) supports:", sourceLocation: sourceLocation)
            #expect(Render.frame(state).plainText.contains("span \(number)/\(spans.count)"), "\(motion): the status line names it", sourceLocation: sourceLocation)
        } else {
            #expect(facts.first == "No marked span on the cursor's line.", "\(motion)", sourceLocation: sourceLocation)
            #expect(noted?.quote == nil && noted?.record == state.selectedID(), "\(motion)", sourceLocation: sourceLocation)
            #expect(!copied.hasPrefix("“"), "\(motion): y copied a quote on a line with none", sourceLocation: sourceLocation)
            #expect(Render.frame(state).plainText.contains("no span on this line"), "\(motion)", sourceLocation: sourceLocation)
        }
    }

    static let reader = run(["Tab"], from: Fixture.state(width: 120, height: 40))

    @Test func everyActionActsOnTheSpanTheCursorsLineMarksAfterEveryMotion() throws {
        var motions: [(String, [String])] = []
        for count in [1, 3, 6, 11, 17] { motions.append(("j × \(count)", Array(repeating: "j", count: count))) }
        motions.append(("j × 9, k × 4", Array(repeating: "j", count: 9) + Array(repeating: "k", count: 4)))
        motions += [("PgDn", ["PgDn"]), ("PgDn PgDn PgUp", ["PgDn", "PgDn", "PgUp"]), ("Ctrl-d", ["Ctrl-d"]), ("G", ["G"]), ("G g", ["G", "g"]),
                    ("G k × 4", ["G", "k", "k", "k", "k"]),
                    ("] ] ]", ["]", "]", "]"]), ("] ] ] [", ["]", "]", "]", "["]), ("] then j × 2", ["]", "j", "j"])]
        var seen: Set<String> = []
        for (name, keys) in motions {
            let state = run(keys, from: Self.reader)
            try Self.expectOneTarget(state, name)
            seen.insert(Explorer.readerSpan(state) ?? "none")
        }
        // The motions reach several spans and a line with none, so each case is exercised.
        #expect(seen.count >= 4 && seen.contains("none"))
    }

    @Test func aSearchHitIsTheTargetAndNAndNMoveIt() throws {
        // Seen on main: after f "Some countries, including" Enter the cursor was on the hit, yet the
        // facts pane said "Span 1 of 15" and y copied span 1's quote (the OHCHR report sentence).
        let found = run(["f"] + typed("Some countries, including") + ["Enter"], from: Fixture.state(width: 120, height: 40))
        #expect(found.selectedID() == "art-2022-globalnews-un-report")
        #expect(Explorer.readerSpan(found) == "x-gn-genocide")
        try Self.expectOneTarget(found, "f … Enter")
        let copied = try #require(effects(["y"], from: found).copy?.text)
        #expect(copied.hasPrefix("“Some countries, including the United States, have accused Beijing of committing genocide in Xinjiang.”"))
        // n and N move to other hits; the target follows each.
        let many = run(["f"] + typed("Xinjiang") + ["Enter"], from: Fixture.state(width: 120, height: 40))
        var state = many
        for step in ["n", "n", "n", "N", "n", "n", "n", "n"] {
            state = run([step], from: state)
            try Self.expectOneTarget(state, "f Xinjiang … \(step)")
        }
    }

    @Test func aClickPutsTheCursorOnTheLineAndItsSpanIsTheTarget() throws {
        let start = Self.reader
        let pane = try #require(start.layout.panes[.detail])
        for row in [3, 8, 14, 22, 30] {
            let clicked = pressKey(start, .mouse(MouseEvent(.click, x: pane.x + 6, y: pane.y + 1 + row)))
            #expect(clicked.position.detail.cursor == max(row, start.position.detail.cursor) || clicked.position.detail.cursor == row || row < 4)
            try Self.expectOneTarget(clicked, "click on row \(row)")
        }
    }

    @Test func aNoteOnAPassageIsOnThePassagesWords() throws {
        // Seen on main: after v ) selected 409 characters beginning "The government's repressive
        // policies…", a prompted "Note on “As international support…”" and saved it on characters 0–251.
        let state = Fixture.state(width: 120, height: 40)
        let article = run(["j"], from: state)
        #expect(article.selectedID() == "art-2021-diplomacy-backfiring")
        // The cursor down to the line the sentence begins on.
        var opened = run(["Tab"], from: article)
        for _ in 0..<60 where !(run(["v"], from: opened).passage.flatMap { passage in Explorer.readerBody(opened).map { passage.text(in: $0.text) } } ?? "")
            .hasPrefix("The government’s repressive") {
            opened = run(["j"], from: opened)
        }
        let selected = run(["v", ")"], from: opened)
        let passage = try #require(selected.passage)
        let body = try #require(Explorer.readerBody(selected)?.text)
        let words = passage.text(in: body)
        #expect(words.hasPrefix("The government’s repressive policies"))
        let noting = run(["a"], from: selected)
        let target = try #require(noting.noteTarget)
        #expect(target.quote == words && target.record == "art-2021-diplomacy-backfiring")
        let scalarsBefore = body.utf8.prefix(passage.start).count == passage.start ? String(decoding: Array(body.utf8)[..<passage.start], as: UTF8.self).unicodeScalars.count : -1
        #expect(target.start == scalarsBefore && target.end == scalarsBefore + words.unicodeScalars.count)
        #expect(Render.frame(noting).plainText.contains("Note on “The government’s repress"))
        // And every motion of the passage keeps the note on what is selected.
        for keys in [["w"], ["b"], ["o", "w"], [")", "("], ["("]] {
            let moved = run(keys, from: selected)
            guard let movedPassage = moved.passage else { continue }
            #expect(run(["a"], from: moved).noteTarget?.quote == movedPassage.text(in: body), "v ) \(keys)")
        }
    }

    @Test func anExcerptRowIsATargetOfItsOwnInTheSourcePaneAndSideBySideProfiles() throws {
        // Seen on main: a on an excerpt row (the source pane, profiles) noted the statement or actor.
        let statement = run(["3", "j", "Tab", "j", "Tab"], from: Fixture.state(width: 120, height: 40))
        #expect(statement.position.focus == .source)
        let excerpt = try #require(Explorer.sourceExcerpt(statement))
        #expect(run(["a"], from: statement).noteTarget == NoteTarget(record: excerpt))
        let quote = try #require(statement.corpus.excerpt(excerpt)?.quote)
        #expect(effects(["y"], from: statement).copy?.text.contains("“\(quote)”") == true)
        #expect(Render.frame(statement).plainText.contains("excerpt \(excerpt)"))
        // An actor's profile: a (wrapped) excerpt row is the excerpt.
        var actor = run(["2", "Tab"], from: Fixture.state(width: 120, height: 40))
        for _ in 0..<40 {
            let lines = Explorer.detailLines(actor)
            if let line = PaneContent.selectedLine(lines, selection: actor.position.detail.selected), case .excerpt? = lines[line].link { break }
            actor = run(["j"], from: actor)
        }
        let actorLines = Explorer.detailLines(actor)
        let actorLine = try #require(PaneContent.selectedLine(actorLines, selection: actor.position.detail.selected))
        guard case .excerpt(let rowExcerpt)? = actorLines[actorLine].link else {
            Issue.record("no excerpt row in the first actor's profile")
            return
        }
        #expect(run(["a"], from: actor).noteTarget == NoteTarget(record: rowExcerpt))
        // Two actors side by side: each column's rows are selected, an excerpt row is the excerpt.
        let side = run(["2", "m", "j", "m"], from: Fixture.state(width: 120, height: 40))
        guard case .profiles(let profiles)? = side.navigation.overlay else {
            Issue.record("m on two actors opens their profiles side by side")
            return
        }
        let lines = Explorer.profileLines(profiles, column: 0, state: side)
        let rows = PaneContent.selectable(lines)
        let excerptRow = try #require(rows.firstIndex { if case .excerpt? = lines[$0].link { return true } else { return false } })
        let onExcerpt = run(Array(repeating: "j", count: excerptRow), from: side)
        guard case .excerpt(let id)? = lines[rows[excerptRow]].link else { return }
        #expect(run(["a"], from: onExcerpt).noteTarget == NoteTarget(record: id))
        let excerptQuote = try #require(side.corpus.excerpt(id)?.quote)
        #expect(effects(["y"], from: onExcerpt).copy?.text.hasPrefix("“\(excerptQuote)”") == true)
        // Enter opens it in its article, at its span.
        let opened = run(["Enter"], from: onExcerpt)
        #expect(opened.navigation.overlay == nil && Explorer.readerSpan(opened) == id)
    }
}
