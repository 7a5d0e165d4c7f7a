import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct SearchTests {
    @Test func foldingIgnoresCaseAccentsAndQuoteStyle() {
        #expect(Fold.fold("Türk") == "turk")
        #expect(Fold.fold("Raphae\u{308}l") == Fold.fold("Raphäel"))
        #expect(Fold.fold("ÜRÜMCHI") == "urumchi")
        #expect(Fold.fold("China’s “camps”") == "china's \"camps\"")
        #expect(Fold.fold("新疆") == "新疆")
        #expect(Fold.fold("a\u{00A0}b") == "a b")
    }

    @Test func matchesMapBackToTheOriginalText() {
        let text = "Volker Türk met Raphae\u{308}l in 新疆; TÜRK again."
        let ranges = SearchIndex.matches(of: "turk", in: text)
        let utf8 = Array(text.utf8)
        #expect(ranges.map { String(decoding: utf8[$0], as: UTF8.self) } == ["Türk", "TÜRK"])
        let cjk = SearchIndex.matches(of: "疆", in: text)
        #expect(cjk.map { String(decoding: utf8[$0], as: UTF8.self) } == ["疆"])
        let decomposed = SearchIndex.matches(of: "raphael", in: text)
        #expect(decomposed.map { String(decoding: utf8[$0], as: UTF8.self) } == ["Raphae\u{308}l"])
        #expect(SearchIndex.matches(of: "", in: text).isEmpty)
        #expect(SearchIndex.matches(of: "absent", in: text).isEmpty)
    }

    @Test func aSearchToldToStopGivesWayAndSaysSo() {
        // Issue 11: a search asks whether to stop between megabytes; told to, it ends with what it
        // found so far, marked interrupted, and a later full search finds the rest.
        let long = String(repeating: "plain words without the needle ", count: 200_000) + "needle at the end"
        let corpus = Corpus(articles: [Article(id: "a", title: "t", publisher: "p", published: PartialDate(year: 2020), body: long)],
                            actors: [], statements: [], events: [], excerpts: [])
        let index = SearchIndex(corpus: corpus)
        var asked = 0
        let stopped = index.search("needle at", after: nil, shouldStop: { asked += 1; return true })
        #expect(asked == 1 && stopped.interrupted && stopped.hits.isEmpty)
        let whole = index.search("needle at", after: stopped)
        #expect(!whole.interrupted && whole.hits.count == 1)
        // A match that straddles two megabyte windows is found when the scan goes on.
        var windows = 0
        let straddling = index.search("needle at", after: nil, shouldStop: { windows += 1; return false })
        #expect(straddling.hits.count == 1 && windows >= 5)
    }

    @Test func scalarRangesInOnePassAgreeWithEachHitsOwn() throws {
        let index = SearchIndex(corpus: try load(Paths.data.path))
        for query in ["xinjiang", "ü", "the", "新疆", "uyghur"] {
            let hits = index.search(query)
            #expect(try SearchIndex.scalarRanges(of: hits) == hits.map { try $0.scalarRange() }, "\(query)")
        }
    }

    @Test func searchesEveryKindOfTextGroupedByKind() throws {
        let corpus = try load(Paths.data.path)
        let hits = SearchIndex(corpus: corpus).search("bachelet")
        let kinds = hits.map(\.kind)
        #expect(kinds.first == .article)
        // Groups come in a fixed order and never interleave.
        let order = kinds.reduce(into: [RecordKind]()) { if $0.last != $1 { $0.append($1) } }
        #expect(order == [.article, .excerpt, .statement, .actor, .event])
        // Every article that mentions Bachelet is found.
        let articles = Set(hits.filter { $0.kind == .article }.map(\.id))
        let expected = Set(try corpus.articles.filter { try $0.body.text().contains("Bachelet") || $0.title.contains("Bachelet") }.map(\.id))
        #expect(articles == expected && articles.count == 5)
        #expect(hits.contains { $0.kind == .actor && $0.id == "bachelet" && $0.field == .name })
        for hit in hits {
            let highlighted = Array(hit.context)[hit.highlight]
            #expect(Fold.fold(String(highlighted)) == "bachelet")
        }
    }

    @Test func hitsGiveCodePointOffsetsIntoTheirField() throws {
        let corpus = try load(Paths.data.path)
        let hit = try #require(SearchIndex(corpus: corpus).search("ürümchi").first { $0.field == .body })
        let body = try #require(corpus.article(hit.id)).body.text()
        let scalars = Array(body.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[try hit.scalarRange()])) == "Ürümchi")
        // Searching "urumqi" finds the riots' other spelling, "Urumqi", but not Ürümchi.
        let other = SearchIndex(corpus: corpus).search("urumqi").filter { $0.field == .body }
        #expect(!other.isEmpty && other.allSatisfy { String(decoding: Array(body.utf8)[$0.utf8Range], as: UTF8.self) != "Ürümchi" })
    }

    @Test func aLimitCapsEachGroup() throws {
        let corpus = try load(Paths.data.path)
        let index = SearchIndex(corpus: corpus)
        #expect(index.search("xinjiang").filter { $0.kind == .article }.count > 5)
        #expect(index.search("xinjiang", limitPerGroup: 2).filter { $0.kind == .article }.count == 2)
        #expect(index.search("   ").isEmpty)
    }

    @Test func matchesFarIntoALongTextMapBackToTheirOwnCharacters() throws {
        // 300 KB of accented and curly-quoted text (folding shortens it), so matches lie past several
        // of the anchors a long document gets every 64 KB; each must map back to its own "Türk".
        var text = ""
        var expected: [String] = []
        for round in 0..<4_000 {
            text += "Raphaël’s “Ürümchi” report, café \(round): "
            if round % 150 == 7 {
                let name = round % 2 == 0 ? "Türk" : "TURK"
                text += name + " spoke. "
                expected.append(name)
            }
            text += "新疆 élan naïve façade. "
        }
        #expect(text.utf8.count > 200_000)
        let ranges = SearchIndex.matches(of: "turk", in: text)
        #expect(ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) } == expected)
        // The same, hit by hit, through a corpus whose article holds the text.
        let article = Article(id: "long", title: "Long", publisher: "P", published: try PartialDate.parse("2020").get(), body: text)
        let corpus = Corpus(articles: [article], actors: [], statements: [], events: [], excerpts: [])
        let hits = SearchIndex(corpus: corpus).search("turk")
        #expect(hits.map(\.utf8Range) == ranges)
        #expect(SearchIndex.utf8Ranges(of: hits) == ranges)
    }

    /// Folding a document from its bytes gives what folding it as a string gives, one document after
    /// another: ASCII, accents, marks that fold away, Hangul (whose folding is longer than the text),
    /// and documents longer than the working space, growing it part way through.
    @Test func foldedDocumentsAreEachTextFolded() {
        let texts = ["Türk said “No”", "", "ÜRÜMCHI e\u{301}", String(repeating: "한국어 ", count: 30_000), "A\u{00A0}B 新疆",
                     String(repeating: "Xinjiang Ö ", count: 20_000),
                     // Every ASCII character, eight at a time from several alignments: @ [ ` { beside A-Z and a-z.
                     String(repeating: "\t" + String((0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) }), count: 9)]
        let buffer = FoldedBuffer(texts)
        let expected: [UInt8] = texts.flatMap { text -> [UInt8] in Array(Fold.fold(text).utf8) + [0] }
        buffer.bytes.withUnsafeBufferPointer { #expect(Array($0) == expected) }
        #expect(Array(buffer.starts) == [0] + texts.indices.map { index in texts[...index].reduce(0) { $0 + Fold.fold($1).utf8.count + 1 } })
        var counts = [Int](repeating: 0, count: 256)
        for byte in expected { counts[Int(byte)] += 1 }
        #expect(buffer.byteCounts == counts)
        // Every anchor is a place where the text folded so far is the folded document so far.
        for anchor in buffer.anchors {
            let document = buffer.starts.lastIndex { $0 <= anchor.folded }!
            let original = Array(texts[document].utf8)
            let head = String(decoding: original[..<anchor.original], as: UTF8.self)
            #expect(Fold.fold(head).utf8.count == anchor.folded - buffer.starts[document])
        }
        #expect(buffer.anchors.count >= 3)
    }
}

