import DossierModel
import Testing
@testable import DossierApp

/// Issue 32: what a first day with Dossier tripped over on screen. Each test failed on main.
@Suite struct PaperCutScreenTests {
    /// Seen at 80x24: the status line ended "…e export"; `? help` was never shown.
    @Test(arguments: [[], ["Tab"], ["3", "Tab"], ["5"], ["3", "j", "c"], ["2", "t"]] as [[String]])
    func theHelpKeyIsAlwaysOnTheStatusLine(keys: [String]) {
        for (width, height) in [(80, 24), (60, 20), (40, 12)] {
            let status = Render.frame(run(keys, from: Fixture.state(width: width, height: height))).plainText
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
            #expect(status.hasSuffix("? help"), "\(keys) at \(width)x\(height): \(status)")
        }
    }

    /// Seen: "1 marked spans" in the reader's header.
    @Test func oneSpanIsOneSpan() {
        let article = Article(id: "a", title: "T", publisher: "P", published: PartialDate(year: 2020), body: "One sentence here. Another.")
        let corpus = Corpus(articles: [article], actors: [], statements: [], events: [], excerpts: [Excerpt(id: "x", article: "a", quote: "One sentence here.")])
        let frame = Render.frame(run(["Tab"], from: Explorer.normalized(State(corpus: corpus, width: 100, height: 24)))).plainText
        #expect(frame.contains("1 marked span ·") && !frame.contains("1 marked spans"), "\(frame)")
    }

    /// Seen: `S` said records were hidden while nothing visibly changed (the bundled corpus has no
    /// record wholly supplied: now it says so).
    @Test func hidingSuppliedRecordsSaysHowManyAndStaysSaid() throws {
        #expect(run(["3", "S"]).message == "Supplied records hidden, none in this list: only what the articles state (S shows them)")
        let timeline = run(["4"], from: try UsersOwnCorpusTests.ownFields())
        let hidden = run(["S"], from: timeline)
        let count = timeline.listIDs().count - hidden.listIDs().count
        #expect(count > 0 && hidden.message == "Supplied records hidden, \(plural(count, "row")) in this list: only what the articles state (S shows them)",
                "\(hidden.message ?? "")")
        #expect(Render.frame(run(["j"], from: hidden)).plainText.contains("· supplied hidden"))
        #expect(!Render.frame(run(["j"], from: run(["S"], from: hidden))).plainText.contains("supplied hidden"))
    }

    /// Seen: a search message from the last session ("“trying”: no match here") came back at start.
    @Test func theLastSessionsSearchDoesNotComeBack() throws {
        var left = run(["Tab"])
        left.navigation.readerQuery = "trying"
        #expect(Render.frame(left).plainText.contains("“trying”"))
        let restored = try #require(Session.restore(Session.encode(left), into: Fixture.state()))
        #expect(restored.navigation.readerQuery == nil && !Render.frame(restored).plainText.contains("“trying”"))
        #expect(restored.selectedID() == left.selectedID() && restored.position.focus == left.position.focus)
    }

    /// Seen: with --data, nothing on screen said which corpus was open, or that it could be edited.
    @Test func theTabLineNamesTheCorpusAndWhetherItIsEditable() {
        var state = Fixture.state(width: 120, height: 24)
        #expect(Render.frame(state).plainText.split(separator: "\n")[0].hasSuffix("Dossier"))
        state.corpusName = "xinjiang-2024"
        #expect(Render.frame(state).plainText.split(separator: "\n")[0].hasSuffix("xinjiang-2024 · read-only"))
        state.corpusWritable = true
        #expect(Render.frame(state).plainText.split(separator: "\n")[0].hasSuffix("xinjiang-2024 · editable"))
        // Where there is no room for both, the name alone; where there is none for it, nothing.
        let narrow = Render.frame(step(state, .key(.resize(90, 24))).0).plainText.split(separator: "\n")[0]
        #expect(narrow.hasSuffix(" xinjiang-2024") || !narrow.contains("xinjiang"), "\(narrow)")
    }

    /// Seen: no way to list the statements whose sources disagree (`/≠` found nothing).
    @Test func aFilterKeepsTheStatementsWhoseSourcesDisagree() {
        let disagreeing = Fixture.corpus.statements.filter(\.sourcesDisagreeOnCount).map(\.id)
        #expect(!disagreeing.isEmpty)
        for filter in ["≠", "!="] {
            #expect(Set(run(["3", "/"] + typed(filter) + ["Enter"]).listIDs()) == Set(disagreeing), "\(filter)")
        }
        // With other words, both hold; in the timeline, only statements stay.
        #expect(run(["3", "/"] + typed("≠ letter") + ["Enter"]).listIDs() == disagreeing.filter { Fixture.corpus.statement($0)!.title.lowercased().contains("letter") })
        #expect(Set(run(["4", "/"] + typed("≠") + ["Enter"]).listIDs()) == Set(disagreeing))
    }

    /// Seen: `Y` left out the addressee's quote.
    @Test func aDossierQuotesTheAddressee() throws {
        let text = try #require(Citation.dossier("st-2019-07-joint-letter", in: Fixture.corpus))
        let quote = try #require(Citation.quote("x-cdt-22-nations", in: Fixture.corpus))
        #expect(text.contains("\n## Addressees\n\n- Michelle Bachelet [bachelet] — " + quote), "\(text)")
    }

    /// Seen: who-signed's `e` wrote the names, not the quotes and sources that say who signed.
    @Test func whoSignedExportsTheQuotesAndTheirSources() throws {
        let export = try #require(effects(["3", "j", "m", "j", "m", "e"] + typed("w.tsv") + ["Enter"]).export)
        let rows = export.text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["signed", "actor_id", "actor_name", "iso3", "first_quote", "first_source", "second_quote", "second_source"])
        let britain = try #require(rows.first { $0.count > 5 && $0[1] == "gbr" })
        let quote = try #require(Fixture.corpus.excerpt("x-cdt-european-signatories")?.quote)
        #expect(britain[4] == "“\(quote)”" && britain[5].hasPrefix("China Digital Times, “China Rebuked by 22 Nations"), "\(britain)")
    }

    /// A message is read whole: the help key gives way to it (the configuration's mistake was cut).
    @Test func aMessageIsNotCutForTheHelpKey() {
        var state = Fixture.state(width: 80, height: 24)
        state.message = String(repeating: "m", count: 75) + " end"
        let status = Render.frame(state).plainText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
        #expect(status.hasPrefix(String(repeating: "m", count: 75) + " end") && !status.contains("? help"), "\(status)")
        state.message = "short"
        #expect((Render.frame(state).plainText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? "").hasSuffix("? help"))
    }
}

