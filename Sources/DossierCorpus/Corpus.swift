/// A loaded corpus. A valid one has every reference resolved and every excerpt anchored; one opened
/// with its problems (the explorer's way) may hold references to no record and unanchored excerpts,
/// and every lookup here answers nil or an empty list for them. Records keep their file order. Read
/// from the JSON, the records are arrays, lookups by id are built at load, back-links and list orders
/// the first time one is asked for (a one-shot command that lists or searches never needs them, and
/// they are most of what building a corpus costs). Read from the persistent index, all of these stay
/// in the mapped file and are read for what is asked (see `StoredCorpus`).
public struct Corpus: Sendable {
    public let articles: RecordList<Article>
    public let actors: RecordList<Actor>
    public let statements: RecordList<Statement>
    public let events: RecordList<Event>
    public let excerpts: RecordList<Excerpt>
    /// What the explorer's list filter matches each record by.
    public let listFilterText: ListFilterText

    /// How an id and its back-links are found: a dictionary built at load, and back-links built the
    /// first time one is asked for; or the persistent index's tables.
    private enum Lookup: Sendable {
        case table([String: (kind: RecordKind, index: Int)], links: ComputedOnce<BackLinks>)
        case stored(any RecordStore)

        func position(of id: String) -> (kind: RecordKind, index: Int)? {
            switch self {
            case .table(let positions, _): return positions[id]
            case .stored(let store): return store.number(of: id).map { store.position(ofRecord: $0) }
            }
        }
    }

    private let lookup: Lookup
    /// The explorer's list orders, sorted (or read from the index) the first time they are asked for.
    private let lazyOrders: ComputedOnce<CorpusOrders>

    /// Excerpts supporting a record: the excerpt's own `about` list plus every excerpt a record cites
    /// (a statement's excerpts, counts and signatories; an event's excerpts). Each list in corpus order.
    public var excerptsAbout: LinkMap<String> { linkMap(\.excerptsAbout, .excerptsAbout) }
    /// The reverse of `excerptsAbout`: the records each excerpt supports, in the order they were linked.
    public var recordsCiting: LinkMap<String> { linkMap(\.recordsCiting, .recordsCiting) }
    /// Excerpts quoting each article, in the order they appear in its body.
    public var excerptsInArticle: LinkMap<String> { linkMap(\.excerptsInArticle, .excerptsInArticle) }
    /// Statements in which each actor takes part, with how.
    public var statementRoles: LinkMap<StatementRole> {
        switch lookup {
        case .table(let positions, let links): return LinkMap(links: links, positions: positions, \.statementRoles) { links, code in
            StatementRole(statement: links.ids[Int(code >> 3)], role: StatementRole.Role.allCases[Int(code & 7)])
        }
        case .stored(let store): return LinkMap(store: store, .statementRoles) { code in
            StatementRole(statement: store.id(ofRecord: Int(code >> 3)), role: StatementRole.Role.allCases[Int(code & 7)])
        }
        }
    }
    /// Events naming each actor or statement.
    public var eventsMentioning: LinkMap<String> { linkMap(\.eventsMentioning, .eventsMentioning) }

    private func linkMap(_ path: KeyPath<BackLinks, [[UInt32]]> & Sendable, _ stored: StoredLink) -> LinkMap<String> {
        switch lookup {
        case .table(let positions, let links): return LinkMap(links: links, positions: positions, path) { links, number in links.ids[Int(number)] }
        case .stored(let store): return LinkMap(store: store, stored) { store.id(ofRecord: Int($0)) }
        }
    }

    /// The back-links, built if need be: what the persistent index keeps.
    package var backLinks: BackLinks {
        switch lookup {
        case .table(_, let links): return links.value
        case .stored(let store):
            func lists(_ link: StoredLink) -> [[UInt32]] { (0..<store.total).map { store.links(link, ofRecord: $0) } }
            return BackLinks(ids: (0..<store.total).map(store.id(ofRecord:)), recordCount: store.total, unknown: [:],
                             excerptsAbout: lists(.excerptsAbout), recordsCiting: lists(.recordsCiting), excerptsInArticle: lists(.excerptsInArticle),
                             statementRoles: lists(.statementRoles), eventsMentioning: lists(.eventsMentioning),
                             bases: store.bases + [store.total])
        }
    }

