import Foundation
import DossierModel
import DossierTerminal
import Testing
@testable import DossierApp

/// The analyst workflows: sources side by side, disagreements, who signed, the stance matrix, the
/// timeline, search, and history across all of them.
@Suite struct WorkflowTests {
    func compareState(_ state: State) -> CompareState? {
        if case .compare(let value) = state.navigation.overlay { return value }
        return nil
    }

    func shownExcerpts(_ state: State) -> [String] {
        guard let compare = compareState(state) else { return [] }
        return compare.shown.map { compare.excerpts[$0] }
    }

    // MARK: Sources side by side

    @Test func dOpensTheTwoSourcesThatDisagreeOnThe2019Count() throws {
        let state = run(["3", "j", "d"])
        let compare = try #require(compareState(state))
        #expect(shownExcerpts(state) == ["x-cdt-22-nations", "x-bk-2019-25"])
        #expect(compare.labels[compare.shown[0]] == "22" && compare.labels[compare.shown[1]] == "25")
        #expect(compare.excerpts.count == 4)  // every count can be cycled through
        // Each column is scrolled to its span.
        #expect(compare.tops[0] > 0 && compare.tops[1] > 0)
        #expect(state.history.count == 1)
    }

    @Test func dSaysSoWhenSourcesAgree() {
        let agreeing = run(["3", "d"])  // the 2016 statement has no counts
        #expect(agreeing.navigation.overlay == nil)
        #expect(agreeing.message == "The sources do not disagree on this statement's count")
        #expect(run(["3", "/"] + typed("ngos") + ["Enter", "d"]).navigation.overlay == nil)  // more than 63 and more than 60 agree
    }

    @Test func compareKeysScrollSwitchAndCycle() throws {
        let opened = run(["3", "j", "d"])
        let start = try #require(compareState(opened))
        #expect(compareState(run(["j"], from: opened))?.tops[0] == start.tops[0] + 1)
        #expect(compareState(run(["j", "k", "k"], from: opened))?.tops[0] == start.tops[0] - 1)
        #expect(compareState(run(["Ctrl-d"], from: opened))?.tops[0] ?? 0 > start.tops[0] + 1)
        #expect(compareState(run(["Tab"], from: opened))?.focus == 1)
        #expect(compareState(run(["l", "h"], from: opened))?.focus == 0)
        // ] and n show the next excerpt in the focused column; [ and N go back; it wraps around.
        #expect(shownExcerpts(run(["]"], from: opened)) == ["x-cdt-more-than-20", "x-bk-2019-25"])
        #expect(shownExcerpts(run(["Tab", "n"], from: opened)) == ["x-cdt-22-nations", "x-cdt-more-than-20-nations"])
        #expect(shownExcerpts(run(["[", "N"], from: opened)) == ["x-bk-2019-25", "x-bk-2019-25"])
        // Enter reads the focused column's article in the reader, at the excerpt.
        let reader = run(["Tab", "Enter"], from: opened)
        #expect(reader.navigation.overlay == nil && reader.view == .articles)
        #expect(reader.selectedID() == "art-2021-diplomacy-backfiring")
        // Esc closes; Backspace goes back to where it was opened.
        #expect(run(["Esc"], from: opened).navigation.overlay == nil)
        let back = run(["Backspace"], from: opened)
        #expect(back.navigation.overlay == nil && back.view == .statements && back.selectedID() == "st-2019-07-joint-letter")
    }

    @Test func cComparesTheExcerptsBehindAFact() {
        // On the 2019 letter's detail, a count row compares all the counts.
        let counts = run(["3", "j", "Enter", "j", "j", "j", "c"])
        #expect(compareState(counts)?.excerpts == ["x-cdt-22-nations", "x-cdt-more-than-20", "x-bk-2019-25", "x-cdt-more-than-20-nations"])
        // From an actor's list row: every excerpt about the actor.
        let actor = run(["2", "/"] + typed("bachelet") + ["Enter", "c"])
        #expect(compareState(actor)?.excerpts.count == actor.corpus.excerptsAbout["bachelet"]?.count)
        // A fact with one excerpt only says so.
        let single = run(["2", "/"] + typed("pakistan") + ["Enter", "c"])
        #expect(single.navigation.overlay == nil)
        #expect(single.message == "Comparing needs two or more excerpts behind the selected fact")
    }

    // MARK: Who signed

    @Test func markingTwoStatementsComparesTheirSignatories() throws {
        let marked = run(["3", "j", "m"])
        #expect(marked.navigation.marked == "st-2019-07-joint-letter")
        #expect(run(["m"], from: marked).navigation.marked == nil)  // m again unmarks
        let opened = run(["j", "m"], from: marked)
        guard case .signatories(let comparison) = opened.navigation.overlay else {
            Issue.record("no comparison opened")
            return
        }
        let columns = comparison.columns(in: opened.corpus)
        #expect(columns[0].isEmpty)
        #expect(columns[1] == ["gbr", "fra", "deu", "aus", "can", "jpn", "nzl"])  // the letter, not the counter-letter
        #expect(columns[2] == ["rus", "sau", "prk", "syr"])
        #expect(opened.navigation.marked == nil)
        // Move to "only A", down to France, and follow it to its actor; back returns to the comparison.
        let france = run(["l", "j", "Enter"], from: opened)
        #expect(france.view == .actors && france.selectedID() == "fra" && france.navigation.overlay == nil)
        let back = run(["Backspace"], from: france)
        if case .signatories(let restored) = back.navigation.overlay {
            #expect(restored.column == 1 && restored.places[1].selected == 1)
        } else {
            Issue.record("back did not return to the comparison")
        }
        #expect(run(["Tab", "Tab", "Tab"], from: opened).navigation.overlay == opened.navigation.overlay)
        #expect(run(["h"], from: opened).navigation.overlay != opened.navigation.overlay)
        #expect(run(["Esc"], from: opened).navigation.overlay == nil)
    }

