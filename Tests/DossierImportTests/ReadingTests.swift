import DossierModel
import Foundation
import Testing
@testable import DossierImport

enum ImportFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// Issue 13, item 4: a web page read with a real HTML parser, furniture dropped, metadata kept.
@Suite struct WebPageTests {
    @Test func theStorysParagraphsAndNothingOfThePagesFurniture() throws {
        let draft = WebPage.read(try ImportFixtures.bytes("rights-council-letter.html"), file: "page.html")
        #expect(draft.paragraphs == [
            "Envoys of 31 states urged the Council on Tuesday to examine reports of mass detention, in a joint statement read by the delegation of Iceland.",
            "“The evidence is credible and it is growing,” the statement said, calling for “unhindered access” for independent experts.",
            "We will not look away from what the record shows.",
            "A counter-statement backed by 40 states said the issue was one of counter-terrorism and development, and warned against “politicising human rights”.",
            "Neither text was put to a vote.",
        ])
        let text = draft.paragraphs.joined(separator: "\n")
        for furniture in ["Click to play video", "Story continues below advertisement", "morning briefing", "Related", "Share", "©",
                          "Terms and Conditions", "tracking", "By Mira", "United Nations", "Comment", "color: grey"] {
            #expect(!text.contains(furniture), "kept: \(furniture)")
        }
    }

    @Test func metadataFromOpenGraphJSONLDAndTheCanonicalLink() throws {
        let draft = WebPage.read(try ImportFixtures.bytes("rights-council-letter.html"), file: "page.html")
        #expect(draft.title == "Envoys press Council on detentions in the region")
        #expect(draft.publisher == "The Geneva Ledger")
        #expect(draft.published == "2023-10-04T09:15:00+02:00")
        #expect(draft.url == "https://ledger.example/2023/10/envoys-press-council")
        #expect(draft.authors == ["Mira Solberg", "Tomás Ibáñez"])
    }

    @Test func aTitleTagLosesTheSitesNameAndAPageInLatin1IsReadInIt() {
        let page = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u{E9} talks resume | Daily Example</title>"
            + "<meta property=\"og:site_name\" content=\"Daily Example\"></head><body><p>Caf\u{E9} au lait, d\u{E9}j\u{E0} vu.</p></body></html>"
        let latin1 = Array(page.unicodeScalars.map { UInt8($0.value) })
        let draft = WebPage.read(latin1, file: "latin1.html")
        #expect(draft.title == "Café talks resume")
        #expect(draft.paragraphs == ["Café au lait, déjà vu."])
    }

    @Test func theSpaceBetweenTwoInlineElementsIsKept() {
        let page = "<html><body><p><em>Britain</em> <strong>France</strong>\n<a href=x>Germany</a></p>"
            + "<div><span>Australia</span> <span>Canada</span></div></body></html>"
        #expect(WebPage.read(Array(page.utf8), file: "spaces.html").paragraphs == ["Britain France Germany", "Australia Canada"])
    }

    @Test func textStandingInADivIsAParagraphAndNothingIsGuessed() {
        let page = "<html><body><div>First line<br>same paragraph</div><div><p>Second.</p></div></body></html>"
        let draft = WebPage.read(Array(page.utf8), file: "bare.html")
        #expect(draft.paragraphs == ["First line same paragraph", "Second."])
        #expect(draft.title == nil && draft.publisher == nil && draft.published == nil && draft.url == nil)
    }
}

@Suite struct TextFileTests {
    @Test func frontMatterAndMarkdownHeadings() throws {
        let draft = try TextFile.read(try ImportFixtures.bytes("briefing-notes.md"), file: "notes.md", markdown: true)
        #expect(draft.title == "Briefing notes: the third committee debate")
        #expect(draft.publisher == "Field Notes Collective" && draft.published == "2022-10-31")
        #expect(draft.authors == ["A. Rahimi", "J. Okafor"])
        #expect(draft.paragraphs == [
            "The statement was read by the delegation of Belgium on behalf of 50 states, and called for the findings of the assessment to be discussed.",
            "The reply",
            "A joint reply on behalf of 66 states opposed \"interference in internal affairs\".",
        ])
    }

    @Test func plainTextHasOnlyParagraphs() throws {
        let draft = try TextFile.read(try ImportFixtures.bytes("plain-notes.txt"), file: "notes.txt", markdown: false)
        #expect(draft.title == nil && draft.paragraphs == ["The delegation said the text would be tabled again next year.", "No date was announced."])
    }

    @Test func aBrokenFrontMatterIsLocated() {
        #expect(throws: TextFile.Problem.unclosed) { try TextFile.read(Array("---\ntitle: x\n\nbody".utf8), file: "a.md", markdown: true) }
        #expect(throws: TextFile.Problem.frontMatter(line: 3, text: "just words")) {
            try TextFile.read(Array("---\ntitle: x\njust words\n---\nbody".utf8), file: "a.md", markdown: true)
        }
    }
}