    /// Lists of back-links by the id they belong to: a dictionary's subscripts, answered from a
    /// dictionary built the first time one is asked for (a corpus read from its JSON), or from the
    /// persistent index's table of each record's links, reading only the record asked about.
    public struct LinkMap<Element: Sendable>: Sendable {
        private let find: @Sendable (String) -> [Element]?
        private let every: @Sendable () -> [String: [Element]]

        /// Answered from the back-links built from the JSON: an id's number from its place (or, for
        /// an id of no record, from the links' own table), its list's numbers made ids or roles.
        init(links: ComputedOnce<BackLinks>, positions: [String: (kind: RecordKind, index: Int)],
             _ path: KeyPath<BackLinks, [[UInt32]]> & Sendable, element: @escaping @Sendable (BackLinks, UInt32) -> Element) {
            find = { id in
                let links = links.value
                guard let number = links.number(of: id, positions: positions) else { return nil }
                let lists = links[keyPath: path]
                guard number < lists.count, !lists[number].isEmpty else { return nil }
                return lists[number].map { element(links, $0) }
            }
            every = {
                let links = links.value
                var all: [String: [Element]] = [:]
                for (number, list) in links[keyPath: path].enumerated() where !list.isEmpty { all[links.ids[number]] = list.map { element(links, $0) } }
                return all
            }
        }

        init(store: any RecordStore, _ link: StoredLink, element: @escaping @Sendable (UInt32) -> Element) {
            find = { id in
                guard let number = store.number(of: id) else { return nil }
                let codes = store.links(link, ofRecord: number)
                return codes.isEmpty ? nil : codes.map(element)
            }
            every = {
                var all: [String: [Element]] = [:]
                for number in 0..<store.total {
                    let codes = store.links(link, ofRecord: number)
                    if !codes.isEmpty { all[store.id(ofRecord: number)] = codes.map(element) }
                }
                return all
            }
        }

        public subscript(id: String) -> [Element]? { find(id) }
        public subscript(id: String, default fallback: [Element]) -> [Element] { find(id) ?? fallback }
        /// Every id's list (for a stored corpus, read from every record's).
        public var all: [String: [Element]] { every() }
    }

    /// The orders the explorer lists records in (see `CorpusOrders`).
    public var orders: CorpusOrders { lazyOrders.value }

    /// The back-links as numbers, as the persistent index keeps them: each kind of link is a list by
    /// the number of the id it belongs to. A record's number is its place across the five kinds in
    /// `RecordKind` order; an id that names no record (in a corpus opened with its problems) is
    /// numbered after them. Numbers, not strings: four bytes a link, no dictionaries, and an index is
    /// written from them without looking up every id again.
    package struct BackLinks: Sendable {
        /// Ids by number: every record's, then those of no record that some link names.
        var ids: [String]
        package var recordCount: Int
        /// The numbers of the ids of no record.
        var unknown: [String: Int]
        package var excerptsAbout: [[UInt32]]
        package var recordsCiting: [[UInt32]]
        package var excerptsInArticle: [[UInt32]]
        /// A statement's number times four, plus its role's place in `StatementRole.Role.allCases`.
        package var statementRoles: [[UInt32]]
        package var eventsMentioning: [[UInt32]]

        /// Whether every link is from and to a record (an index can keep only such links).
        package var nameOnlyRecords: Bool { ids.count == recordCount }

        /// Where each kind's numbers start, in `RecordKind` order, and where the records' end.
        var bases: [Int]

        func number(of id: String, positions: [String: (kind: RecordKind, index: Int)]) -> Int? {
            guard let (kind, index) = positions[id] else { return unknown[id] }
            return bases[kind.number] + index
        }
    }

