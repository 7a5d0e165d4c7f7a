/// The folded text a list's filter (`/` in the explorer) matches a record by: an article's title and
/// publisher; an actor's name, aliases, kind and country; a statement's title, kind and stance; an
/// event's title. Read from the JSON, it is folded for every record the first time a filter asks (or
/// beforehand, by `prepare`, on a thread with time to spare: at 200,000 articles it is most of a
/// second); read from the persistent index, it is there already, a table of it a record, and a filter
/// reads only the rows it tests.
public struct ListFilterText: Sendable {
    enum Storage: Sendable {
        case folded(ComputedOnce<[String: [UInt8]]>)
        case stored(any RecordStore)
    }

    let storage: Storage

    /// The parts of a record's filter text, before folding (none for an excerpt: no list filters them).
    package static func parts(of article: Article) -> [String] { [article.title, article.publisher] }
    package static func parts(of actor: Actor) -> [String] { [actor.name] + actor.aliases + [actor.kind.rawValue, actor.country ?? ""] }
    package static func parts(of statement: Statement) -> [String] { [statement.title, statement.kind.rawValue, statement.stance.rawValue] }
    package static func parts(of event: Event) -> [String] { [event.title] }

    package static func folded(_ parts: [String]) -> [UInt8] { Array(Fold.fold(parts.joined(separator: " ")).utf8) }

    /// Folds every record's text when first asked for.
    init(articles: [Article], actors: [Actor], statements: [Statement], events: [Event]) {
        storage = .folded(ComputedOnce {
            var text: [String: [UInt8]] = [:]
            for article in articles { text[article.id] = Self.folded(Self.parts(of: article)) }
            for actor in actors { text[actor.id] = Self.folded(Self.parts(of: actor)) }
            for statement in statements { text[statement.id] = Self.folded(Self.parts(of: statement)) }
            for event in events { text[event.id] = Self.folded(Self.parts(of: event)) }
            return text
        })
    }

    package init(stored store: any RecordStore) { storage = .stored(store) }

    /// Folds the text now (for a corpus read from its JSON) rather than at the first filter keystroke.
    public func prepare() {
        if case .folded(let text) = storage { _ = text.value }
    }

    /// A record's folded text, as UTF-8; nil for an id of no record, or of an excerpt.
    public func text(of id: String) -> [UInt8]? {
        switch storage {
        case .folded(let text): return text.value[id]
        case .stored(let store):
            guard let number = store.number(of: id), let text = store.filterText(ofRecord: number) else { return nil }
            return Array(text)
        }
    }

    /// Whether the record's text holds every one of `words` (folded, as UTF-8); false for an id of no
    /// record, or of an excerpt.
    public func matches(_ id: String, words: [[UInt8]]) -> Bool {
        switch storage {
        case .folded(let text):
            guard let text = text.value[id] else { return false }
            return words.allSatisfy { Fold.bytes(text, contain: $0) }
        case .stored(let store):
            guard let number = store.number(of: id), let stored = store.filterText(ofRecord: number) else { return false }
            let text = stored.assumingMemoryBound(to: UInt8.self)
            return words.allSatisfy { Fold.bytes(text, contain: $0) }
        }
    }
}