@Suite struct CorpusDirectoryTests {
    @Test func recordsAreInsertedBeforeTheClosingBracketAndNothingElseMoves() throws {
        let record = JSONValue.object([("id", .string("new")), ("name", .string("New"))])
        let existing = Array("[\n  {\"id\": \"old\",   \"name\": \"Kept   as written\"}\n]\n".utf8)
        let appended = try #require(CorpusDirectory.appending([record], to: existing))
        let text = String(decoding: appended, as: UTF8.self)
        #expect(text == "[\n  {\"id\": \"old\",   \"name\": \"Kept   as written\"},\n  {\n    \"id\": \"new\",\n    \"name\": \"New\"\n  }\n]\n")
        let empty = try #require(CorpusDirectory.appending([record], to: Array("[]\n".utf8)))
        #expect(String(decoding: empty, as: UTF8.self) == "[\n  {\n    \"id\": \"new\",\n    \"name\": \"New\"\n  }\n]\n")
        #expect(CorpusDirectory.appending([record], to: Array("{}".utf8)) == nil)
    }

    @Test func derivedIdsAreReadableAndUnique() {
        var taken: Set<String> = ["art-2023-cafe-talks"]
        #expect(CorpusDirectory.slug("Café talks: “round two” — in Genève") == "cafe-talks-round-two-in-geneve")
        #expect(CorpusDirectory.unique("art-2023-cafe-talks", taken: &taken) == "art-2023-cafe-talks-2")
        #expect(CorpusDirectory.unique("art-2023-cafe-talks", taken: &taken) == "art-2023-cafe-talks-3")
    }
}

/// Issue 32: `import articles a.html b.txt` told the text file it had no og:title, and a text file's
/// title line was left in its body.
@Suite struct MixedImportTests {
    @Test func aTextFilesTitleLineIsItsTitleNotItsBody() throws {
        let draft = try TextFile.read(Array("A Plain Title\n\nThe body. It says things.\n\nA second paragraph.\n".utf8), file: "b.txt", markdown: false)
        #expect(draft.title == "A Plain Title" && draft.paragraphs == ["The body. It says things.", "A second paragraph."])
        // A first line that is a sentence, or runs on into the next line, is body.
        let sentence = try TextFile.read(Array("It began in Geneva.\n\nThen it went on.\n".utf8), file: "c.txt", markdown: false)
        #expect(sentence.title == nil && sentence.paragraphs.count == 2)
        let running = try TextFile.read(Array("A first line\nthat runs on\n\nMore.\n".utf8), file: "d.txt", markdown: false)
        #expect(running.title == nil && running.paragraphs.first == "A first line that runs on")
        // Front matter's title wins, and the first line stays body.
        let fronted = try TextFile.read(Array("---\ntitle: Given\n---\nNot A Title\n\nBody.\n".utf8), file: "e.txt", markdown: false)
        #expect(fronted.title == "Given" && fronted.paragraphs == ["Not A Title", "Body."])
    }

    @Test func eachFileIsToldWhatItsOwnKindLacks() throws {
        let text = try TextFile.read(Array("Just a sentence.\n".utf8), file: "b.txt", markdown: false)
        let page = WebPage.read(Array("<html><body><p>Text of a page.</p></body></html>".utf8), file: "a.html")
        let corpus = Corpus(articles: [], actors: [], statements: [], events: [], excerpts: [])
        #expect(throws: ImportError.self) { try ArticleImport.records(from: [page, text], overrides: .init(), corpus: corpus) }
        do {
            _ = try ArticleImport.records(from: [page, text], overrides: .init(), corpus: corpus)
        } catch {
            guard case .invalidInput(let lines) = error else { Issue.record("\(error)"); return }
            let textLines = lines.filter { $0.hasPrefix("b.txt:") }
            #expect(!textLines.isEmpty && textLines.allSatisfy { !$0.contains("og:") && !$0.contains("JSON-LD") }, "\(textLines)")
            #expect(textLines.contains("b.txt: error: no title: the file has no front-matter title or title line (a first line standing alone); give --title"))
            #expect(lines.contains { $0.hasPrefix("a.html:") && $0.contains("og:title") })
        }
    }
}