    @Test func markWorksOnStatementsArticlesAndActors() {
        // Issue 12 widened `m` from statements to articles and actors (to compare any two).
        let onActor = run(["2", "m"])
        #expect(onActor.navigation.marked == onActor.selectedID())
        #expect(onActor.message != nil)
        // In the timeline a statement can be marked, an event cannot; nor can anything in the matrix.
        #expect(run(["4", "m"]).navigation.marked == nil)
        #expect(run(["5", "m"]).navigation.marked == nil)
        let timeline = run(["4", "/"] + typed("counter-letter") + ["Enter", "m"])
        #expect(timeline.navigation.marked == "st-2019-07-counter-letter")
        // A mark of another kind is replaced, not compared with.
        #expect(run(["m", "3", "m"], from: run(["1"])).navigation.marked == run(["3"]).selectedID())
    }

    @Test func twoMarkedArticlesOpenSideBySide() throws {
        let state = run(["m", "j", "m"])
        guard case .compare(let compare) = state.navigation.overlay else { Issue.record("no side-by-side"); return }
        let articles = run([]).listIDs(for: .articles)
        #expect(compare.excerpts == [articles[0], articles[1]] && compare.shown == [0, 1])
        let screen = Render.frame(state).plainText
        #expect(screen.contains("Two articles:"))
        for id in articles.prefix(2) {
            let title = try #require(Fixture.corpus.article(id)?.title)
            #expect(screen.contains(String(title.prefix(14))))
        }
        // Enter opens the focused column's article in the reader; Back returns to the two.
        let opened = run(["Tab", "Enter"], from: state)
        #expect(opened.view == .articles && opened.selectedID() == articles[1] && opened.navigation.overlay == nil)
        #expect(run(["Backspace"], from: opened).navigation.overlay == run(["Tab"], from: state).navigation.overlay)
    }

    @Test func twoMarkedActorsShowTheirProfilesSideBySide() {
        let state = run(["2", "/"] + typed("bachelet") + ["Enter", "m", "Esc", "/"] + typed("volker") + ["Enter", "m"])
        guard case .profiles(let profiles) = state.navigation.overlay else { Issue.record("no profiles"); return }
        #expect(profiles.records == ["bachelet", "turk"] || profiles.records.count == 2)
        let screen = Render.frame(state).plainText
        #expect(screen.contains("Side by side: Michelle Bachelet") && screen.contains("Volker Türk"))
        #expect(run(["Tab", "j"], from: state).navigation.overlay != state.navigation.overlay)
        #expect(run(["Esc"], from: state).navigation.overlay == nil)
    }

    @Test func whoSignedShowsTheTwoStatementsDetailsWithC() {
        let signed = run(["3", "j", "m", "j", "m"])
        let details = run(["c"], from: signed)
        guard case .profiles(let profiles) = details.navigation.overlay else { Issue.record("no details"); return }
        #expect(profiles.records == ["st-2019-07-joint-letter", "st-2019-07-counter-letter"])
        #expect(run(["Backspace"], from: details).navigation.overlay == signed.navigation.overlay)
    }

    // MARK: Stance matrix

    @Test func theMatrixShowsStatesByStatements() {
        let state = run(["5"])
        let model = MatrixModel(state: state)
        #expect(model.columns == state.index.statementsByDate)
        #expect(model.rows.allSatisfy { state.corpus.actor($0)?.kind == .state })
        #expect(model.mark(row: "gbr", column: "st-2019-07-joint-letter") == .signatory)
        #expect(model.mark(row: "chn", column: "st-2019-07-counter-letter") == .lead)
        // The 2019 letter went to the High Commissioner and urged China: China is not its addressee.
        #expect(model.mark(row: "chn", column: "st-2019-07-joint-letter") == nil)
        #expect(model.mark(row: "gbr", column: "st-2019-07-counter-letter") == nil)
        #expect(model.rows.contains("tur") && model.rows.contains("usa"))
    }

    @Test func matrixKeysMoveFilterAndOpen() {
        let state = run(["5"])
        let model = MatrixModel(state: state)
        #expect(state.navigation.matrix.row == model.rows[0] && state.navigation.matrix.column == model.columns[0])
        let moved = run(["j", "l", "l"], from: state)
        #expect(moved.navigation.matrix.row == model.rows[1] && moved.navigation.matrix.column == model.columns[2])
        #expect(run(["$"], from: state).navigation.matrix.column == model.columns.last)
        #expect(run(["$", "0"], from: state).navigation.matrix.column == model.columns[0])
        #expect(run(["G"], from: state).navigation.matrix.row == model.rows.last)
        #expect(run(["h", "k"], from: state).navigation.matrix == state.navigation.matrix)
        // Filter to one stance and a year range.
        let critical = run(["/"] + typed("critical 2019-2020") + ["Enter"], from: state)
        let columns = MatrixModel(state: critical).columns
        #expect(columns == ["st-2019-07-joint-letter", "st-2019-07-hrw-welcome", "st-2020-un-experts", "st-2020-civil-society", "st-2020-10-third-committee"])
        #expect(MatrixModel(state: run(["/"] + typed("supportive"), from: state)).columns.allSatisfy { critical.corpus.statement($0)?.stance == .supportive })
        // Enter on a cell opens the excerpt that names it; on an empty cell it says so.
        let canada = run(["/"] + typed("2019") + ["Enter", "g", "j", "Enter"], from: state)
        #expect(canada.view == .articles && canada.selectedID() == "art-2019-cdt-22-nations")
        let spans = canada.corpus.excerptsInArticle["art-2019-cdt-22-nations"]!
        #expect(spans[canada.position.detail.selected] == "x-cdt-other-signatories")
        let empty = run(["Enter"], from: state)
        #expect(empty.view == .matrix && empty.message != nil)
    }

