import DossierModel
import Synchronization

/// An article body as the edge read it: its text, or why it could not be read (its file changed
/// since the corpus was loaded).
public struct BodyRead: Sendable {
    public var article: Article
    public var text: Result<String, ArticleBody.Unreadable>

    public init(article: Article, text: Result<String, ArticleBody.Unreadable>) {
        self.article = article
        self.text = text
    }
}

/// The article bodies the edge has handed the controller, the last few. The controller never reads a
/// body itself: a body held in memory is at hand, and one kept in its file is asked for with
/// `Effect.readBodies` and arrives as `ExplorerEvent.bodiesRead`. A body is known by its place in its
/// file, so a corpus read again (after an edit) finds only the texts read from its own files.
struct BodyTexts: Sendable {
    /// The reader, the two columns of a comparison, the article before, and room for a key that opens
    /// new ones.
    static let limit = 6

    private var texts: [ArticleBody: Result<String, ArticleBody.Unreadable>] = [:]
    /// The bodies kept, the first read first: the first go when there are too many.
    private var order: [ArticleBody] = []

    func text(of article: Article) -> Result<String, ArticleBody.Unreadable>? {
        if let text = article.body.inMemoryText { return .success(text) }
        return texts[article.body]
    }

    /// Keeps what the edge read, all of it: an event put off for many bodies (the notes filter, an
    /// export of search results) is handled again with every one of them at hand. The older go, down
    /// to the limit, but never one of `shown`: the bodies the screen shows stay, however many (a tall
    /// search screen shows forty), or each batch would push out the last and ask for it again.
    mutating func keep(_ batch: [BodyRead], shown: Set<ArticleBody>) {
        for read in batch where read.article.body.inMemoryText == nil {
            if texts.updateValue(read.text, forKey: read.article.body) == nil { order.append(read.article.body) }
        }
        let batchBodies = Set(batch.map(\.article.body))
        var extra = order.count - Self.limit
        guard extra > 0 else { return }
        order.removeAll { body in
            guard extra > 0, !shown.contains(body), !batchBodies.contains(body) else { return false }
            texts[body] = nil
            extra -= 1
            return true
        }
    }
}

/// The bodies an update looked for and did not have. Lookups are made deep in laying out and moving,
/// from a state that cannot change there, so they are noted here, in an object the copies of the
/// update's state share, and `Explorer.update` collects them when it is done. Each update makes its
/// own: two updates of copies of one state (tests run them at once) never take each other's.
final class BodyMisses: Sendable {
    private let missed = Mutex<(articles: [Article], bodies: Set<ArticleBody>)>(([], []))

    func note(_ article: Article) {
        missed.withLock { missed in
            if missed.bodies.insert(article.body).inserted { missed.articles.append(article) }
        }
    }

    func take() -> [Article] {
        missed.withLock { missed in
            defer { missed = ([], []) }
            return missed.articles
        }
    }
}

extension State {
    /// An article's body, if the edge has handed it in; else nil, and the update asks for it.
    func bodyText(of article: Article) -> Result<String, ArticleBody.Unreadable>? {
        if let text = bodyTexts.text(of: article) { return text }
        bodyMisses.note(article)
        return nil
    }
}

extension State {
    /// Where a note stands, from the bodies at hand (one not read yet is asked for).
    func noteAnchor(_ note: Note) -> NoteAnchor {
        resolvedNote(note).anchor
    }

    func resolvedNote(_ note: Note) -> (anchor: NoteAnchor, words: String?) {
        if let digest = madeNotesDigest, let index = digest.indexOfID[note.id], notes.indices.contains(index), notes[index] == note {
            return digest.resolved[index]
        }
        return NoteAnchor.resolvedWithWords(note, in: corpus, body: bodyText)
    }

    /// The text of the field a search hit is in: a name or a title at hand, an article body if the
    /// edge has read it (else nil, and it is asked for).
    func hitText(_ hit: SearchIndex.Hit) -> Result<String, ArticleBody.Unreadable>? {
        if let text = hit.source.inMemoryText { return .success(text) }
        guard let article = corpus.article(hit.id) else { return .success("") }
        return bodyText(of: article)
    }

    /// A hit's line of context and its match there; "…" while its body is being read.
    func context(of hit: SearchIndex.Hit) -> (context: String, highlight: Range<Int>) {
        hitText(hit).map(hit.contextAndHighlight(in:)) ?? ("…", 0..<0)
    }
}

extension Explorer {
    /// The articles whose bodies the frame of `state` shows: the reader's (the articles view, and a
    /// passage being selected in it), the search results and the span notes in view, and the columns
    /// of a comparison.
    static func articlesOnScreen(_ state: State) -> [Article] {
        var ids: [String] = []
        if state.view == .articles, let id = state.selectedID(in: .articles) { ids.append(id) }
        if case .search(let search) = state.navigation.overlay {
            let rows = searchRows(search)
            for row in rows.dropFirst(search.place.top).prefix(SearchLayout(width: state.width, height: state.height).visibleRows) {
                if case .hit(let number) = row, number < search.hits.count, search.hits[number].source.inMemoryText == nil {
                    ids.append(search.hits[number].id)
                }
            }
        }
        if case .notes(let screen) = state.navigation.overlay {
            let listed = listedNotes(state)
            let shown = listed.dropFirst(screen.place.top).prefix(ListWithDetailLayout.notes(width: state.width, height: state.height).listHeight)
            for index in shown + (selectedNote(state).flatMap { note in state.notes.firstIndex { $0.id == note.id } }.map { [$0] } ?? [])
            where state.notes[index].target.quote != nil {
                ids.append(state.notes[index].target.record)
            }
        }
        if case .compare(let compare) = state.navigation.overlay {
            for column in compare.shown.indices where compare.excerpts.indices.contains(compare.shown[column]) {
                let id = compare.excerpts[compare.shown[column]]
                ids.append(state.corpus.article(id) != nil ? id : state.corpus.excerpt(id)?.article ?? id)
            }
        }
        return ids.compactMap { state.corpus.article($0) }
    }

    /// The bodies of `articles` that `state` does not hold, once each.
    static func unread(_ articles: [Article], in state: State) -> [Article] {
        var asked: [Article] = []
        var seen: Set<ArticleBody> = []
        for article in articles where state.bodyTexts.text(of: article) == nil && seen.insert(article.body).inserted {
            asked.append(article)
        }
        return asked
    }
}

/// Whether the work a key started should give way: the edge hands in "a newer key is waiting (or a
/// signal came)", and a long search stops there, so typing never waits for the search of a keystroke
/// already overtaken. Tests and the CLI use `.never`.
public struct Interruption: Sendable {
    private let requested: @Sendable () -> Bool

    public init(requested: @escaping @Sendable () -> Bool) {
        self.requested = requested
    }

    public var isRequested: Bool { requested() }

    public static let never = Interruption { false }
}
