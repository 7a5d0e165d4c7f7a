import DossierModel
import Testing
@testable import DossierApp

/// Issue 12, item 1: `y` copies the selected thing with its citation, `Y` the record's dossier.
@Suite struct CopyTests {
    @Test func yOnAStatementInTheListCopiesItsTitleIdAndSource() throws {
        let (state, asked) = press(["3", "j", "y"])
        let copied = try #require(asked.copy)
        #expect(copied.text.hasPrefix("Joint letter of states to the High Commissioner on Xinjiang detentions (letter, 2019-07) [st-2019-07-joint-letter]"))
        #expect(copied.text.contains("— according to China Digital Times, “China Rebuked by 22 Nations Over Xinjiang”, 2019-07"))
        #expect(effects(["j"], from: state).copy == nil)
    }

    @Test func yOnAFactCopiesItsExactQuoteAndCitation() throws {
        // The 2019 letter's first signatory (the United Kingdom) in the detail pane.
        let asked = effects(["3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["y"])
        let copied = try #require(asked.copy)
        let excerpt = try #require(Fixture.corpus.excerpt("x-cdt-european-signatories"))
        #expect(copied.text.contains("United Kingdom"))
        // China Digital Times relays CNN here: the citation says whose words they are, and where.
        #expect(copied.text.contains("“" + excerpt.quote + "” — CNN, via China Digital Times, “China Rebuked by 22 Nations Over Xinjiang”, 2019-07 [x-cdt-european-signatories]"))
        #expect(copied.what == "the quote and its citation")
    }

    @Test func yInTheReaderCopiesTheSelectedSpan() throws {
        let (state, asked) = press(["Tab", "]", "y"])
        let spans = Fixture.corpus.excerptsInArticle[try #require(state.selectedID()), default: []]
        let quote = try #require(Citation.quote(spans[1], in: Fixture.corpus))
        #expect(asked.copy?.text == quote)
    }

    @Test func aCitationOfAnArticleWithAnAddressEndsWithIt() throws {
        // The third article by date is UNPO's, whose page address the corpus records.
        let (state, asked) = press(["j", "j", "Tab", "y"])
        #expect(state.selectedID() == "art-2022-unpo-joint-letter")
        let copied = try #require(asked.copy)
        #expect(copied.text.contains("” — UNPO, “UNPO Signs Joint Letter with Leading NGOs"))
        #expect(copied.text.contains("”, 2022-04-19, https://unpo.org/article/22210 [x-"))
    }

    @Test func yInTheSideBySideCopiesTheFocusedColumnsExcerpt() throws {
        let (state, asked) = press(["3", "j", "d", "Tab", "y"])
        guard case .compare(let compare) = state.navigation.overlay else { Issue.record("no comparison"); return }
        let shown = compare.excerpts[compare.shown[1]]
        #expect(asked.copy?.text == Citation.quote(shown, in: Fixture.corpus))
    }

    @Test func capitalYCopiesTheWholeDossierAsMarkdown() throws {
        let asked = effects(["3", "j", "Y"])
        let text = try #require(asked.copy?.text)
        #expect(text.hasPrefix("# Joint letter of states to the High Commissioner on Xinjiang detentions [st-2019-07-joint-letter]\n"))
        #expect(text.contains("\n## Counts\n\n- 22 — “In a letter to the United Nations High Commissioner"))
        #expect(text.contains("\n## Signatories\n\n- United Kingdom [gbr] — “[…] Britain, France and Germany"))
    }

    @Test func controlCharactersFromDataAreCopiedAsTheirPictures() throws {
        let corpus = Corpus(articles: [Article(id: "a", title: "Bad \u{1B}]52;c;eA==\u{07} title", publisher: "P", published: PartialDate(year: 2020),
                                               body: "Body.")], actors: [], statements: [], events: [], excerpts: [])
        let asked = effects(["y"], from: Explorer.normalized(State(corpus: corpus, width: 80, height: 24)))
        let text = try #require(asked.copy?.text)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(text.contains("Bad ␛]52;c;eA==␇ title"))
    }

    /// Issue 27, item 6: seen on main, a passage copy (`v` … `y`) and a copy from the Notes view put
    /// raw ESC, BEL and C1 bytes on the clipboard (and in copies.md).
    @Test func aPassageAndANoteAreCopiedWithTheirControlCharactersAsPictures() throws {
        let evil = "\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}31m"
        let corpus = Corpus(articles: [Article(id: "a", title: "T", publisher: "P", published: PartialDate(year: 2020),
                                               body: "First sentence \(evil) here. Second one.")], actors: [], statements: [], events: [], excerpts: [])
        let state = Explorer.normalized(State(corpus: corpus, width: 80, height: 24))
        let passage = try #require(effects(["Tab", "v", "y"], from: state).copy?.text)
        #expect(!passage.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(passage.hasPrefix("“First sentence ␛]52;c;ZXZpbA==␇\u{FFFD}31m here.”"))
        var notes = state
        notes.notes = [Note(id: "n-1", kind: .note, target: NoteTarget(record: "a"), text: "see \(evil)", author: "ana",
                            created: "2026-11-30T10:00:00Z", updated: "2026-11-30T10:00:00Z")]
        let note = try #require(effects(["6", "y"], from: notes).copy?.text)
        #expect(!note.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(note.contains("see ␛]52;c;ZXZpbA==␇\u{FFFD}31m"))
    }
}

/// Issue 12, item 3: `e` exports the list on screen.
@Suite struct ExplorerExportTests {
    @Test func eWritesTheListAsFilteredInTheFormatOfTheName() throws {
        let asked = effects(["3", "/"] + typed("joint") + ["Enter", "e"] + typed("joint.csv") + ["Enter"])
        let request = try #require(asked.export)
        #expect(request.path == "joint.csv" && !request.replacing)
        let lines = request.text.split(separator: "\r\n")
        // The 2021 joint statement's date is supplied from outside the articles: the note is a column.
        #expect(lines.first == "id,title,kind,date,stance,forum,leads,addressees,named,declared,supplied")
        #expect(lines.count == 1 + run(["3", "/"] + typed("joint") + ["Enter"]).listIDs().count)
        #expect(request.rows == lines.count - 1)
    }

    @Test func aNameWithoutAKnownExtensionIsMarkdownAndABangReplaces() throws {
        let request = try #require(effects(["2", "e"] + typed("actors!") + ["Enter"]).export)
        #expect(request.path == "actors" && request.replacing && request.text.hasPrefix("| id | name | kind |"))
    }

    @Test func escCancelsAndThePromptEditsLikeTheOthers() {
        let (cancelled, cancelledAsked) = press(["3", "e"] + typed("x.md") + ["Esc"])
        #expect(cancelled.exportPrompt == nil && cancelledAsked.export == nil && cancelled.message == "Export cancelled")
        #expect(run(["3", "e"] + typed("a.md") + ["Ctrl-a", "x"]).exportPrompt?.text == "xa.md")
        #expect(Render.frame(run(["3", "e"] + typed("out.md"))).plainText.contains("Export to: out.md"))
    }

    @Test func ctrlSExportsSearchResultsWhereEIsALetterOfTheQuery() throws {
        // Seen on main: `e` on the search screen typed into the query, and nothing exported results.
        let typing = run(["f"] + typed("bachel") + ["e"])
        guard case .search(let search) = typing.navigation.overlay else { Issue.record("no search"); return }
        #expect(search.query == "bachele" && typing.exportPrompt == nil)
        let (state, asked) = press(["f"] + typed("bachelet") + ["Ctrl-s"] + typed("hits.tsv") + ["Enter"])
        guard case .search(let results) = state.navigation.overlay else { Issue.record("the search closed"); return }
        let request = try #require(asked.export)
        let lines = request.text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines.first == ["kind", "id", "name", "field", "match", "context", "article_id", "article_title", "publisher", "published", "url", "speaker"])
        #expect(lines.count == 1 + results.hits.count && request.rows == results.hits.count)
        // Every row's match is the text found, as the source spells it; an excerpt names its source.
        #expect(lines.dropFirst().allSatisfy { $0[4].lowercased() == "bachelet" })
        let unpo = try #require(lines.first { $0[0] == "excerpt" && $0[6] == "art-2022-unpo-joint-letter" })
        #expect(unpo[8] == "UNPO" && unpo[9] == "2022-04-19" && unpo[10] == "https://unpo.org/article/22210")
        #expect(run(["f", "Ctrl-s"]).message == "Nothing here to export")
    }

    @Test func whoSignedAndTheMatrixExportWhatTheyShow() throws {
        let signed = try #require(effects(["3", "j", "m", "j", "m", "e"] + typed("w.json") + ["Enter"]).export)
        #expect(signed.text.contains("\"signed\": \"only st-2019-07-joint-letter\"") && signed.text.contains("\"actor_id\": \"gbr\""))
        let matrix = try #require(effects(["5", "e"] + typed("m.tsv") + ["Enter"]).export)
        let header = try #require(matrix.text.split(separator: "\n").first)
        #expect(header.hasPrefix("state\tiso3\t") && matrix.text.contains("China\tCHN\t"))
    }
}