    @Test func matrixFilterParsesStancesAndYears() {
        let filter = MatrixFilter("Critical 2019..2021 letter")
        #expect(filter.stances == [.critical])
        #expect(filter.years == 2019...2021)
        #expect(filter.words == ["letter"])
        #expect(MatrixFilter("2021-2019").years == 2019...2021)
        #expect(MatrixFilter("2019").years == 2019...2019)
        #expect(MatrixFilter("19-21").years == nil)
    }

    // MARK: Timeline

    @Test func theTimelineRunsFromThe2009UnrestToThe2024Update() {
        let state = run(["4"])
        let ids = state.listIDs()
        #expect(ids.first == "ev-2009-07-05-urumqi-riots")
        #expect(ids.contains("st-2024-08-27-ohchr-update"))
        #expect(ids.count == state.corpus.events.count + state.corpus.statements.count)
        let dates = ids.map { state.corpus.statement($0)?.date ?? state.corpus.event($0)!.date }
        #expect(dates == dates.sorted())
        // Partial dates sit before the precise dates of their period: 2016 before 2016-03.
        #expect(ids.firstIndex(of: "ev-2016-chen-quanguo-appointed")! < ids.firstIndex(of: "st-2016-03-us-joint-statement")!)
    }

    @Test func enterOnTheTimelineGoesToTheItem() {
        let statement = run(["4", "/"] + typed("counter-letter") + ["Enter", "Enter"])
        #expect(statement.view == .statements && statement.selectedID() == "st-2019-07-counter-letter")
        let event = run(["4", "Enter"])
        #expect(event.view == .timeline && event.position.focus == .detail)
        // The event's statement row follows to the statement.
        let term = run(["4", "/"] + typed("minutes after") + ["Enter", "Enter", "j", "j", "Enter"])
        #expect(term.view == .statements && term.selectedID() == "st-2022-08-31-ohchr-assessment")
    }

    @Test func tNarrowsTheTimelineToAnActorAndEscWidensIt() {
        let narrowed = run(["2", "/"] + typed("bachelet") + ["Enter", "t"])
        #expect(narrowed.view == .timeline && narrowed.navigation.timelineActor == "bachelet")
        let ids = narrowed.listIDs()
        #expect(ids.contains("ev-2018-09-bachelet-takes-office") && ids.contains("st-2019-07-joint-letter"))
        #expect(!ids.contains("ev-2009-07-05-urumqi-riots"))
        #expect(run(["Esc"], from: narrowed).navigation.timelineActor == nil)
        #expect(run(["Backspace"], from: narrowed).view == .actors)
    }

    // MARK: Search

