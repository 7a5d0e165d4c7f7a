import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Issue 13, item 3: a quote no longer found exactly is anchored to the closest passage, or to none.
@Suite struct QuoteDriftTests {
    let body = "Opening words of the report.\n\nThe group of 22 nations urged China to end its “mass arbitrary detentions.” "
        + "Other signatories included Australia, Canada, Japan and New Zealand.\n\nRaphae\u{0301}l Viana David spoke last."

    func passage(_ quote: String, in text: String? = nil) -> QuoteDrift.Passage? {
        QuoteDrift.closest(to: quote, in: text ?? body)
    }

    /// The passage's text is the body's own at the span (scalars and UTF-8 agree).
    func check(_ found: QuoteDrift.Passage, in text: String? = nil) {
        let text = text ?? body
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found.span.start..<found.span.end])) == found.text)
        #expect(String(decoding: Array(text.utf8)[found.span.utf8Start..<found.span.utf8End], as: UTF8.self) == found.text)
    }

    @Test func aCorrectedFigureIsFoundWithItsLikeness() throws {
        let found = try #require(passage("The group of 23 nations urged China"))
        #expect(found.text == "The group of 22 nations urged China" && found.paragraph == 2)
        #expect(found.similarity > 0.95 && found.similarity < 1)
        check(found)
    }

    @Test func quotationMarksCaseAndSpacesAloneAreFoldedAway() throws {
        let found = try #require(passage("URGED China to   end its \"mass arbitrary detentions.\""))
        #expect(found.text == "urged China to end its “mass arbitrary detentions.”" && found.similarity == 1)
        check(found)
    }

    @Test func aSentenceWithAWordChangedAndOneDroppedIsFound() throws {
        let found = try #require(passage("Other signatories were Australia, Canada, Japan and Zealand."))
        #expect(found.text.hasPrefix("Other signatories included Australia") && found.text.hasSuffix("New Zealand."))
        check(found)
    }

    @Test func aPassageEndsOnWholeCharacters() throws {
        // The match would end inside "é" (e and a combining accent): the passage takes the whole letter.
        let found = try #require(passage("Raphael Viana David spoke"))
        #expect(found.text == "Raphae\u{0301}l Viana David spoke")
        check(found)
    }

    @Test func tooDifferentOrTooShortIsNotAnchored() {
        #expect(passage("Nothing of the kind was said by anyone") == nil)
        // A quarter of the characters changed is past the bound of one in five.
        #expect(passage("The band of 99 nations begged Chile") == nil)
        // Short quotes are matched exactly or not at all.
        #expect(passage("Raphae") == nil && passage("group of 23") == nil)
    }

    @Test func farIntoALongBodyAndAmongLookAlikes() throws {
        let filler = String(repeating: "The group of nations met again and urged restraint. ", count: 2_000)
        let text = filler + "\n\nWang Yi said the group of 22 nations had urged China to act." + filler
        let found = try #require(passage("the group of 22 nations urged China to act", in: text))
        #expect(found.text == "the group of 22 nations had urged China to act" && found.paragraph == 2)
        check(found, in: text)
    }

    @Test func chineseTextDriftsToo() throws {
        let text = "新疆的情况。\n\n联合国人权事务高级专员办事处发表了评估报告，呼吁中国政府审查其法律。"
        let found = try #require(passage("联合国人权事务高级专员办事处发布了评估报告", in: text))
        #expect(found.text == "联合国人权事务高级专员办事处发表了评估报告")
        check(found, in: text)
    }
}