/// Issue 32: the actors a passage names, for the picker's first rows.
@Suite struct ActorsNamedTests {
    static let corpus = Corpus(articles: [], actors: [
        Actor(id: "gbr", name: "United Kingdom", kind: .state, aliases: ["UK", "Britain"], country: "GBR", affiliations: []),
        Actor(id: "chn", name: "China", kind: .state, aliases: ["Beijing"], country: "CHN", affiliations: []),
        Actor(id: "ohchr", name: "Office of the High Commissioner", kind: .unBody, aliases: [], affiliations: []),
    ], statements: [], events: [], excerpts: [])

    @Test func wholeWordsIgnoringCaseAndAccentsInTheOrderNamed() {
        #expect(Self.corpus.actorsNamed(in: "Beijing rebuked the UK and the office of the high commissioner") == ["chn", "gbr", "ohchr"])
        // "uk" is inside "rebuked", "china" inside "Chinatown": neither is named.
        #expect(Self.corpus.actorsNamed(in: "It was rebuked in Chinatown.").isEmpty)
        #expect(Self.corpus.actorsNamed(in: "BRITAIN, then China") == ["gbr", "chn"])
    }
}

/// Issue 32: a state imported by name gets its ISO 3166-1 code.
@Suite struct CountryNameTests {
    @Test func namesShortCommonOfficialAndThePresssTellTheCode() {
        let expected = ["Canada": "CAN", "lithuania": "LTU", "Türkiye": "TUR", "Turkey": "TUR", "the UK": "GBR", "Great Britain": "GBR",
                        "Korea, Republic of": "KOR", "Republic of Korea": "KOR", "South Korea": "KOR", "North Korea": "PRK", "Viet Nam": "VNM",
                        "Côte d’Ivoire": "CIV", "Russian Federation": "RUS", "Kosovo": "XKX", "United States": "USA"]
        for (name, code) in expected { #expect(CountryCodes.code(named: name) == code, "\(name)") }
        #expect(CountryCodes.code(named: "Atlantis") == nil && CountryCodes.code(named: "Group of 40") == nil)
        // Every code the table gives is a code.
        #expect(CountryCodes.byName.allSatisfy { CountryCodes.alpha3.contains($0.code) })
    }
}