    /// The texts of the runs of cells drawn in a role, row by row.
    func runs(of role: Role, in grid: Grid) -> [String] {
        var runs: [String] = []
        for y in 0..<grid.height {
            var current = ""
            for x in 0..<grid.width where !grid[x, y].isContinuation {
                if grid[x, y].role == role {
                    current.append(grid[x, y].character)
                } else if !current.isEmpty {
                    runs.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { runs.append(current) }
        }
        return runs
    }

    /// Where the cells drawn in a role are.
    func cells(of role: Role, in grid: Grid) -> [Int] {
        grid.cells.indices.filter { grid.cells[$0].role == role }
    }

    func search(_ state: State) -> SearchState? {
        if case .search(let search) = state.navigation.overlay { return search }
        return nil
    }

    @Test func searchUpdatesAsYouType() throws {
        let opened = run(["f"])
        #expect(search(opened)?.hits.isEmpty == true && opened.editingFilter)
        let typedState = run(typed("bach"), from: opened)
        let hits = try #require(search(typedState)).hits
        #expect(!hits.isEmpty && hits.allSatisfy { Fold.fold(String(Array($0.context)[$0.highlight])) == "bach" })
        #expect(search(run(["Backspace"], from: typedState))?.query == "bac")
        // Letters are text here, not commands: q does not quit, j does not move.
        let (withQ, withQAsked) = press(["q", "j"], from: typedState)
        #expect(!withQAsked.quits && search(withQ)?.query == "bachqj")
        #expect(search(run(["↓", "↓", "↑"], from: typedState))?.place.selected == 1)
        #expect(search(run(["Ctrl-n"], from: typedState))?.place.selected == 1)
        #expect(run(["Esc"], from: typedState).navigation.overlay == nil)
        // Accents, case and CJK: "URUMCHI" finds Ürümchi.
        #expect(search(run(["f"] + typed("URUMCHI")))?.hits.contains { $0.field == .body } == true)
    }

    @Test func everyArticleMentioningBachelet_readEachMatchInPlace() throws {
        let results = run(["f"] + typed("bachelet"))
        let hits = try #require(search(results)).hits
        let articles = Set(hits.filter { $0.kind == .article }.map(\.id))
        #expect(articles.count == 5)
        // Open the Global News article's first match and step through its matches with n and N.
        let index = try #require(hits.firstIndex { $0.id == "art-2022-globalnews-un-report" })
        let opened = run(Array(repeating: "↓", count: index) + ["Enter"], from: results)
        #expect(opened.view == .articles && opened.selectedID() == "art-2022-globalnews-un-report")
        #expect(opened.navigation.readerQuery == "bachelet" && opened.navigation.readerMatch == 0)
        let matches = Explorer.readerMatches(opened)
        #expect(matches.count > 3)
        let second = run(["n"], from: opened)
        #expect(second.navigation.readerMatch == 1)
        #expect(run(["n", "N"], from: opened).navigation.readerMatch == 0)
        #expect(run(["N"], from: opened).navigation.readerMatch == matches.count - 1)  // wraps
        // Far matches scroll the reader.
        let last = run(Array(repeating: "n", count: matches.count - 1), from: opened)
        #expect(last.position.detail.top > opened.position.detail.top)
        // The current match and the others are marked cell by cell, and n moves the current mark.
        let shown = Render.frame(opened)
        #expect(runs(of: .matchCurrent, in: shown).map { $0.lowercased() } == ["bachelet"])
        #expect(runs(of: .match, in: shown).allSatisfy { $0.lowercased() == "bachelet" })
        let afterN = Render.frame(second)
        #expect(runs(of: .matchCurrent, in: afterN).map { $0.lowercased() } == ["bachelet"])
        #expect(cells(of: .matchCurrent, in: afterN) != cells(of: .matchCurrent, in: shown))
        // On a screen tall enough for both, n marks the first match as one of the others.
        let tall = pressKey(opened, .resize(160, 100))
        let tallSecond = run(["n"], from: tall)
        #expect(tallSecond.position.detail.top == tall.position.detail.top)
        #expect(Set(cells(of: .matchCurrent, in: Render.frame(tall))).isSubset(of: cells(of: .match, in: Render.frame(tallSecond))))
        // Esc drops the highlight; ] still steps through spans.
        #expect(runs(of: .matchCurrent, in: Render.frame(run(["Esc"], from: opened))).isEmpty)
        #expect(run(["Esc"], from: opened).navigation.readerQuery == nil)
        // Back returns to the results, still typed.
        let back = run(["Backspace"], from: opened)
        #expect(search(back)?.query == "bachelet" && back.editingFilter)
    }

    @Test func searchHitsOfEveryKindOpen() throws {
        let state = run(["f"] + typed("turk"))
        let hits = try #require(search(state)).hits
        for (offset, hit) in hits.enumerated() {
            let opened = run(Array(repeating: "↓", count: offset) + ["Enter"], from: state)
            switch hit.kind {
            case .article, .excerpt: #expect(opened.view == .articles)
            case .actor: #expect(opened.view == .actors && opened.selectedID() == hit.id)
            case .statement: #expect(opened.view == .statements && opened.selectedID() == hit.id)
            case .event: #expect(opened.view == .timeline && opened.selectedID() == hit.id)
            }
        }
    }

    // MARK: History

    @Test func backAndForwardRestoreEveryScreenExactly() {
        // Statements → signatory → actor → its timeline (filtered) → a statement → its disagreeing
        // sources; then all the way back and forward. Each step is the state just before a jump.
        var steps: [State] = [run(["3", "j", "Enter"] + Array(repeating: "j", count: 6))]
        steps.append(run(["Enter"], from: steps.last!))                                   // United Kingdom
        steps.append(run(["t", "/"] + typed("letter") + ["Enter"], from: steps.last!))     // its timeline, filtered
        steps.append(run(["Enter"], from: steps.last!))                                   // the 2019 letter
        steps.append(run(["d"], from: steps.last!))                                       // its disagreeing sources
        var state = steps.last!
        for expected in steps.dropLast().reversed() {
            state = run(["Backspace"], from: state)
            #expect(state.navigation == expected.navigation)
        }
        for expected in steps.dropFirst() {
            state = run(["L"], from: state)
            #expect(state.navigation == expected.navigation)
        }
        // A new jump after going back forgets the forward path.
        let branched = run(["Backspace", "Backspace", "Esc", "2"], from: steps.last!)
        #expect(run(["Enter", "Enter", "L"], from: branched).forwardHistory.isEmpty)
    }
}


/// Staged loading: the articles first, then the whole corpus adopted without losing the user's place.
@Suite struct StagedLoadTests {
    @Test func theFullStateIsAdoptedKeepingWhereTheUserIs() throws {
        let files = try CorpusLoader.readDirectory(Fixture.repository.appendingPathComponent("data").path)
        let staged = try #require(StagedLoad(files: files, width: 80, height: 24))
        staged.start()
        #expect(staged.preview.isLoading)
        #expect(staged.preview.corpus.articles.count == 5 && staged.preview.corpus.actors.isEmpty)
        // While loading: move in the articles, open the help, start a search.
        var state = run(["j", "j", "?", "Esc", "f"] + typed("bachelet"), from: staged.preview)
        #expect(state.isLoading)
        #expect(Render.frame(state).plainText.contains("indexing the corpus"))
        var full: State?
        for _ in 0..<5000 where full == nil {
            if case .success(let loaded)? = staged.result { full = loaded } else { usleep(1000) }
        }
        let loaded = try #require(full)
        state = state.adopting(loaded)
        #expect(!state.isLoading && state.corpus.actors.count == 70)
        #expect(state.selectedID(in: .articles) == staged.preview.listIDs(for: .articles)[2])
        guard case .search(let search) = state.navigation.overlay else {
            Issue.record("the search was lost")
            return
        }
        #expect(search.query == "bachelet" && !search.hits.isEmpty)
        #expect(state.history.count == 1)
    }

    @Test func anInvalidCorpusFailsInTheBackground() throws {
        let files = try CorpusLoader.readDirectory(Fixture.repository.appendingPathComponent("Tests/Fixtures/bad/dir-syntax-in-actors").path)
        let staged = try #require(StagedLoad(files: files, width: 80, height: 24))
        staged.start()
        var outcome: Result<State, CorpusError>?
        for _ in 0..<5000 where outcome == nil {
            outcome = staged.result
            if outcome == nil { usleep(1000) }
        }
        guard case .failure(.invalid(let diagnostics))? = outcome else {
            Issue.record("expected the load to fail")
            return
        }
        #expect(diagnostics.map(\.description).first?.hasSuffix("actors.json:6:5: error: unexpected '\"'; expected ',' or '}'") == true)
    }

    /// The staged load decodes the other four files while the articles are parsed, then puts them
    /// together: its problems are the one-shot load's, in the same order, also when an excerpt has an
    /// article's id (which only a decoding in file order can place at the later record); and its
    /// back-links, most of them worked out while the quotes are found, are the one-shot load's, also
    /// for a reference to no record (opened with its problems).
    @Test(arguments: ["valid", "duplicate", "dangling"])
    func theProblemsAreTheOneShotLoads(corpus: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-staged-\(corpus)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.copyItem(atPath: Fixture.repository.appendingPathComponent("data").path, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        if corpus == "duplicate" {
            let path = directory + "/excerpts.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let first = try #require(text.range(of: "\"id\": \""))
            let end = try #require(text[first.upperBound...].firstIndex(of: "\""))
            try text.replacingCharacters(in: first.upperBound..<end, with: "art-2019-cdt-22-nations").write(toFile: path, atomically: true, encoding: .utf8)
        }
        if corpus == "dangling" {
            let path = directory + "/excerpts.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let about = try #require(text.range(of: "\"about\": ["))
            try text.replacingCharacters(in: about, with: "\"about\": [\"nobody-here\", ").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let oneShot = try CorpusLoader.load(directoryFiles: CorpusLoader.readDirectory(directory), mode: .tolerant)
        let staged = try #require(StagedLoad(files: CorpusLoader.readDirectory(directory), width: 80, height: 24))
        staged.start()
        var outcome: Result<State, CorpusError>?
        for _ in 0..<5000 where outcome == nil {
            outcome = staged.result
            if outcome == nil { usleep(1000) }
        }
        let state = try #require(try outcome?.get())
        #expect(state.problems.map(\.description) == oneShot.problems.map(\.description))
        #expect(state.corpus.excerpts.count == oneShot.corpus.excerpts.count)
        let (links, expected) = (state.corpus, oneShot.corpus)
        #expect(links.excerptsAbout.all == expected.excerptsAbout.all && !expected.excerptsAbout.all.isEmpty)
        #expect(links.recordsCiting.all == expected.recordsCiting.all)
        #expect(links.excerptsInArticle.all == expected.excerptsInArticle.all && !expected.excerptsInArticle.all.isEmpty)
        #expect(links.statementRoles.all == expected.statementRoles.all)
        #expect(links.eventsMentioning.all == expected.eventsMentioning.all)
        if corpus == "dangling" { #expect(links.excerptsAbout["nobody-here"]?.count == 1) }
        if corpus == "duplicate" { #expect(state.problems.contains { $0.description.contains("art-2019-cdt-22-nations") }) }
    }

    @Test func aBrokenArticlesFileIsNotStaged() throws {
        var files = try CorpusLoader.readDirectory(Fixture.repository.appendingPathComponent("data").path)
        files["articles"] = SourceFile(name: "articles.json", bytes: Array("[{".utf8))
        #expect(StagedLoad(files: files, width: 80, height: 24) == nil)
    }

    @Test func aBodyWhoseFileChangedOnDiskSaysSoInTheReader() throws {
        // Bodies of a corpus on disk are read from their file when shown; a file changed since it was
        // loaded is not read as something else.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-reader-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.copyItem(atPath: Fixture.repository.appendingPathComponent("data").path, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = State(corpus: try CorpusLoader.load(path: directory).corpus, width: 200, height: 30)
        let title = try #require(state.corpus.articles.first { $0.id == state.selectedID(in: .articles) }).title
        let second = try #require(state.corpus.articles.first { $0.id != state.selectedID(in: .articles) })
        let secondBefore = try second.body.text()
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, directory + "/articles.json", &times, 0) == 0)
        let after = Render.frame(run(["Tab", "z"], from: state)).plainText
        #expect(after.contains(String(title.prefix(20))))
        #expect(after.contains("⚠ cannot read the article body"))
        #expect(after.contains("the file changed since"))
        // A body read before the change is kept as it was loaded, so it still shows.
        #expect(try second.body.text() == secondBefore)
    }
}

