import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct QuoteResolverTests {
    func span(_ quote: String, prefix: String? = nil, suffix: String? = nil, in body: String) -> Result<TextSpan, QuoteResolver.Failure> {
        QuoteResolver.resolve(quote: quote, prefix: prefix, suffix: suffix, in: body)
    }

    @Test func offsetsCountCodePointsAcrossWideCharacters() throws {
        let body = "新疆维吾尔 said: the camps"
        let found = try span("the camps", in: body).get()
        #expect(found.start == 12)
        #expect(found.end == 21)
        // CJK characters are three bytes each in UTF-8.
        #expect(found.utf8Start == 5 * 3 + 7)
        let scalars = Array(body.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found.start..<found.end])) == "the camps")
    }

    @Test func findsQuotesMadeOfWideCharacters() throws {
        let found = try span("维吾尔", in: "新疆维吾尔自治区").get()
        #expect((found.start, found.end, found.utf8Start, found.utf8End) == (2, 5, 6, 15))
    }

    @Test func combiningMarksCountAsTheirOwnCodePoints() throws {
        let body = "Raphae\u{308}l Viana David welcomed it."
        let found = try span("Viana David", in: body).get()
        #expect(found.start == 9)  // R a p h a e ◌̈ l space
        #expect(try span("Raphae\u{308}l", in: body).get().end == 8)
    }

    @Test func neverMatchesInsideACharacter() {
        // "Raphae" ends between the e and its combining diaeresis: not a match.
        #expect(span("Raphae", in: "Raphae\u{308}l") == .failure(.notFound))
        // The precomposed form is a different sequence of code points: exact matching does not join them.
        #expect(span("Raphäel", in: "Raphae\u{308}l") == .failure(.notFound))
    }

    @Test func prefixAndSuffixChooseAmongRepeats() throws {
        let body = "Türk spoke. Türk spoke again. Türk spoke."
        #expect(span("Türk spoke", in: body) == .failure(.ambiguous(occurrences: 3)))
        #expect(try span("Türk spoke", suffix: " again", in: body).get().start == 12)
        #expect(try span("Türk spoke", prefix: "again. ", in: body).get().start == 30)
        #expect(span("Türk spoke", prefix: "said ", in: body) == .failure(.contextNotFound(occurrences: 3)))
        #expect(span("Türk spoke", prefix: ". ", in: body) == .failure(.ambiguous(occurrences: 2)))
    }

    @Test func whiteSpaceMayDifferInKindAndTheSpanIsTheBodysOwn() throws {
        let body = "It was backed by\u{A0}44\u{A0}states,\nled by Canada. Then 44 states wrote."
        // A quote typed with plain spaces finds the no-break spaces and the line break.
        let found = try span("backed by 44 states, led by", in: body).get()
        let bytes = Array(body.utf8)
        #expect(String(decoding: bytes[found.utf8Start..<found.utf8End], as: UTF8.self) == "backed by\u{A0}44\u{A0}states,\nled by")
        #expect((found.start, found.end) == (7, 34))
        // Runs of white space stand for runs; words still have to be the same to the letter.
        #expect(try span("backed  by 44\tstates,  led", in: body).get().start == 7)
        #expect(span("backed by 45 states", in: body) == .failure(.notFound))
        #expect(span("Backed by 44 states", in: body) == .failure(.notFound))
        #expect(span("backedby 44", in: body) == .failure(.notFound))
        // Found exactly, the exact place wins; a prefix and suffix match with white space loose too.
        #expect(try span("44 states", in: body).get().start == 48)
        #expect(try span("by 44 states", prefix: "backed ", suffix: ", led", in: body).get().start == 14)
        // A whole quote on both sides of a paragraph break.
        #expect(try span("Canada. Then", in: "Canada.\n\nThen").get().end == 13)
    }

    @Test func quoteAtTheVeryStartAndEnd() throws {
        #expect(try span("abc", prefix: "", in: "abc").get() == TextSpan(start: 0, end: 3, utf8Start: 0, utf8End: 3))
        #expect(span("abcd", in: "abc") == .failure(.notFound))
        #expect(span("", in: "abc") == .failure(.notFound))
    }

    /// The boundaries the bytes alone decide must be the ones `String` gives, around every kind of
    /// character that joins: combining marks, joiners, CR LF, Hangul jamo, flags, Indic conjuncts,
    /// prepended signs; and the common ones (ASCII beside CJK, curly quotes) must be decided.
    @Test func boundariesKnownFromTheBytesAreTheCharacterBoundaries() {
        let pieces = ["a", "Z", " ", ".", "\r", "\n", "\t", "é", "e\u{301}", "\u{301}", "新", "疆", "が", "か\u{3099}", "\u{200D}", "👍",
                      "👍\u{200D}👍", "🇫🇷", "\u{1F1EB}", "한", "\u{1100}", "\u{1161}", "\u{11A8}", "“", "”", "—", "\u{0915}\u{094D}\u{0937}",
                      "\u{00AD}", "\u{0600}", "ß", "\u{0903}", "\u{FE0F}", "ﬁ", "Ω"]
        var random = SystemRandomNumberGenerator()
        var decided = 0
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var utf8 = Array(text.utf8)
            utf8.withUnsafeMutableBufferPointer { bytes in
                for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
                    guard let known = QuoteResolver.knownBoundary(offset, in: UnsafeBufferPointer(bytes)) else { continue }
                    #expect(known == QuoteResolver.isCharacterBoundary(offset, in: text), "offset \(offset) of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                    if offset > 0 && offset < bytes.count && (bytes[offset - 1] >= 0x80 || bytes[offset] >= 0x80) { decided += 1 }
                }
            }
        }
        #expect(decided > 0)
        Array("北京 “camps”—新疆".utf8).withUnsafeBufferPointer { bytes in
            // After 京 (3 bytes), after the space, after the closing quote, after the dash.
            for offset in [6, 7, 15, 18] { #expect(QuoteResolver.knownBoundary(offset, in: bytes) == true) }
        }
    }
}

