/// The orders the explorer lists records in, and each list's titles longest first: worked out once per
/// corpus (from its records after a load from the JSON, read from the persistent index otherwise), so
/// a warm open sorts nothing and decodes only the records it shows. Entries are positions in the
/// corpus's lists (`corpus.articles[position]`); a timeline entry is a `TimelineItem`'s code.
public struct CorpusOrders: Sendable, Equatable {
    /// Articles by publication date, file order within a date.
    public var articlesByDate: [UInt32]
    /// Statements by date, file order within a date.
    public var statementsByDate: [UInt32]
    /// Actors by folded name, then id.
    public var actorsByName: [UInt32]
    /// Actors by kind, then folded name, then id.
    public var actorsByKind: [UInt32]
    /// States by folded name (the matrix's rows).
    public var statesByName: [UInt32]
    /// Events and statements together by date: an event before a statement of the same date, each in
    /// file order.
    public var timeline: [UInt32]
    /// Each list's rows by the UTF-8 length of their title (an actor's name), longest first: a title
    /// never takes more columns than it has bytes, so measuring the widest row stops at the first title
    /// no longer than the widest found (see `ExplorerIndex.columnsNeeded`).
    public var articlesLongestFirst: [UInt32]
    public var actorsLongestFirst: [UInt32]
    public var statementsLongestFirst: [UInt32]
    public var timelineLongestFirst: [UInt32]

    /// A timeline row: a statement or an event, by its position in the corpus's list.
    public enum TimelineItem: Sendable, Equatable {
        case statement(Int)
        case event(Int)

        public init(code: UInt32) {
            self = code & 1 == 0 ? .statement(Int(code >> 1)) : .event(Int(code >> 1))
        }

        var code: UInt32 {
            switch self {
            case .statement(let position): return UInt32(position) << 1
            case .event(let position): return UInt32(position) << 1 | 1
            }
        }
    }

    package var all: [[UInt32]] {
        [articlesByDate, statementsByDate, actorsByName, actorsByKind, statesByName, timeline,
         articlesLongestFirst, actorsLongestFirst, statementsLongestFirst, timelineLongestFirst]
    }

    package init(_ lists: [[UInt32]]) {
        (articlesByDate, statementsByDate, actorsByName, actorsByKind, statesByName, timeline) = (lists[0], lists[1], lists[2], lists[3], lists[4], lists[5])
        (articlesLongestFirst, actorsLongestFirst, statementsLongestFirst, timelineLongestFirst) = (lists[6], lists[7], lists[8], lists[9])
    }

    /// How many lists `all` has: what the index stores.
    package static let listCount = 10

    /// Sorts the corpus's records. Every sort is stable on file order, so the result is the same each
    /// time for the same files.
    public init(corpus: Corpus) {
        self.init(articles: corpus.articles, actors: corpus.actors, statements: corpus.statements, events: corpus.events)
    }

    init(articles allArticles: RecordList<Article>, actors allActors: RecordList<Actor>, statements allStatements: RecordList<Statement>,
         events allEvents: RecordList<Event>) {
        func positions<T>(_ keys: [T], by less: (T, T) -> Bool) -> [UInt32] {
            keys.indices.sorted { less(keys[$0], keys[$1]) || (!less(keys[$1], keys[$0]) && $0 < $1) }.map { UInt32($0) }
        }
        func longestFirst(_ lengths: [Int]) -> [UInt32] { positions(lengths, by: >) }

        let articles = allArticles.map { (date: $0.published, bytes: $0.title.utf8.count) }
        articlesByDate = positions(articles.map(\.date), by: <)
        articlesLongestFirst = longestFirst(articles.map(\.bytes))

        let statements = allStatements.map { (date: $0.date, bytes: $0.title.utf8.count) }
        statementsByDate = positions(statements.map(\.date), by: <)
        statementsLongestFirst = longestFirst(statements.map(\.bytes))

        // Sort keys worked out once an actor, not again in each comparison.
        let actors = allActors.map { (kind: $0.kind, name: Fold.fold($0.name), id: $0.id, bytes: $0.name.utf8.count) }
        actorsByName = positions(actors) { ($0.name, $0.id) < ($1.name, $1.id) }
        actorsByKind = positions(actors) { ($0.kind, $0.name, $0.id) < ($1.kind, $1.name, $1.id) }
        statesByName = actorsByName.filter { actors[Int($0)].kind == .state }
        actorsLongestFirst = longestFirst(actors.map(\.bytes))

        let events = allEvents.map { (date: $0.date, bytes: $0.title.utf8.count) }
        let items = statements.indices.map { (date: statements[$0].date, bytes: statements[$0].bytes, code: TimelineItem.statement($0).code) }
            + events.indices.map { (date: events[$0].date, bytes: events[$0].bytes, code: TimelineItem.event($0).code) }
        // An event (code odd) before a statement of the same date; file order within each.
        timeline = items.indices.sorted {
            let (left, right) = (items[$0], items[$1])
            return (left.date, 1 - left.code & 1, left.code >> 1) < (right.date, 1 - right.code & 1, right.code >> 1)
        }.map { items[$0].code }
        timelineLongestFirst = positions(items.map(\.bytes), by: >).map { items[Int($0)].code }
    }
}