/// Issue 13, item 1: corpora as users write them open and show what they hold.
@Suite struct UsersOwnCorpusTests {
    static func ownFields() throws -> State {
        let path = Fixture.repository.appendingPathComponent("Tests/Fixtures/good/own-fields.json").path
        return Explorer.normalized(State(corpus: try CorpusLoader.load(path: path).corpus, width: 100, height: 40))
    }

    @Test func theDetailPaneShowsAForumInWordsAndTheUsersOwnFields() throws {
        let state = run(["3"], from: try Self.ownFields())
        let lines = PaneContent.detail(state, view: .statements, width: 60)
        let text = lines.map { $0.segments.map(\.text).joined() }
        // A forum in words that no excerpt of the statement names says so.
        #expect(text.contains("forum: Third Committee of the UN General Assembly (no") && text.contains("source in the corpus states this)"))
        // A forum in words is no actor: nothing to follow.
        #expect(lines.first { $0.segments.map(\.text).joined().hasPrefix("forum:") }?.link == nil)
        #expect(text.contains("Your fields (x-)") && text.contains(#"  x-vote: {"yes":22,"no":0}"#))
        let actor = PaneContent.detail(run(["2", "/"] + typed("france") + ["Enter"], from: try Self.ownFields()), view: .actors, width: 60)
        #expect(actor.map { $0.segments.map(\.text).joined() }.contains("  x-region: Western European and Others Group"))
    }

