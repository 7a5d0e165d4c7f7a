import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct QuoteDifferenceTests {
    @Test func aChangedNumberIsSaidAloneWithoutItsPunctuation() {
        let difference = QuoteDifference(stored: "Last week the number rose to 54, bolstered by Turkey.",
                                         article: "Last week the number rose to 44, bolstered by Turkey.")
        #expect(difference.summary == "\"54\" where the article has \"44\"")
        #expect(difference.articleParts == [
            .init(text: "Last week the number rose to ", differs: false), .init(text: "44", differs: true),
            .init(text: ", bolstered by Turkey.", differs: false),
        ])
    }

    @Test func aRewordingAWordAddedAndAWordLeftOutAreEachNamed() {
        let difference = QuoteDifference(stored: "It was opposed by very many countries at the UN",
                                         article: "It was backed by many countries at the council of the UN")
        #expect(difference.summary == "\"opposed\" where the article has \"backed\"; \"very\" is not in the article; "
                + "the article has \"the council of\" after \"at\", which the quote leaves out")
        // The article's words are all there, in order, whatever differs.
        #expect(difference.articleParts.map(\.text).joined() == "It was backed by many countries at the council of the UN")
        #expect(difference.articleParts.filter(\.differs).map(\.text) == ["backed", "the council of"])
    }

    @Test func quotationMarksAreWordsOfTheirOwnAndEscapedInTheMessage() {
        let difference = QuoteDifference(stored: "its \"mass detentions\"", article: "its “mass detentions”")
        #expect(difference.summary == "\"\\\"\" where the article has \"“\"; \"\\\"\" where the article has \"”\"")
        #expect(difference.changes.count == 2)
    }

    @Test func moreThanThreeDifferencesAreCounted() {
        let difference = QuoteDifference(stored: "a 1 b 2 c 3 d 4 e 5 f", article: "a 9 b 8 c 7 d 6 e 0 f")
        #expect(difference.summary.hasSuffix("; and 2 more differences"))
        #expect(QuoteDifference(stored: "same  words", article: "same words").summary == "only its white space differs")
    }
}
