/// The corpus: plain values, as described in docs/data-format.md.

public struct Article: Sendable, Hashable, Identifiable {
    public var id: String
    /// What of this record the articles do not state, and where it comes from instead.
    public var supplied: Supplied?
    /// The user's own `x-` fields, in file order: kept, shown and exported, never interpreted.
    public var extra: [ExtraField] = []
    public var title: String
    public var publisher: String
    public var published: PartialDate
    public var url: String?
    public var authors: [String]
    /// Plain text; paragraphs are separated by a blank line.
    public var body: ArticleBody

    public init(id: String, title: String, publisher: String, published: PartialDate, url: String? = nil, authors: [String] = [], body: ArticleBody) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.url = url
        self.authors = authors
        self.body = body
    }

    public init(id: String, title: String, publisher: String, published: PartialDate, url: String? = nil, authors: [String] = [], body: String) {
        self.init(id: id, title: title, publisher: publisher, published: published, url: url, authors: authors, body: ArticleBody(body))
    }
}

/// An article's text for work that may need many (note anchors, exports): the text or why it cannot
/// be read, or nil when it is not at hand (the explorer's controller then asks the edge to read it).
public typealias BodyLookup = (Article) -> Result<String, ArticleBody.Unreadable>?

extension Article {
    /// The body read from its file when it is kept there: for the command line, which may read.
    public static func readBody(_ article: Article) -> Result<String, ArticleBody.Unreadable>? {
        Result { () throws(ArticleBody.Unreadable) in try article.body.text() }
    }
}

/// An article's text. Bodies are most of a corpus, so a body loaded from a file on disk stays there:
/// it is the place of its JSON string in the file, read and decoded again when it is shown, searched
/// or written out (microseconds for an article), and the file's bytes are not held in memory twice.
public struct ArticleBody: Sendable, Hashable {
    package enum Source: Sendable {
        case text(String)
        case stored(SourceFile.Storage, JSONStringSpan)
    }

    package let source: Source

    public init(_ text: String) {
        source = .text(text)
    }

    package init(stored storage: SourceFile.Storage, _ span: JSONStringSpan) {
        source = .stored(storage, span)
    }

    /// Why a body kept in its file cannot be read: the file changed (or went) since it was loaded.
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }

        public var description: String { "cannot read the article body from \(file): \(reason)" }

        static func changed(_ storage: SourceFile.Storage) -> Unreadable {
            Unreadable(file: storage.name, reason: "the file changed since the corpus was loaded; open the corpus again")
        }
    }

    /// The text, read from the file if it is kept there. The last few read are kept (about 1 MB), as
    /// a screen asks for the same body again on every frame; once read, a body stays readable as it was
    /// loaded even if its file changes.
    public func text() throws(Unreadable) -> String {
        switch source {
        case .text(let text): return text
        case .stored(let storage, let span):
            if let text = storage.recentText(at: span.range.lowerBound) { return text }
            let text = try Self.read(storage, span)
            storage.remember(text, at: span.range.lowerBound)
            return text
        }
    }

    /// The text when it is held in memory, nil when it is kept in its file (reading it is the edge's
    /// work: the explorer's controller asks for it as an effect).
    public var inMemoryText: String? {
        if case .text(let text) = source { return text }
        return nil
    }

    /// The text, not kept for next time: for reading every body once (folding, resolving quotes).
    func textOnce() throws(Unreadable) -> String {
        switch source {
        case .text(let text): return text
        case .stored(let storage, let span): return try Self.read(storage, span)
        }
    }

    /// The text's UTF-8, not kept for next time and not made a `String`: for folding every body once.
    /// A body kept in its file is not checked to be UTF-8 again (it was when the file was parsed, and a
    /// file changed since is refused by its size and time).
    package func withUTF8Once<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(Unreadable) -> Result {
        switch source {
        case .text(var text): return text.withUTF8(body)
        case .stored(let storage, let span):
            let changed = Unreadable.changed(storage)
            let bytes = try Self.readBytes(storage, span)
            return try bytes.withUnsafeBufferPointer { (json) throws(Unreadable) -> Result in
                guard json.count >= 2, json.first == 0x22, json.last == 0x22 else { throw changed }
                guard span.hasEscapes else { return body(UnsafeBufferPointer(rebasing: json[1..<(json.count - 1)])) }
                var text: [UInt8] = []
                text.reserveCapacity(json.count)
                do {
                    try JSONParser.appendUnescaped(json, to: &text)
                } catch {
                    throw changed
                }
                return text.withUnsafeBufferPointer(body)
            }
        }
    }

    private static func readBytes(_ storage: SourceFile.Storage, _ span: JSONStringSpan) throws(Unreadable) -> [UInt8] {
        do {
            return try storage.read(span.range)
        } catch {
            switch error {
            case .changed: throw Unreadable.changed(storage)
            case .failed(let reason): throw Unreadable(file: storage.name, reason: reason)
            }
        }
    }

    private static func read(_ storage: SourceFile.Storage, _ span: JSONStringSpan) throws(Unreadable) -> String {
        let changed = Unreadable.changed(storage)
        let bytes = try readBytes(storage, span)
        if span.hasEscapes {
            guard let text = try? JSONParser.decodeString(bytes) else { throw changed }
            return text
        }
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22,
              let text = String(validating: bytes[1..<(bytes.count - 1)], as: UTF8.self) else { throw changed }
        return text
    }

    /// The text's length in UTF-8 bytes, or a little more, known without reading it: a body kept in
    /// its file is given by its JSON string, whose escapes are longer than what they stand for.
    public var utf8CountEstimate: Int {
        switch source {
        case .text(let text): return text.utf8.count
        case .stored(_, let span): return span.range.count - 2
        }
    }

    /// The text split at blank lines, as the format defines paragraphs.
    public func paragraphs() throws(Unreadable) -> [Substring] {
        try text().split(separator: "\n\n", omittingEmptySubsequences: true)
    }

    /// Equal when they are the same text in memory or the same place in the same open file: comparing
    /// a body kept in its file with one in memory would mean reading it, so they are not equal.
    public static func == (lhs: ArticleBody, rhs: ArticleBody) -> Bool {
        switch (lhs.source, rhs.source) {
        case (.text(let left), .text(let right)): return left == right
        case (.stored(let left, let leftSpan), .stored(let right, let rightSpan)): return left === right && leftSpan == rightSpan
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch source {
        case .text(let text): hasher.combine(text)
        case .stored(let storage, let span):
            hasher.combine(ObjectIdentifier(storage))
            hasher.combine(span.range.lowerBound)
        }
    }
}

