import DossierModel
import Foundation

/// What the lists need, computed once per corpus: display orders and folded text to filter on.
public struct ExplorerIndex: Sendable {
    var articlesByDate: [String] { lists.articlesByDate.value }
    var statementsByDate: [String] { lists.statementsByDate.value }
    var actorsByName: [String] { lists.actorsByName.value }
    var actorsByKind: [String] { lists.actorsByKind.value }
    /// Events and statements together, by date (a less precise date first within its period).
    var timeline: [String] { lists.timeline.value }
    /// The actors each timeline item involves (an event's actors; a statement's parties): worked out
    /// the first time the timeline is narrowed to an actor, as it needs every back-link.
    var timelineActors: [String: Set<String>] { lazyTimelineActors.value }
    /// States, by name: the matrix rows.
    var statesByName: [String] { lists.statesByName.value }
    /// Folded text a filter matches against (the corpus's `ListFilterText`: a filter runs over every
    /// row of a list on each keystroke).
    let filterText: ListFilterText
    private let lazyTimelineActors: ComputedOnce<[String: Set<String>]>

    /// The lists' orders as ids. The corpus keeps them as positions (read from the persistent index
    /// on a warm open); each is made ids once, the first time its list is shown.
    private struct Lists {
        var articlesByDate: ComputedOnce<[String]>
        var statementsByDate: ComputedOnce<[String]>
        var actorsByName: ComputedOnce<[String]>
        var actorsByKind: ComputedOnce<[String]>
        var timeline: ComputedOnce<[String]>
        var statesByName: ComputedOnce<[String]>
    }
    private let lists: Lists

    /// Folds the filter text now rather than at the first filter keystroke (read from the index, it
    /// is there already).
    public func prepareFilterText() { filterText.prepare() }

    /// The columns each view's list needs to show its widest row whole (the layout gives it that
    /// within its share of the screen).
    let columnsNeeded: [ViewID: Int]

    public init(corpus: Corpus) {
        let orders = corpus.orders
        func ids<T>(_ positions: [UInt32], _ records: RecordList<T>) -> ComputedOnce<[String]> where T: Identifiable, T.ID == String {
            ComputedOnce { positions.map { records.recordID(at: Int($0)) } }
        }
        lists = Lists(articlesByDate: ids(orders.articlesByDate, corpus.articles), statementsByDate: ids(orders.statementsByDate, corpus.statements),
                      actorsByName: ids(orders.actorsByName, corpus.actors), actorsByKind: ids(orders.actorsByKind, corpus.actors),
                      timeline: ComputedOnce { orders.timeline.map { Self.timelineID(CorpusOrders.TimelineItem(code: $0), corpus) } },
                      statesByName: ids(orders.statesByName, corpus.actors))
        lazyTimelineActors = ComputedOnce {
            var involved: [String: Set<String>] = [:]
            for event in corpus.events { involved[event.id] = Set(event.actors) }
            for (actor, roles) in corpus.statementRoles.all {
                for role in roles { involved[role.statement, default: []].insert(actor) }
            }
            return involved
        }
        filterText = corpus.listFilterText
        func timelineTitle(_ code: UInt32) -> String {
            switch CorpusOrders.TimelineItem(code: code) {
            case .statement(let position): return corpus.statements[position].title
            case .event(let position): return corpus.events[position].title
            }
        }
        columnsNeeded = [
            .articles: Render.columnsNeeded(byLongestFirst: orders.articlesLongestFirst.lazy.map { corpus.articles[Int($0)].title }, in: .articles),
            .actors: Render.columnsNeeded(byLongestFirst: orders.actorsLongestFirst.lazy.map { corpus.actors[Int($0)].name }, in: .actors),
            .statements: Render.columnsNeeded(byLongestFirst: orders.statementsLongestFirst.lazy.map { corpus.statements[Int($0)].title }, in: .statements),
            .timeline: Render.columnsNeeded(byLongestFirst: orders.timelineLongestFirst.lazy.map(timelineTitle), in: .timeline),
        ]
    }

    private static func timelineID(_ item: CorpusOrders.TimelineItem, _ corpus: Corpus) -> String {
        switch item {
        case .statement(let position): return corpus.statements.recordID(at: position)
        case .event(let position): return corpus.events.recordID(at: position)
        }
    }

    public func ids(of view: ViewID, sortedBy sort: ActorSort, filter: String, timelineActor: String? = nil, corpus: Corpus) -> [String] {
        // `≠` (or `!=`) among the words keeps the statements whose sources disagree on the count.
        let (disagreeing, rest) = Self.disagreement(in: filter)
        func keptIfDisagreeing(_ ids: [String]) -> [String] {
            disagreeing ? ids.filter { corpus.statement($0)?.sourcesDisagreeOnCount == true } : ids
        }
        switch view {
        case .articles: return filtered(articlesByDate, filter)
        case .statements: return keptIfDisagreeing(filtered(statementsByDate, rest))
        case .actors: return filtered(sort == .name ? actorsByName : actorsByKind, filter)
        case .timeline:
            let items = timelineActor.map { actor in timeline.filter { timelineActors[$0]?.contains(actor) == true } } ?? timeline
            return keptIfDisagreeing(filteredByDate(items, rest, corpus: corpus))
        case .matrix: return MatrixFilter(filter).columns(statementsByDate, corpus: corpus, index: self)
        }
    }

    /// Whether a filter asks for disagreeing sources (issue 32: `/≠` found nothing), and its other words.
    static func disagreement(in filter: String) -> (wanted: Bool, rest: String) {
        let words = filter.split(separator: " ")
        let rest = words.filter { $0 != "≠" && $0 != "!=" }
        return (rest.count != words.count, rest.joined(separator: " "))
    }

    func filtered(_ ids: [String], _ filter: String) -> [String] {
        let needle = Array(Fold.fold(filter).trimmingCharacters(in: .whitespaces).utf8)
        guard !needle.isEmpty else { return ids }
        let words = [needle]  // made once, not once a row
        return ids.filter { filterText.matches($0, words: words) }
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
        filterText.matches(id, words: words)
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
