import DossierModel
import Foundation

/// What the lists need, computed once per corpus: display orders and folded text to filter on.
public struct ExplorerIndex: Sendable {
    let articlesByDate: [String]
    let statementsByDate: [String]
    let actorsByName: [String]
    let actorsByKind: [String]
    /// Events and statements together, by date (a less precise date first within its period).
    let timeline: [String]
    /// The actors each timeline item involves (an event's actors; a statement's parties).
    let timelineActors: [String: Set<String>]
    /// States, by name: the matrix rows.
    let statesByName: [String]
    /// Folded text a filter matches against: titles and publishers, names and aliases, as UTF-8 for a
    /// byte search (a filter runs over every row of a list on each keystroke). Folded the first time a
    /// filter asks (or beforehand, by `prepareFilterText` on a thread with time to spare), as the first
    /// frame does not need it: at 200,000 articles it is 0.3 s of an open.
    var filterText: [String: [UInt8]] { lazyFilterText.value }
    private let lazyFilterText: ComputedOnce<[String: [UInt8]]>

    /// Folds the filter text now rather than at the first filter keystroke.
    public func prepareFilterText() { _ = lazyFilterText.value }

    /// The columns each view's list needs to show its widest row whole (the layout gives it that
    /// within its share of the screen).
    let columnsNeeded: [ViewID: Int]

    public init(corpus: Corpus) {
        articlesByDate = corpus.articles.enumerated()
            .sorted { ($0.element.published, $0.offset) < ($1.element.published, $1.offset) }.map(\.element.id)
        statementsByDate = corpus.statements.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element.id)
        // Sort keys worked out once an actor, not looked up again in each comparison.
        let keyed = corpus.actors.map { (kind: $0.kind, name: Fold.fold($0.name), id: $0.id) }
        actorsByName = keyed.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.id)
        actorsByKind = keyed.sorted { ($0.kind, $0.name, $0.id) < ($1.kind, $1.name, $1.id) }.map(\.id)
        statesByName = actorsByName.filter { corpus.actor($0)?.kind == .state }
        let dated = corpus.statements.enumerated().map { ($0.element.date, 1, $0.offset, $0.element.id) }
            + corpus.events.enumerated().map { ($0.element.date, 0, $0.offset, $0.element.id) }
        timeline = dated.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
        var involved: [String: Set<String>] = [:]
        for event in corpus.events { involved[event.id] = Set(event.actors) }
        for (actor, roles) in corpus.statementRoles {
            for role in roles { involved[role.statement, default: []].insert(actor) }
        }
        timelineActors = involved
        lazyFilterText = ComputedOnce {
            var text: [String: [UInt8]] = [:]
            func add(_ id: String, _ parts: [String]) { text[id] = Array(Fold.fold(parts.joined(separator: " ")).utf8) }
            for article in corpus.articles { add(article.id, [article.title, article.publisher]) }
            for actor in corpus.actors { add(actor.id, [actor.name] + actor.aliases + [actor.kind.rawValue, actor.country ?? ""]) }
            for statement in corpus.statements { add(statement.id, [statement.title, statement.kind.rawValue, statement.stance.rawValue]) }
            for event in corpus.events { add(event.id, [event.title]) }
            return text
        }
        columnsNeeded = [
            .articles: Render.columnsNeeded(by: corpus.articles.lazy.map(\.title), in: .articles),
            .actors: Render.columnsNeeded(by: corpus.actors.lazy.map(\.name), in: .actors),
            .statements: Render.columnsNeeded(by: corpus.statements.lazy.map(\.title), in: .statements),
            .timeline: Render.columnsNeeded(by: corpus.statements.lazy.map(\.title) + corpus.events.lazy.map(\.title), in: .timeline),
        ]
    }

    public func ids(of view: ViewID, sortedBy sort: ActorSort, filter: String, timelineActor: String? = nil, corpus: Corpus) -> [String] {
        switch view {
        case .articles: return filtered(articlesByDate, filter)
        case .statements: return filtered(statementsByDate, filter)
        case .actors: return filtered(sort == .name ? actorsByName : actorsByKind, filter)
        case .timeline:
            let items = timelineActor.map { actor in timeline.filter { timelineActors[$0]?.contains(actor) == true } } ?? timeline
            return filteredByDate(items, filter, corpus: corpus)
        case .matrix: return MatrixFilter(filter).columns(statementsByDate, corpus: corpus, index: self)
        }
    }

    func filtered(_ ids: [String], _ filter: String) -> [String] {
        let needle = Array(Fold.fold(filter).trimmingCharacters(in: .whitespaces).utf8)
        guard !needle.isEmpty else { return ids }
        return ids.filter { filterText[$0].map { Fold.bytes($0, contain: needle) } == true }
    }

    /// The timeline's filter: a year or a range ("2019", "2009-2014", "2019..2021") keeps what is
    /// dated in it, as in the matrix; the other words are matched as any list's filter is.
    func filteredByDate(_ ids: [String], _ filter: String, corpus: Corpus) -> [String] {
        var years: ClosedRange<Int>?
        var words: [Substring] = []
        for token in filter.split(separator: " ") {
            if let range = MatrixFilter.yearRange(String(token)) { years = range } else { words.append(token) }
        }
        let dated = years.map { years in
            ids.filter { id in (corpus.statement(id)?.date ?? corpus.event(id)?.date).map { years.contains($0.year) } ?? false }
        } ?? ids
        return filtered(dated, words.joined(separator: " "))
    }

    /// Whether a record's folded text holds every word of a filter (folded, as UTF-8).
    func matches(_ id: String, words: [[UInt8]]) -> Bool {
        guard let text = filterText[id] else { return false }
        return words.allSatisfy { Fold.bytes(text, contain: $0) }
    }
}

/// The matrix filter: words naming a stance keep statements of that stance ("critical supportive"),
/// a year or range ("2019", "2019-2021", "2019..2021") keeps statements dated in it, and any other
/// word must occur in the title.
public struct MatrixFilter: Equatable, Sendable {
    public var stances: Set<Stance> = []
    public var years: ClosedRange<Int>?
    public var words: [String] = []

    public init(_ text: String) {
        for token in Fold.fold(text).split(separator: " ").map(String.init) {
            if let stance = Stance(rawValue: token) {
                stances.insert(stance)
            } else if let range = MatrixFilter.yearRange(token) {
                years = range
            } else {
                words.append(token)
            }
        }
    }

    static func yearRange(_ token: String) -> ClosedRange<Int>? {
        let parts = token.replacingOccurrences(of: "..", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { part -> Int? in part.count == 4 ? Int(part) : nil }
        guard numbers.count == parts.count else { return nil }
        if numbers.count == 1 { return numbers[0]...numbers[0] }
        if numbers.count == 2 { return min(numbers[0], numbers[1])...max(numbers[0], numbers[1]) }
        return nil
    }

    func columns(_ statements: [String], corpus: Corpus, index: ExplorerIndex) -> [String] {
        let needles = words.map { Array($0.utf8) }  // once, not once per statement
        return statements.filter { id in
            guard let statement = corpus.statement(id) else { return false }
            if !stances.isEmpty && !stances.contains(statement.stance) { return false }
            if let years, !years.contains(statement.date.year) { return false }
            return index.matches(id, words: needles)
        }
    }
}