    @Test func exportsGainAColumnForEachOwnField() throws {
        let corpus = try Self.ownFields().corpus
        let statements = Export.table(.statements, corpus: corpus)
        #expect(statements.columns.last == "x-vote" && statements.rows[0].last == #"{"yes":22,"no":0}"#)
        let actors = Export.table(.actors, corpus: corpus)
        let column = try #require(actors.columns.firstIndex(of: "x-region"))
        #expect(actors.rows.filter { $0[column] == "Western European and Others Group" }.map { $0[0] } == ["fra"])
        #expect(Export.table(.events, corpus: corpus).columns.last == "x-tags")
        #expect(Export.table(.excerpts, corpus: corpus).columns.last == "x-checked")
    }
}

/// Issue 13, item 2: the explorer opens any corpus that parses, with its problems shown.
@Suite struct ProblemsTests {
    static func opened(_ fixture: String, width: Int = 100, height: Int = 30) throws -> State {
        let path = Fixture.repository.appendingPathComponent("Tests/Fixtures/" + fixture).path
        let loaded = try CorpusLoader.load(path: path, mode: .tolerant)
        var state = State(corpus: loaded.corpus, width: width, height: height)
        state.problems = loaded.problems
        return Explorer.normalized(state)
    }

    @Test func aDanglingReferenceOpensWithTheProblemShownAndListed() throws {
        // Seen on main: the explorer showed the articles, then exited 65 over one dangling reference.
        let files = try CorpusLoader.readDirectory(Fixture.repository.appendingPathComponent("Tests/Fixtures/bad/dir-dangling-reference").path)
        let staged = try #require(StagedLoad(files: files, width: 100, height: 30))
        staged.start()
        var outcome: Result<State, CorpusError>?
        for _ in 0..<5000 where outcome == nil {
            outcome = staged.result
            if outcome == nil { usleep(1000) }
        }
        guard case .success(let loaded)? = outcome else { Issue.record("expected the corpus to open, got \(String(describing: outcome))"); return }
        let state = staged.preview.adopting(loaded)
        #expect(state.problems.map(\.severity) == [.error])
        #expect(Render.frame(state).plainText.contains("⚠ 1 error (!)"))
        // The statement is there, its broken signatory drawn as the id it holds, marked.
        let statement = run(["3"], from: state)
        let rows = PaneContent.detail(statement, view: .statements, width: 60)
        // Under its heading, the statement says its own problem.
        let pane = rows.map { $0.segments.map(\.text).joined().trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(pane.contains("s-letter ⚠ error: signatories.actor: \"deu\" is not the id of any record; expected an actor (! lists every problem)"))
        let broken = try #require(rows.first { $0.link == .actor("deu") })
        #expect(broken.segments.contains { $0.text == "deu ⚠ not in the corpus" && $0.role == .warning })
        // `!` lists the problem where validate would; Enter goes to the record at fault.
        let problems = run(["!"], from: state)
        let frame = Render.frame(problems).plainText
        #expect(frame.contains("Problems: 1 error") && frame.contains("dir-dangling-reference/statements.json:36:18"))
        #expect(frame.contains("signatories.actor: \"deu\" is not the id of any record; expected an actor"))
        let followed = run(["Enter"], from: problems)
        #expect(followed.navigation.overlay == nil && followed.view == .statements && followed.selectedID() == "s-letter")
        #expect(run(["!"], from: problems).navigation.overlay == nil)
    }

    @Test func followingABrokenReferenceSaysSoAndStays() throws {
        var state = run(["3", "Tab"], from: try Self.opened("bad/dangling-reference.json"))
        let rows = PaneContent.detail(state, view: .statements, width: state.width)
        let broken = try #require(PaneContent.selectable(rows).firstIndex { rows[$0].link == .actor("deu") })
        state.positions[.statements]?.detail.selected = broken
        let followed = run(["Enter"], from: state)
        #expect(followed.view == .statements && followed.history.count == state.history.count)
        #expect(followed.message == "“deu” is not in the corpus: a broken reference (! lists the problems)")
    }

    @Test func aQuoteNotFoundLeavesItsExcerptListedButUnanchored() throws {
        let state = try Self.opened("bad/quote-not-found.json")
        let excerpt = try #require(state.corpus.excerpt("x-22"))
        #expect(excerpt.anchor == .unanchored)
        #expect(!state.corpus.excerptsInArticle["a-letter", default: []].contains("x-22"))
        let quoted = PaneContent.quotation("x-22", corpus: state.corpus, withTitle: true, keys: state.keymap).map { $0.segments.map(\.text).joined() }
        #expect(quoted.contains("“Nothing of the kind was said by anyone”") && quoted.contains { $0.hasPrefix("⚠ not found in the article's text") })
        // Issue 27: words not in the article never leave as a quote; y on the count it gives says why.
        let statement = Explorer.jump(state, to: .statement("s-letter"))
        let (onCount, _) = try FactSourcesTests.selecting("22 ", in: statement)
        let (copied, copiedAsked) = press(["y"], from: onCount)
        #expect(copiedAsked.copy == nil && copied.message == "x-22: its quote is not found in its article, so it is not copied (! lists the problems)")
    }

    @Test func aMisquoteShowsTheArticlesWordsMarkedWithTheStoredOnesBesideAndCopiesTheArticles() throws {
        // Issue 27: seen on main, the stored words ("23") were shown and copied as the quote.
        let state = try Self.opened("bad/quote-misquoted.json")
        #expect(state.problems.map(\.severity) == [.error])
        // In the reader, the passage is a span like any other; the facts beside it give the stored quote.
        let spans = state.corpus.excerptsInArticle["a-letter", default: []]
        var reader = run(["Tab"], from: state)
        reader.positions[.articles]?.detail.selected = try #require(spans.firstIndex(of: "x-22"))
        let facts = PaneContent.facts(reader).map { $0.segments.map(\.text).joined() }
        #expect(facts.first == "⚠ misquoted: the corpus file has “The group of 23 nations urged China”")
        let lines = PaneContent.quotation("x-22", corpus: state.corpus, withTitle: false, keys: state.keymap)
        let quoted = lines.map { $0.segments.map(\.text).joined() }
        #expect(quoted.suffix(3) == ["“The group of 22 nations urged China”", "⚠ misquoted: the corpus file has “The group of 23 nations urged China”",
                                     "  \"23\" where the article has \"22\""])
        // The article's word that differs is marked; the rest of its words are not.
        let marked = lines[lines.count - 3].segments.filter { $0.role == .warning }.map(\.text)
        #expect(marked == ["22"])
        let copiedAsked = effects(["y"], from: reader)
        let clipboard = try #require(copiedAsked.copy)
        #expect(clipboard.text.hasPrefix("“The group of 22 nations urged China” — Example Times"))
        #expect(clipboard.what == "the article's words (not the corpus file's misquote) and their citation")
    }

    @Test func aRecordLeftOutForItsErrorsIsListedAndSaysSo() throws {
        let state = try Self.opened("bad/missing-field.json")
        #expect(state.corpus.articles.isEmpty)
        let problem = try #require(state.problems.first)
        #expect(problem.recordID == "a-letter")
        let followed = run(["!", "Enter"], from: state)
        #expect(followed.message == "a-letter is not in the explorer: it was left out for its errors")
        // The problems leave as a table, and a problem copies as validate prints it.
        let exported = try #require(effects(["!", "e"] + typed("p.csv") + ["Enter"], from: state).export)
        #expect(exported.text.hasPrefix("severity,file,line,column,record_id,message,more_like_it\r\nerror,"))
        #expect(effects(["!", "y"], from: state).copy?.text == problem.description)
    }

    /// Issue 33: a load keeps a thousand problems of a kind; the explorer counts them all, the row
    /// that stands for the rest says so, and the export gives the count.
    @Test func problemsNotKeptAreCountedShownAndExported() throws {
        let file = SourceFile(name: "empty.json", bytes: Array(("{\"articles\": [], \"actors\": [" + Array(repeating: "{}", count: 3_000).joined(separator: ",")
                                                                + "], \"statements\": [], \"events\": [], \"excerpts\": []}").utf8))
        let loaded = try CorpusLoader.load(singleFile: file, mode: .tolerant)
        var state = State(corpus: loaded.corpus, width: 100, height: 30)
        state.problems = loaded.problems
        state = settled(Explorer.normalized(state))
        #expect(state.problems.count == 1_000)
        let screen = run(["!", "G"], from: state)
        let frame = Render.frame(screen).plainText
        #expect(frame.contains("12000 errors"), "\(frame)")
        #expect(frame.contains("(+11000 more like it)"), "\(frame)")
        let exported = try #require(effects(["!", "e"] + typed("p.csv") + ["Enter"], from: state).export)
        #expect(exported.text.hasSuffix(",11000\r\n"))
    }

    @Test func aValidCorpusHasNoProblemsToShow() {
        let state = run(["!"])
        #expect(state.navigation.overlay == nil && state.message == "No problems: the corpus is valid")
        #expect(!Render.frame(state).plainText.contains("(!)"))
    }
}