/// Issue 32: the help listed keys but not what the screen's marks mean.
@Suite struct MarksLegendTests {
    /// Every glyph the drawing uses but the pane borders is in the legend, in the marks of the
    /// terminal (Unicode or ASCII), and so is every stance's symbol.
    @Test func theLegendCoversEveryGlyphTheDrawingUses() {
        for glyphs in [Glyphs.unicode, Glyphs.ascii] {
            let symbols = Set(glyphs.legend(keys: .standard).map(\.symbol))
            for child in Mirror(reflecting: glyphs).children where child.label != "vertical" && child.label != "horizontal" {
                #expect(symbols.contains(String(describing: child.value)), "\(child.label ?? "?") (\(child.value)) has no meaning in the legend")
            }
            for stance in Stance.allCases { #expect(symbols.contains(StanceStyle.symbol(stance))) }
        }
    }

    @Test func theHelpEndsWithTheLegendInTheTerminalsMarks() {
        var ascii = Fixture.state(width: 100, height: 30)
        ascii.glyphs = .ascii
        for state in [Fixture.state(width: 100, height: 30), ascii] {
            let help = Explorer.helpLines(state).map { $0.segments.map(\.text).joined() }
            let heading = help.firstIndex(of: "Marks on screen")
            #expect(heading != nil)
            let legend = help[(heading ?? 0)...].joined(separator: "\n")
            #expect(legend.contains("  \(state.glyphs.disagree)  the sources disagree"))
            #expect(legend.contains("\(state.glyphs.note)  the record has notes"))
        }
        // Found by the help's own search, as any key is.
        let searched = run(["?", "/"] + typed("bookmarked") + ["Enter"], from: Fixture.state(width: 100, height: 30))
        #expect(!Explorer.helpMatches(searched).isEmpty)
        #expect(Render.frame(searched).plainText.contains("the record is bookmarked"))
    }
}
