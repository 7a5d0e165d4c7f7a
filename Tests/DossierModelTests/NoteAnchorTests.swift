import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Issue 15, item 5: notes survive the corpus changing.
@Suite struct NoteAnchorTests {
    static func corpus(body: String) -> Corpus {
        Corpus(articles: [Article(id: "a", title: "T", publisher: "P", published: PartialDate(year: 2024), body: body)],
               actors: [Actor(id: "gbr", name: "United Kingdom", kind: .state, country: "GBR")], statements: [], events: [], excerpts: [])
    }

    static func note(on record: String, quote: String? = nil, start: Int? = nil) -> Note {
        Note(id: "n", kind: .note, target: NoteTarget(record: record, quote: quote, start: start, end: start.map { $0 + (quote?.unicodeScalars.count ?? 0) }),
             text: "x", author: "ana", created: "t", updated: "t")
    }

    @Test func aSpanNoteFollowsItsWordsWhenTheArticleChanges() {
        let note = Self.note(on: "a", quote: "the group of 22 nations", start: 4)
        #expect(NoteAnchor.resolve(note, in: Self.corpus(body: "And the group of 22 nations urged China.")) == .span(
            TextSpan(start: 4, end: 27, utf8Start: 4, utf8End: 27), moved: false))
        // A paragraph added before the words: they are found where they went.
        guard case .span(let span, let moved) = NoteAnchor.resolve(note, in: Self.corpus(body: "A new first paragraph.\n\nAnd the group of 22 nations urged China.")) else {
            Issue.record("not found after a paragraph was added")
            return
        }
        #expect(moved && span.start == 28)
        // Corrected a little: the closest passage.
        guard case .drifted(_, let passage) = NoteAnchor.resolve(note, in: Self.corpus(body: "And the group of 23 nations urged China.")) else {
            Issue.record("not re-anchored to the corrected words")
            return
        }
        #expect(passage == "the group of 23 nations")
        // Gone: orphaned, with why, never dropped.
        #expect(NoteAnchor.resolve(note, in: Self.corpus(body: "Nothing of the kind.")) == .orphaned("its words are no longer in the article"))
    }

    @Test func twiceInTheArticleTheOccurrenceNearestWhereItStoodIsTaken() {
        let body = "the group met. Later the group met again."
        guard case .span(let span, _) = NoteAnchor.resolve(Self.note(on: "a", quote: "the group met", start: 21), in: Self.corpus(body: body)) else {
            Issue.record("not anchored")
            return
        }
        #expect(span.start == 21)
    }

    @Test func aNoteOnARecordThatIsGoneIsOrphaned() {
        #expect(NoteAnchor.resolve(Self.note(on: "gbr"), in: Self.corpus(body: "x")) == .record)
        #expect(NoteAnchor.resolve(Self.note(on: "fra"), in: Self.corpus(body: "x")) == .orphaned("“fra” is no longer in the corpus"))
    }
}