@Suite struct CountAgreementTests {
    func statement(_ counts: [(Int, CountQualifier)]) -> Statement {
        Statement(id: "s", title: "t", kind: .letter, date: PartialDate(year: 2019), stance: .critical,
                  counts: counts.map { SignatoryCount(value: $0.0, qualifier: $0.1, excerpt: "x") })
    }

    @Test func onlyIncompatibleFiguresDisagree() {
        #expect(statement([(22, .exact), (25, .exact)]).sourcesDisagreeOnCount)
        #expect(!statement([(22, .exact), (20, .moreThan), (22, .exact)]).sourcesDisagreeOnCount)
        #expect(statement([(22, .exact), (22, .moreThan)]).sourcesDisagreeOnCount)
        #expect(!statement([(63, .moreThan), (60, .moreThan)]).sourcesDisagreeOnCount)
        #expect(!statement([(22, .exact), (30, .about)]).sourcesDisagreeOnCount)
        #expect(!statement([(22, .atLeast), (22, .exact)]).sourcesDisagreeOnCount)
        #expect(!statement([]).sourcesDisagreeOnCount)
    }
}

/// Issue 17 (cold loads): scalars counted eight bytes at a time agree with counting them one by one.
@Suite struct ScalarCountTests {
    @Test(arguments: ["", "a", "Türk", "新疆维吾尔自治区", "e\u{301}👩🏽‍⚖️ and more than eight bytes of ASCII", String(repeating: "ü新a😀", count: 37)])
    func countsAsStringDoes(text: String) {
        var text = text
        text.withUTF8 { bytes in
            for end in 0...bytes.count where end == bytes.count || bytes[end] & 0xC0 != 0x80 {
                let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
                #expect(QuoteResolver.scalarCount(UnsafeBufferPointer(rebasing: bytes[..<end])) == prefix.unicodeScalars.count)
            }
        }
    }
}