/// Issue 14: according to whom, and what the articles do not state.
@Suite struct AttributionTests {
    @Test func suppliedFactsAreNotedDimmedAndCanBeHidden() throws {
        // The reprisals report's date is from the public record: the detail says so, dimmed.
        let state = run(["3", "/"] + typed("reprisals") + ["Enter"])
        let rows = PaneContent.detail(state, view: .statements, width: 200)
        let supplied = try #require(rows.first { $0.segments.first?.text == "supplied date: " })
        #expect(supplied.segments.last?.role == .dim && supplied.segments.last?.text.hasPrefix("September 2021, from the public record") == true)
        // In the list, its date has a "*" after it.
        #expect(Render.frame(state).plainText.contains("2021-09*"))
        // A record wholly supplied is dimmed, and S hides it.
        let own = try UsersOwnCorpusTests.ownFields()
        let timeline = run(["4"], from: own)
        #expect(timeline.listIDs().contains("e-letter"))
        let hidden = run(["S"], from: timeline)
        #expect(!hidden.listIDs().contains("e-letter") && hidden.message?.hasPrefix("Supplied records hidden") == true)
        #expect(run(["S"], from: hidden).listIDs().contains("e-letter"))
        #expect(Export.table(.events, corpus: own.corpus).columns.contains("supplied"))
    }

