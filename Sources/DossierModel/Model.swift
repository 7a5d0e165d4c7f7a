/// The corpus: plain values, as described in docs/data-format.md.

public struct Article: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var publisher: String
    public var published: PartialDate
    public var url: String?
    public var authors: [String]
    /// Plain text; paragraphs are separated by a blank line.
    public var body: String

    public init(id: String, title: String, publisher: String, published: PartialDate, url: String? = nil, authors: [String] = [], body: String) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.url = url
        self.authors = authors
        self.body = body
    }

    /// The body split at blank lines, as the format defines paragraphs.
    public var paragraphs: [Substring] {
        body.split(separator: "\n\n", omittingEmptySubsequences: true)
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

/// A joint statement, letter, report, speech, ruling, vote...
public struct Statement: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var kind: StatementKind
    public var date: PartialDate
    /// The actor id of the body where it was made (the Human Rights Council, say).
    public var forum: String?
    public var stance: Stance
    public var leads: [String]
    public var addressees: [String]
    public var counts: [SignatoryCount]
    public var signatories: [Signatory]
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
    public var article: String
    public var quote: String
    public var prefix: String?
    public var suffix: String?
    /// Ids of anything this excerpt supports.
    public var about: [String]
    /// Filled in by the loader; a loaded corpus has every excerpt resolved.
    public var span: TextSpan

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
