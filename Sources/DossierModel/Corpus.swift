/// A loaded corpus. A valid one has every reference resolved and every excerpt anchored; one opened
/// with its problems (the explorer's way) may hold references to no record and unanchored excerpts,
/// and every lookup here answers nil or an empty list for them. Records keep
/// their file order; lookups by id and back-links are built once at load.
public struct Corpus: Sendable {
    public let articles: [Article]
    public let actors: [Actor]
    public let statements: [Statement]
    public let events: [Event]
    public let excerpts: [Excerpt]

    /// Each id's kind and position in its array.
    private let positions: [String: (kind: RecordKind, index: Int)]
    /// Excerpts supporting a record: the excerpt's own `about` list plus every excerpt a record cites
    /// (a statement's excerpts, counts and signatories; an event's excerpts). Each list in corpus order.
    public let excerptsAbout: [String: [String]]
    /// The reverse of `excerptsAbout`: the records each excerpt supports, in the order they were linked.
    public let recordsCiting: [String: [String]]
    /// Excerpts quoting each article, in the order they appear in its body.
    public let excerptsInArticle: [String: [String]]
    /// Statements in which each actor takes part, with how.
    public let statementRoles: [String: [StatementRole]]
    /// Events naming each actor or statement.
    public let eventsMentioning: [String: [String]]