public enum ActorKind: String, Sendable, CaseIterable, Hashable, Comparable {
    case state
    case unBody = "un-body"
    case intergovernmental
    case governmentBody = "government-body"
    case party
    case ngo
    case media
    case academic
    case court
    case person
    case group
    case other

    public static func < (lhs: ActorKind, rhs: ActorKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public struct Actor: Sendable, Hashable, Identifiable {
    public var id: String
    /// What of this record the articles do not state, and where it comes from instead.
    public var supplied: Supplied?
    /// The user's own `x-` fields, in file order: kept, shown and exported, never interpreted.
    public var extra: [ExtraField] = []
    public var name: String
    public var kind: ActorKind
    /// Other names the sources use: "Britain", "Beijing", "OHCHR".
    public var aliases: [String]
    /// ISO 3166-1 alpha-3, for states and for people and bodies tied to one.
    public var country: String?
    /// Actor ids: a spokesperson's ministry, a ministry's state.
    public var affiliations: [String]
    public var role: String?

    public init(id: String, name: String, kind: ActorKind, aliases: [String] = [], country: String? = nil, affiliations: [String] = [], role: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.country = country
        self.affiliations = affiliations
        self.role = role
    }
}

public enum StatementKind: String, Sendable, CaseIterable, Hashable {
    case jointStatement = "joint-statement"
    case letter
    case report
    case update
    case speech
    case briefing
    case ruling
    case vote
    case resolution
    case call
    case other
}

/// Stance toward the government the statement is about.
public enum Stance: String, Sendable, CaseIterable, Hashable {
    case critical, supportive, mixed, neutral
}

/// How a source qualifies its figure: "22 nations", "more than 20 countries", "over 60 NGOs".
public enum CountQualifier: String, Sendable, CaseIterable, Hashable {
    case exact
    case moreThan = "more-than"
    case atLeast = "at-least"
    case about
    case nearly
}

/// One source's own figure for how many signed. Sources can disagree, so a statement keeps them all.
public struct SignatoryCount: Sendable, Hashable {
    public var value: Int
    public var qualifier: CountQualifier
    public var excerpt: String

    public init(value: Int, qualifier: CountQualifier = .exact, excerpt: String) {
        self.value = value
        self.qualifier = qualifier
        self.excerpt = excerpt
    }
}

/// A signatory a source names, with the excerpts that name it.
public struct Signatory: Sendable, Hashable {
    public var actor: String
    public var excerpts: [String]

    public init(actor: String, excerpts: [String]) {
        self.actor = actor
        self.excerpts = excerpts
    }
}

/// How a source says an actor stood apart from a statement.
public enum DeclineKind: String, Sendable, Hashable, CaseIterable {
    /// "did not sign the letter"
    case didNotSign = "did-not-sign"
    case votedAgainst = "voted-against"
    case abstained

    /// In words, for a pane, a table or a citation ("did not sign").
    public var words: String {
        switch self {
        case .didNotSign: return "did not sign"
        case .votedAgainst: return "voted against"
        case .abstained: return "abstained"
        }
    }
}

/// An actor a source says did not sign a statement (voted against it, abstained), with the excerpts
/// that say so: a fact of its own, not the mere absence of a name.
public struct Declined: Sendable, Hashable {
    public var actor: String
    public var how: DeclineKind
    public var excerpts: [String]

    public init(actor: String, how: DeclineKind = .didNotSign, excerpts: [String]) {
        self.actor = actor
        self.how = how
        self.excerpts = excerpts
    }
}

/// A joint statement, letter, report, speech, ruling, vote...
public struct Statement: Sendable, Hashable, Identifiable {
    public var id: String
    /// What of this record the articles do not state, and where it comes from instead.
    public var supplied: Supplied?
    /// The user's own `x-` fields, in file order: kept, shown and exported, never interpreted.
    public var extra: [ExtraField] = []
    public var title: String
    public var kind: StatementKind
    public var date: PartialDate
    /// The actor id of the body where it was made (the Human Rights Council, say).
    public var forum: String?
    public var stance: Stance
    public var leads: [String]
    public var addressees: [String]
    /// The excerpts naming each lead and addressee in that role (given as `{actor, excerpts}`); a role
    /// given as a plain id has none.
    public var leadExcerpts: [String: [String]] = [:]
    public var addresseeExcerpts: [String: [String]] = [:]
    public var counts: [SignatoryCount]
    public var signatories: [Signatory]
    /// Actors a source says did not sign, voted against or abstained.
    public var declined: [Declined] = []
    public var excerpts: [String]

    public init(id: String, title: String, kind: StatementKind, date: PartialDate, forum: String? = nil, stance: Stance,
                leads: [String] = [], addressees: [String] = [], counts: [SignatoryCount] = [], signatories: [Signatory] = [], excerpts: [String] = []) {
        self.id = id
        self.title = title
        self.kind = kind
        self.date = date
        self.forum = forum
        self.stance = stance
        self.leads = leads
        self.addressees = addressees
        self.counts = counts
        self.signatories = signatories
        self.excerpts = excerpts
    }

    /// True when the sources' figures for how many signed cannot all be right: 22 and 25 disagree;
    /// 22 and "more than 20" do not. "About" and "nearly" figures are too loose to contradict anything.
    public var sourcesDisagreeOnCount: Bool {
        var lowest = Int.min
        var highest = Int.max
        for count in counts {
            switch count.qualifier {
            case .exact:
                lowest = max(lowest, count.value)
                highest = min(highest, count.value)
            case .moreThan: lowest = max(lowest, count.value + 1)
            case .atLeast: lowest = max(lowest, count.value)
            case .about, .nearly: continue
            }
        }
        return lowest > highest
    }
}

public struct Event: Sendable, Hashable, Identifiable {
    public var id: String
    /// What of this record the articles do not state, and where it comes from instead.
    public var supplied: Supplied?
    /// The user's own `x-` fields, in file order: kept, shown and exported, never interpreted.
    public var extra: [ExtraField] = []
    public var date: PartialDate
    public var title: String
    public var actors: [String]
    public var statements: [String]
    public var excerpts: [String]

    public init(id: String, date: PartialDate, title: String, actors: [String] = [], statements: [String] = [], excerpts: [String] = []) {
        self.id = id
        self.date = date
        self.title = title
        self.actors = actors
        self.statements = statements
        self.excerpts = excerpts
    }
}

/// Where a quote sits in its article body, found by the loader.
public struct TextSpan: Sendable, Hashable {
    /// Offsets in Unicode scalars (code points) from the start of the body, as in the W3C
    /// TextPositionSelector; `end` is exclusive.
    public var start: Int
    public var end: Int
    /// The same span in UTF-8 bytes, for slicing the body without counting again.
    public var utf8Start: Int
    public var utf8End: Int

    public init(start: Int, end: Int, utf8Start: Int, utf8End: Int) {
        self.start = start
        self.end = end
        self.utf8Start = utf8Start
        self.utf8End = utf8End
    }
}

/// The source text behind a fact: an exact quote from an article body, with optional context to tell
/// repeated quotes apart (the W3C Web Annotation TextQuoteSelector).
public struct Excerpt: Sendable, Hashable, Identifiable {
    public var id: String
    /// What of this record the articles do not state, and where it comes from instead.
    public var supplied: Supplied?
    /// The user's own `x-` fields, in file order: kept, shown and exported, never interpreted.
    public var extra: [ExtraField] = []
    public var article: String
    /// The quoted words. Once loaded and anchored, the article's own characters at `span` (what every
    /// output shows and copies); the file's words, when they differ, are in `storedQuote`.
    public var quote: String
    public var prefix: String?
    public var suffix: String?
    /// Ids of anything this excerpt supports.
    public var about: [String]
    /// Whose words or figure the article relays here, when not its own: an actor's id, or the name of a
    /// wire service, another paper or an official the corpus has no actor for.
    public var speaker: String?
    /// Filled in by the loader: where the quote stands in its article's body (meaningful only when
    /// `anchor` is not `.unanchored`).
    public var span: TextSpan
    /// How the quote was found: exactly, as a misquote of a close passage, or not at all (the last two
    /// only in a corpus opened with its problems).
    public var anchor: Anchor = .exact
    /// The quote as the corpus file has it, when the article's characters differ: in the kind of white
    /// space only (an `.exact` anchor), or in its words (`.misquoted`). Nil when they are the same.
    public var storedQuote: String?

    public init(id: String, article: String, quote: String, prefix: String? = nil, suffix: String? = nil, about: [String] = [],
                span: TextSpan = TextSpan(start: 0, end: 0, utf8Start: 0, utf8End: 0)) {
        self.id = id
        self.article = article
        self.quote = quote
        self.prefix = prefix
        self.suffix = suffix
        self.about = about
        self.span = span
    }
}

public enum RecordKind: String, Sendable, CaseIterable, Hashable {
    case article, actor, statement, event, excerpt

    /// The kind at a place in `allCases` (without making the array each time).
    package init(number: Int) {
        switch number {
        case 0: self = .article
        case 1: self = .actor
        case 2: self = .statement
        case 3: self = .event
        default: self = .excerpt
        }
    }

    /// Its place in `allCases`.
    package var number: Int {
        switch self {
        case .article: return 0
        case .actor: return 1
        case .statement: return 2
        case .event: return 3
        case .excerpt: return 4
        }
    }

    /// The file (in a directory corpus) or key (in a single-file corpus) holding records of this kind.
    public var collectionName: String {
        switch self {
        case .article: return "articles"
        case .actor: return "actors"
        case .statement: return "statements"
        case .event: return "events"
        case .excerpt: return "excerpts"
        }
    }

    public var article: String {
        self == .actor || self == .article || self == .event || self == .excerpt ? "an \(rawValue)" : "a \(rawValue)"
    }
}

/// A field of the user's own (its key begins with `x-`): any JSON value, kept as written.
public struct ExtraField: Sendable, Hashable {
    public let key: String
    /// The value as parsed, for JSON output.
    public let value: JSONValue
    /// The value as compact JSON (a string keeps its quotes): what JSON output writes back.
    public let json: String
    /// The value as a reader sees it: a string's own text, anything else as its compact JSON.
    public let text: String

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
        self.json = JSONWriter.compact(value)
        if case .string(let string) = value { text = string } else { text = json }
    }

    // Two fields are the same when their keys and JSON text are (the parsed value carries offsets).
    public static func == (lhs: ExtraField, rhs: ExtraField) -> Bool { lhs.key == rhs.key && lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(json)
    }
}

/// How an excerpt's quote was found in its article.
public enum Anchor: String, Sendable, Hashable {
    /// Found exactly, once (or told apart by its prefix and suffix).
    case exact
    /// Not found, but a close passage was (a number, a word, a quotation mark or the case differs): an
    /// error. A tolerant load marks that passage, shows the article's words and the stored ones beside.
    case misquoted
    /// Not found (or not told apart): the excerpt is listed, but marks no span in its article.
    case unanchored
}

/// Facts not stated by the articles, with where each comes from (a public record, an organisation's
/// site): the whole record, or some of its fields. The explorer dims them and gives the note; exports
/// carry it.
public struct Supplied: Sendable, Hashable {
    /// The note for the record as a whole, when none of it is stated by the articles.
    public var record: String?
    /// Notes for single fields, by field name, in the order written.
    public var fields: [(field: String, note: String)]

    public init(record: String? = nil, fields: [(field: String, note: String)] = []) {
        self.record = record
        self.fields = fields
    }

    public func note(for field: String) -> String? { fields.first { $0.field == field }?.note }

    /// "record: note" or "field: note; field: note", for a table cell or a line of text.
    public var summary: String {
        var parts: [String] = []
        if let record { parts.append(record) }
        parts += fields.map { "\($0.field): \($0.note)" }
        return parts.joined(separator: "; ")
    }

    public static func == (lhs: Supplied, rhs: Supplied) -> Bool { lhs.record == rhs.record && lhs.summary == rhs.summary }
    public func hash(into hasher: inout Hasher) { hasher.combine(summary) }
}