    @Test func aRelayedCountSaysWhoseFigureItIs() {
        let state = run(["3", "j", "Enter"])
        let rows = PaneContent.detail(state, view: .statements, width: 200).map { $0.segments.map(\.text).joined() }
        #expect(rows.contains { $0.hasPrefix("  22") && $0.hasSuffix("CNN, via China Digital Times, 2019-07") })
        #expect(rows.contains { $0.hasPrefix("  more than 20") && $0.hasSuffix("Rick Noack, via China Digital Times, 2019-07") })
        // Roles show the excerpt naming them: the letter went to Bachelet, and China is no addressee.
        #expect(rows.contains("addressee: Michelle Bachelet") && !rows.contains("addressee: China"))
    }
}

/// Issue 15, item 1 (first part): `a` writes a note; notes show beside what they are about.
@Suite struct NoteTests {
    @Test func aWritesANoteOnTheSelectedRecordOrSpan() throws {
        let state = run(["3", "j", "a"] + typed("check the 25 #verify"))
        #expect(Render.frame(state).plainText.contains("Note on Joint letter of states to the: check the 25 #verify"))
        let (saved, savedAsked) = press(["Enter"], from: state)
        #expect(saved.notePrompt == nil && savedAsked.noteEdit?.edit == .add(NoteRequest(target: NoteTarget(record: "st-2019-07-joint-letter"), text: "check the 25 #verify", kind: .note)))
        #expect(effects(["Esc"], from: state).noteEdit == nil && run(["Esc"], from: state).message == "Note not saved")
        #expect(run(["Enter"], from: run(["3", "a"])).message == "An empty note is not saved")
        // In the reader, on the selected span's words.
        guard case .add(let span)? = effects(["Tab", "]", "a", "x", "Enter"]).noteEdit?.edit else { Issue.record("no note"); return }
        let excerpt = try #require(Fixture.corpus.excerpt(Fixture.corpus.excerptsInArticle["art-2019-cdt-22-nations"]![1]))
        #expect(span.target == NoteTarget(record: "art-2019-cdt-22-nations", quote: excerpt.quote, start: excerpt.span.start, end: excerpt.span.end))
    }

    @Test func notesShowInTheDetailPaneAndAsAMarkInTheList() {
        var state = run(["3", "j"])
        // Drawn once without notes: the laid-out detail is kept, and must not outlive a note saved since.
        #expect(!PaneContent.detail(state, view: .statements, width: 80).contains { $0.segments.first?.text == "Notes (1)" })
        state.notes = [Note(id: "n-1", kind: .note, target: NoteTarget(record: "st-2019-07-joint-letter"), text: "check the 25 #verify",
                            author: "ana", created: "2026-11-30T00:00:00Z", updated: "2026-11-30T00:00:00Z")]
        let rows = PaneContent.detail(state, view: .statements, width: 80).map { $0.segments.map(\.text).joined() }
        #expect(rows.contains("Notes (1)") && rows.contains("  ana, 2026-11-30: check the 25 #verify"))
        #expect(Render.frame(state).plainText.contains("✎ Joint letter"))
    }
}

/// Issue 15, item 5: a note whose words are gone is shown orphaned, not dropped.
@Suite struct OrphanedNoteTests {
    @Test func anOrphanedSpanNoteSaysSoBesideTheArticle() {
        var state = run(["Tab"])
        state.notes = [Note(id: "n-1", kind: .note, target: NoteTarget(record: "art-2019-cdt-22-nations", quote: "words the article never had", start: 10, end: 37),
                            text: "see this", author: "ana", created: "2026-11-30T00:00:00Z", updated: "2026-11-30T00:00:00Z")]
        let facts = PaneContent.facts(state).map { $0.segments.map(\.text).joined() }
        #expect(facts.contains("  ana, 2026-11-30: on “words the article never had”: see this ⚠ Orphaned: its words are no longer in the article."))
        let json = JSONWriter.write(NotesOutput.json(state.notes[0], corpus: state.corpus, body: Article.readBody))
        #expect(json.contains("\"anchor\": \"orphaned\""))
    }
}

/// Issue 15, item 3: where the user left a corpus comes back.
@Suite struct SessionTests {
    @Test func theViewSelectionFilterAndHistoryRoundTrip() throws {
        let left = run(["3", "/"] + typed("letter") + ["Enter", "j", "Tab", "j", "2", "s", "5", "l"])
        let restored = try #require(Session.restore(Session.encode(left), into: Fixture.state()))
        #expect(restored.navigation.view == left.navigation.view && restored.navigation.matrix == left.navigation.matrix)
        #expect(restored.positions[.statements] == left.positions[.statements] && restored.actorSort == .kind)
        let followed = run(["3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["Enter"])
        let back = try #require(Session.restore(Session.encode(followed), into: Fixture.state()))
        #expect(back.selectedID() == "gbr" && back.history.count == 1)
        #expect(run(["Backspace"], from: back).selectedID() == "st-2019-07-joint-letter")
    }

    @Test func whatIsNotASessionIsIgnoredAndVanishedRecordsAreForgotten() throws {
        #expect(Session.restore("{}", into: Fixture.state()) == nil && Session.restore("not json", into: Fixture.state()) == nil)
        let text = Session.encode(run(["3", "j"])).replacingOccurrences(of: "st-2019-07-joint-letter", with: "st-gone")
        let restored = try #require(Session.restore(text, into: Fixture.state()))
        #expect(restored.view == .statements && restored.selectedID() != "st-gone")
    }
}