    public struct StatementRole: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable, CaseIterable {
            case lead, signatory, addressee, forum
        }
        public var statement: String
        public var role: Role
    }

    public init(articles: [Article], actors: [Actor], statements: [Statement], events: [Event], excerpts: [Excerpt]) {
        self.articles = articles
        self.actors = actors
        self.statements = statements
        self.events = events
        self.excerpts = excerpts

        var positions: [String: (RecordKind, Int)] = [:]
        for (index, record) in articles.enumerated() { positions[record.id] = (.article, index) }
        for (index, record) in actors.enumerated() { positions[record.id] = (.actor, index) }
        for (index, record) in statements.enumerated() { positions[record.id] = (.statement, index) }
        for (index, record) in events.enumerated() { positions[record.id] = (.event, index) }
        for (index, record) in excerpts.enumerated() { positions[record.id] = (.excerpt, index) }
        self.positions = positions

        // Each list keeps first-seen order; a set beside it makes "already there?" constant time, so a
        // record cited by thousands of excerpts costs no more than one cited once.
        var about: [String: [String]] = [:]
        var citing: [String: [String]] = [:]
        var aboutSeen: Set<Pair> = []
        func link(_ excerpt: String, to record: String) {
            if aboutSeen.insert(Pair(excerpt, record)).inserted {
                about[record, default: []].append(excerpt)
                citing[excerpt, default: []].append(record)
            }
        }
        for excerpt in excerpts {
            for record in excerpt.about { link(excerpt.id, to: record) }
        }
        var roles: [String: [StatementRole]] = [:]
        var rolesSeen: Set<Pair> = []
        func role(_ actor: String, _ statement: String, _ role: StatementRole.Role) {
            if rolesSeen.insert(Pair(actor, statement + "\u{0}" + role.rawValue)).inserted {
                roles[actor, default: []].append(StatementRole(statement: statement, role: role))
            }
        }
        for statement in statements {
            for excerpt in statement.excerpts { link(excerpt, to: statement.id) }
            for count in statement.counts { link(count.excerpt, to: statement.id) }
            for signatory in statement.signatories {
                for excerpt in signatory.excerpts {
                    link(excerpt, to: statement.id)
                    link(excerpt, to: signatory.actor)
                }
                role(signatory.actor, statement.id, .signatory)
            }
            for lead in statement.leads { role(lead, statement.id, .lead) }
            for addressee in statement.addressees { role(addressee, statement.id, .addressee) }
            // The excerpts naming a lead or an addressee support the statement and the actor, as a
            // signatory's do.
            let sourcedRoles = statement.leads.map { ($0, statement.leadExcerpts[$0] ?? []) } + statement.addressees.map { ($0, statement.addresseeExcerpts[$0] ?? []) }
            for (actor, excerpts) in sourcedRoles {
                for excerpt in excerpts {
                    link(excerpt, to: statement.id)
                    link(excerpt, to: actor)
                }
            }
            // A forum given as a plain name is no actor's: it has no profile to list the statement in.
            if let forum = statement.forum, positions[forum]?.0 == .actor { role(forum, statement.id, .forum) }
        }
        var mentions: [String: [String]] = [:]
        var mentionsSeen: Set<Pair> = []
        for event in events {
            for excerpt in event.excerpts { link(excerpt, to: event.id) }
            for record in event.actors + event.statements where mentionsSeen.insert(Pair(record, event.id)).inserted {
                mentions[record, default: []].append(event.id)
            }
        }
        var inArticle: [String: [Excerpt]] = [:]
        // An excerpt whose quote was not found marks no span: the reader lists only those it can show.
        for excerpt in excerpts where excerpt.anchor != .unanchored { inArticle[excerpt.article, default: []].append(excerpt) }
        self.excerptsInArticle = inArticle.mapValues { list in
            list.sorted { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }.map(\.id)
        }
        self.excerptsAbout = about
        self.recordsCiting = citing
        self.statementRoles = roles
        self.eventsMentioning = mentions
    }

    /// Two ids, for the sets that keep back-link lists free of duplicates.
    struct Pair: Hashable {
        var first: String
        var second: String
        init(_ first: String, _ second: String) {
            self.first = first
            self.second = second
        }
    }

    public func kind(of id: String) -> RecordKind? { positions[id]?.kind }

    /// Whose words or figure an excerpt gives, as a citation says it: "CNN, via China Digital Times"
    /// when the article relays someone (its `speaker`), else the article's publisher.
    public func attribution(of excerpt: Excerpt) -> String {
        let publisher = article(excerpt.article)?.publisher ?? excerpt.article
        guard let speaker = excerpt.speaker else { return publisher }
        return "\(name(of: speaker) ?? speaker), via \(publisher)"
    }

    /// What of a record the articles do not state, whatever its kind.
    public func supplied(of id: String) -> Supplied? {
        switch kind(of: id) {
        case .article: return article(id)?.supplied
        case .actor: return actor(id)?.supplied
        case .statement: return statement(id)?.supplied
        case .event: return event(id)?.supplied
        case .excerpt: return excerpt(id)?.supplied
        case nil: return nil
        }
    }

    /// A record's own `x-` fields, whatever its kind.
    public func extraFields(of id: String) -> [ExtraField] {
        switch kind(of: id) {
        case .article: return article(id)?.extra ?? []
        case .actor: return actor(id)?.extra ?? []
        case .statement: return statement(id)?.extra ?? []
        case .event: return event(id)?.extra ?? []
        case .excerpt: return excerpt(id)?.extra ?? []
        case nil: return []
        }
    }

    public func article(_ id: String) -> Article? { record(id, .article, articles) }
    public func actor(_ id: String) -> Actor? { record(id, .actor, actors) }
    public func statement(_ id: String) -> Statement? { record(id, .statement, statements) }
    public func event(_ id: String) -> Event? { record(id, .event, events) }
    public func excerpt(_ id: String) -> Excerpt? { record(id, .excerpt, excerpts) }

    private func record<T>(_ id: String, _ kind: RecordKind, _ array: [T]) -> T? {
        guard let position = positions[id], position.kind == kind else { return nil }
        return array[position.index]
    }

    /// The display name of any record: an actor's name, an article's or statement's title...
    public func name(of id: String) -> String? {
        switch kind(of: id) {
        case .article: return article(id)?.title
        case .actor: return actor(id)?.name
        case .statement: return statement(id)?.title
        case .event: return event(id)?.title
        case .excerpt: return excerpt(id)?.quote
        case nil: return nil
        }
    }

    /// Every id in the corpus, for suggestions when one is mistyped.
    public var allIDs: [String] { Array(positions.keys) }

    /// "5 articles, 1 actor, ..." for one-line summaries.
    public var summary: String {
        [(articles.count, "article"), (actors.count, "actor"), (statements.count, "statement"), (events.count, "event"), (excerpts.count, "excerpt")]
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
            .joined(separator: ", ")
    }
}