    public struct StatementRole: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable, CaseIterable {
            case lead, signatory, addressee, forum
            /// Said by a source not to have signed (or to have voted against, or abstained).
            case declined
        }
        public var statement: String
        public var role: Role
    }

    public init(articles: [Article], actors: [Actor], statements: [Statement], events: [Event], excerpts: [Excerpt]) {
        self.init(articles: articles, actors: actors, statements: statements, events: events, excerpts: excerpts, ahead: nil)
    }

    /// What building the back-links needs before the quotes are found: the table of ids and every
    /// back-link but the excerpts in each article (which follow where their quotes were found). A
    /// staged load works it out on another thread while the quotes are looked for.
    public struct LinksAhead: Sendable {
        let counts: [Int]
        let positions: [String: (kind: RecordKind, index: Int)]
        let links: BackLinks

        /// From the records as decoded: their ids and references are what the corpus will hold. Of
        /// the excerpts only what links them is taken, so the excerpts can be written to meanwhile
        /// (where their quotes are) without being copied.
        init(articles: [Article], actors: [Actor], statements: [Statement], events: [Event], excerpts: [ExcerptLinks]) {
            counts = [articles.count, actors.count, statements.count, events.count, excerpts.count]
            positions = Corpus.positions(articles: articles, actors: actors, statements: statements, events: events, excerpts: excerpts)
            links = Corpus.recordLinks(articles: articles, actors: actors, statements: statements, events: events, excerpts: excerpts,
                                       positions: positions)
        }
    }

    /// What the back-links need of an excerpt.
    struct ExcerptLinks {
        let id: String
        let about: [String]

        init(_ excerpt: Excerpt) {
            id = excerpt.id
            about = excerpt.about
        }
    }

    /// `ahead`, worked out from these records' ids and references, is used as it is.
    init(articles: [Article], actors: [Actor], statements: [Statement], events: [Event], excerpts: [Excerpt], ahead: LinksAhead?) {
        self.articles = RecordList(articles)
        self.actors = RecordList(actors)
        self.statements = RecordList(statements)
        self.events = RecordList(events)
        self.excerpts = RecordList(excerpts)

        let counts = [articles.count, actors.count, statements.count, events.count, excerpts.count]
        let ahead = ahead?.counts == counts ? ahead : nil
        let positions = ahead?.positions
            ?? Self.positions(articles: articles, actors: actors, statements: statements, events: events, excerpts: excerpts.lazy.map(ExcerptLinks.init))
        listFilterText = ListFilterText(articles: articles, actors: actors, statements: statements, events: events)
        lookup = .table(positions, links: ComputedOnce {
            var links = ahead?.links
                ?? Self.recordLinks(articles: articles, actors: actors, statements: statements, events: events,
                                    excerpts: excerpts.lazy.map(ExcerptLinks.init), positions: positions)
            links.excerptsInArticle = Self.excerptsInArticle(excerpts, positions: positions, excerptBase: links.bases[RecordKind.excerpt.number])
            return links
        })
        let lists = (self.articles, self.actors, self.statements, self.events)
        lazyOrders = ComputedOnce { CorpusOrders(articles: lists.0, actors: lists.1, statements: lists.2, events: lists.3) }
    }

    private static func positions(articles: [Article], actors: [Actor], statements: [Statement], events: [Event],
                                  excerpts: some Collection<ExcerptLinks>) -> [String: (kind: RecordKind, index: Int)] {
        var positions: [String: (kind: RecordKind, index: Int)] = [:]
        positions.reserveCapacity(articles.count + actors.count + statements.count + events.count + excerpts.count)
        for (index, record) in articles.enumerated() { positions[record.id] = (.article, index) }
        for (index, record) in actors.enumerated() { positions[record.id] = (.actor, index) }
        for (index, record) in statements.enumerated() { positions[record.id] = (.statement, index) }
        for (index, record) in events.enumerated() { positions[record.id] = (.event, index) }
        for (index, record) in excerpts.enumerated() { positions[record.id] = (.excerpt, index) }
        return positions
    }

    /// A corpus whose records, ids and back-links stay in the persistent index's mapped bytes, each
    /// read when asked for; `storedOrders` gives the list orders the index keeps.
    package init(stored store: any RecordStore, articles: any StoredRecordList<Article>, actors: any StoredRecordList<Actor>,
                 statements: any StoredRecordList<Statement>, events: any StoredRecordList<Event>, excerpts: any StoredRecordList<Excerpt>, storedOrders: @escaping @Sendable () -> CorpusOrders) {
        self.articles = RecordList(stored: articles)
        self.actors = RecordList(stored: actors)
        self.statements = RecordList(stored: statements)
        self.events = RecordList(stored: events)
        self.excerpts = RecordList(stored: excerpts)
        lookup = .stored(store)
        listFilterText = ListFilterText(stored: store)
        lazyOrders = ComputedOnce(storedOrders)
    }

    /// Builds the back-links and the list orders now, if they are not built yet: a staged load does it
    /// on its background thread, so the first whole frame does not wait for them.
    public func prepareLinksAndOrders() {
        if case .table(_, let links) = lookup { _ = links.value }
        _ = lazyOrders.value
    }

    /// Every back-link but the excerpts in each article (left empty).
    private static func recordLinks(articles: [Article], actors: [Actor], statements: [Statement], events: [Event],
                                    excerpts: some Collection<ExcerptLinks>, positions: [String: (kind: RecordKind, index: Int)]) -> BackLinks {
        // Every id met is given a number (a record's from its place; an id of no record, in a corpus
        // opened with its problems, the next one free), so the lists below are arrays indexed by
        // number and "already linked?" is a set of integer pairs: hashing pairs of strings took most
        // of the time of building these indexes.
        let recordIDs = Self.recordIDs(articles: articles, actors: actors, statements: statements, events: events, excerpts: excerpts)
        var ids = Numbering(positions: positions, recordIDs: recordIDs, counts: [articles.count, actors.count, statements.count, events.count, excerpts.count])
        var about = Lists()
        var citing = Lists()
        var aboutSeen: Set<Int> = []
        aboutSeen.reserveCapacity(excerpts.count * 2)
        // A record's own number is known from its place; only the ids it names are looked up.
        func link(_ excerptNumber: Int, to recordNumber: Int) {
            if aboutSeen.insert(excerptNumber &* Numbering.pairSpace &+ recordNumber).inserted {
                about.append(excerptNumber, at: recordNumber)
                citing.append(recordNumber, at: excerptNumber)
            }
        }
        let excerptBase = ids.bases[RecordKind.excerpt.number]
        for (index, excerpt) in excerpts.enumerated() {
            for record in excerpt.about { link(excerptBase + index, to: ids.number(record)) }
        }
        var roles = Lists()
        var rolesSeen: Set<Int> = []
        let roleCases = StatementRole.Role.allCases
        func role(_ actor: String, _ statementNumber: Int, _ role: StatementRole.Role) {
            let actorNumber = ids.number(actor)
            let place = roleCases.firstIndex(of: role)!
            let key = (actorNumber &* Numbering.pairSpace &+ statementNumber) &* roleCases.count &+ place
            // The role in the low three bits (five roles), the statement's number above them.
            if rolesSeen.insert(key).inserted { roles.append(statementNumber << 3 | place, at: actorNumber) }
        }
        let statementBase = ids.bases[RecordKind.statement.number]
        for (index, statement) in statements.enumerated() {
            let number = statementBase + index
            for excerpt in statement.excerpts { link(ids.number(excerpt), to: number) }
            for count in statement.counts { link(ids.number(count.excerpt), to: number) }
            // The excerpts naming a signatory, or saying an actor did not sign, support the statement
            // and the actor.
            func part(_ actor: String, _ kind: StatementRole.Role, on excerpts: [String]) {
                let actorNumber = ids.number(actor)
                for excerpt in excerpts {
                    let excerptNumber = ids.number(excerpt)
                    link(excerptNumber, to: number)
                    link(excerptNumber, to: actorNumber)
                }
                role(actor, number, kind)
            }
            for signatory in statement.signatories { part(signatory.actor, .signatory, on: signatory.excerpts) }
            for entry in statement.declined { part(entry.actor, .declined, on: entry.excerpts) }
            for lead in statement.leads { role(lead, number, .lead) }
            for addressee in statement.addressees { role(addressee, number, .addressee) }
            // The excerpts naming a lead or an addressee support the statement and the actor, as a
            // signatory's do.
            for (actors, named) in [(statement.leads, statement.leadExcerpts), (statement.addressees, statement.addresseeExcerpts)] where !named.isEmpty {
                for actor in actors {
                    for excerpt in named[actor] ?? [] {
                        let excerptNumber = ids.number(excerpt)
                        link(excerptNumber, to: number)
                        link(excerptNumber, to: ids.number(actor))
                    }
                }
            }
            // A forum given as a plain name is no actor's: it has no profile to list the statement in.
            if let forum = statement.forum, positions[forum]?.0 == .actor { role(forum, number, .forum) }
        }
        var mentions = Lists()
        var mentionsSeen: Set<Int> = []
        let eventBase = ids.bases[RecordKind.event.number]
        for (index, event) in events.enumerated() {
            let eventNumber = eventBase + index
            for excerpt in event.excerpts { link(ids.number(excerpt), to: eventNumber) }
            for record in event.actors + event.statements {
                let recordNumber = ids.number(record)
                if mentionsSeen.insert(recordNumber &* Numbering.pairSpace &+ eventNumber).inserted { mentions.append(eventNumber, at: recordNumber) }
            }
        }
        return BackLinks(ids: ids.recordIDs + ids.names, recordCount: ids.recordIDs.count, unknown: ids.unknown,
                         excerptsAbout: about.lists, recordsCiting: citing.lists, excerptsInArticle: [],
                         statementRoles: roles.lists, eventsMentioning: mentions.lists, bases: ids.bases)
    }

    private static func recordIDs(articles: [Article], actors: [Actor], statements: [Statement], events: [Event],
                                  excerpts: some Collection<ExcerptLinks>) -> [String] {
        var recordIDs: [String] = []
        recordIDs.reserveCapacity(articles.count + actors.count + statements.count + events.count + excerpts.count)
        for record in articles { recordIDs.append(record.id) }
        for record in actors { recordIDs.append(record.id) }
        for record in statements { recordIDs.append(record.id) }
        for record in events { recordIDs.append(record.id) }
        for record in excerpts { recordIDs.append(record.id) }
        return recordIDs
    }

    /// The excerpts quoting each article (by the article's number), sorted by where their quotes stand.
    private static func excerptsInArticle(_ excerpts: [Excerpt], positions: [String: (kind: RecordKind, index: Int)], excerptBase: Int) -> [[UInt32]] {
        // An excerpt whose quote was not found marks no span: the reader lists only those it can show.
        // Each article's are kept as places in `excerpts` (copying whole excerpts to sort them was most
        // of the cost), sorted by span. Articles are numbered first, from 0.
        var places: [[Int]] = []
        for (index, excerpt) in excerpts.enumerated() where excerpt.anchor != .unanchored {
            guard let (kind, article) = positions[excerpt.article], kind == .article else { continue }
            if article >= places.count { places.append(contentsOf: repeatElement([], count: article - places.count + 1)) }
            places[article].append(index)
        }
        return places.map { indices in
            let sorted = indices.count < 2 ? indices : indices.sorted {
                let (left, right) = (excerpts[$0].span, excerpts[$1].span)
                return (left.start, left.end, $0) < (right.start, right.end, $1)
            }
            return sorted.map { UInt32(excerptBase + $0) }
        }
    }

    /// Numbers for ids: a record's is its place across the five arrays; an id of no record gets the
    /// next number free.
    struct Numbering {
        /// Numbers are below this, so two make one integer key.
        static let pairSpace = 1 << 31
        let positions: [String: (kind: RecordKind, index: Int)]
        /// Every record's id, by number.
        let recordIDs: [String]
        let bases: [Int]
        var names: [String] = []
        var unknown: [String: Int] = [:]

        init(positions: [String: (kind: RecordKind, index: Int)], recordIDs: [String], counts: [Int]) {
            self.positions = positions
            self.recordIDs = recordIDs
            var bases: [Int] = []
            var total = 0
            for count in counts {
                bases.append(total)
                total += count
            }
            self.bases = bases + [total]
        }

        mutating func number(_ id: String) -> Int {
            if let (kind, index) = positions[id] { return bases[kind.number] + index }
            if let known = unknown[id] { return known }
            let next = recordIDs.count + names.count
            names.append(id)
            unknown[id] = next
            return next
        }
    }

    /// Lists of numbers kept by the number of the id they belong to, in first-seen order.
    struct Lists {
        var lists: [[UInt32]] = []

        mutating func append(_ element: Int, at number: Int) {
            if number >= lists.count { lists.append(contentsOf: repeatElement([], count: number - lists.count + 1)) }
            lists[number].append(UInt32(element))
        }
    }

    public func kind(of id: String) -> RecordKind? { lookup.position(of: id)?.kind }

    /// A record's number: its place across the kinds in `RecordKind` order.
    func recordNumber(of id: String) -> Int? {
        guard let (kind, index) = lookup.position(of: id) else { return nil }
        // Asked for every link when an index is written: no array made per call.
        switch kind {
        case .article: return index
        case .actor: return articles.count + index
        case .statement: return articles.count + actors.count + index
        case .event: return articles.count + actors.count + statements.count + index
        case .excerpt: return articles.count + actors.count + statements.count + events.count + index
        }
    }

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

    private func record<T>(_ id: String, _ kind: RecordKind, _ records: RecordList<T>) -> T? {
        guard let position = lookup.position(of: id), position.kind == kind else { return nil }
        return records[position.index]
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
    public var allIDs: [String] {
        switch lookup {
        case .table(let positions, _): return Array(positions.keys)
        case .stored(let store): return (0..<store.total).map { store.id(ofRecord: $0) }
        }
    }

    /// The records a name stands for, for `dossier show NAME`: the actors with that name or alias, and
    /// the articles, statements and events with that title, compared ignoring case and accents as search does; in
    /// corpus order, actors first. `partly`: names that contain `name`, for suggestions. Reads every
    /// record once (a one-shot lookup, not a keystroke's).
    public func ids(named name: String, partly: Bool = false) -> [String] {
        // Folded as search and the lists' filter fold (`Fold`), runs of white space as one space.
        func folded(_ text: String) -> String {
            Fold.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        // Partly: whole words of it, in a row ("kingdom" is part of "United Kingdom"; "uk" is not part
        // of "Rebuked").
        func words(_ text: String) -> [Substring] {
            text.split { !($0.isLetter || $0.isNumber) }
        }
        let wanted = folded(name)
        let wantedWords = words(wanted)
        guard !wanted.isEmpty else { return [] }
        func matches(_ text: String) -> Bool {
            let text = folded(text)
            guard partly else { return text == wanted }
            let textWords = words(text)
            guard !wantedWords.isEmpty, textWords.count >= wantedWords.count else { return false }
            return (0...(textWords.count - wantedWords.count)).contains { start in textWords[start..<(start + wantedWords.count)].elementsEqual(wantedWords) }
        }
        var found = actors.filter { ([$0.name] + $0.aliases).contains(where: matches) }.map(\.id)
        found += articles.filter { matches($0.title) }.map(\.id)
        found += statements.filter { matches($0.title) }.map(\.id)
        found += events.filter { matches($0.title) }.map(\.id)
        return found
    }

    /// "5 articles, 1 actor, ..." for one-line summaries.
    public var summary: String {
        [(articles.count, "article"), (actors.count, "actor"), (statements.count, "statement"), (events.count, "event"), (excerpts.count, "excerpt")]
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
            .joined(separator: ", ")
    }
}
