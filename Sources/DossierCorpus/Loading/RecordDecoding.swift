/// Decoding of each record kind. Field names and order follow docs/data-format.md; every field list here
/// is also the allow-list for unknown-key errors and the key order of JSON output.

/// Where a record and its references came from, kept beside the plain model values so semantic checks
/// can point at the exact value at fault.
struct ReferenceSite {
    var id: String
    var expected: RecordKinds
    var field: String
    var ownerID: String
    var file: SourceFile
    var offset: Int
}

/// A set of record kinds in one byte: each reference notes the kinds it may point at, and a `Set`
/// would be an allocation for every one of a corpus's references.
struct RecordKinds: OptionSet, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ kind: RecordKind) { rawValue = 1 << UInt8(kind.number) }

    static let article = RecordKinds(.article)
    static let actor = RecordKinds(.actor)
    static let statement = RecordKinds(.statement)
    static let event = RecordKinds(.event)
    static let excerpt = RecordKinds(.excerpt)
    static let any: RecordKinds = [.article, .actor, .statement, .event, .excerpt]

    func contains(_ kind: RecordKind) -> Bool { contains(RecordKinds(kind)) }

    /// In `RecordKind.allCases` order.
    var kinds: [RecordKind] { RecordKind.allCases.filter(contains) }
}

struct RecordSite {
    var kind: RecordKind
    var file: SourceFile
    var offset: Int
    var idOffset: Int
}

/// Collects decoded records together with their sites.
struct DecodedCorpus {
    var articles: [Article] = []
    var actors: [Actor] = []
    var statements: [Statement] = []
    var events: [Event] = []
    var excerpts: [Excerpt] = []
    var recordSites: [String: RecordSite] = [:]
    var references: [ReferenceSite] = []
    /// Kinds whose file (or key) could not be parsed: references to them cannot be checked.
    var unparsedKinds: Set<RecordKind> = []
    /// A body could not be read again because its file changed while the corpus was loading: the
    /// load stops there and says so once (exit 66), not once for every article after it.
    var changedWhileLoading: ArticleBody.Unreadable?
    /// Offsets of fields the semantic checks talk about after decoding.
    var quoteOffsets: [String: Int] = [:]
    var countOffsets: [String: [Int]] = [:]
    var countryOffsets: [String: Int] = [:]
    var signatoryOffsets: [String: [Int]] = [:]
    var declinedOffsets: [String: [Int]] = [:]
    /// Each lead's and addressee's actor, by statement, in the order given.
    var leadOffsets: [String: [Int]] = [:]
    var addresseeOffsets: [String: [Int]] = [:]
    var forumOffsets: [String: Int] = [:]
    var speakerOffsets: [String: Int] = [:]
}

/// Brief, quoted rendering of a value from the data for use inside a message.
func brief(_ text: String, limit: Int = 60) -> String {
    if text.count <= limit { return "\"\(text)\"" }
    return "\"\(text.prefix(limit))…\""
}

enum FieldNames {
    static let article = ["id", "title", "publisher", "published", "url", "authors", "body", "supplied"]
    static let actor = ["id", "name", "kind", "aliases", "country", "affiliations", "role", "supplied"]
    static let statement = ["id", "title", "kind", "date", "forum", "stance", "leads", "addressees", "counts", "signatories", "declined", "excerpts", "supplied"]
    static let declined = ["actor", "how", "excerpts"]
    static let count = ["value", "qualifier", "excerpt"]
    static let signatory = ["actor", "excerpts"]
    static let role = ["actor", "excerpts"]
    static let event = ["id", "date", "title", "actors", "statements", "excerpts", "supplied"]
    static let excerpt = ["id", "article", "quote", "prefix", "suffix", "about", "speaker", "supplied"]
}

extension DecodedCorpus {
    /// Reads the id and notes where the record stands. Returns nil when the id is bad or already taken;
    /// the record is then dropped, after its other fields have been checked too.
    mutating func registeredID(_ reader: inout RecordReader, kind: RecordKind) -> String? {
        guard let id = reader.readID() else { return nil }
        return noteRecord(reader, kind: kind, id: id) ? id : nil
    }

    mutating func noteRecord(_ reader: RecordReader, kind: RecordKind, id: String) -> Bool {
        let idOffset = reader.node("id")?.offset ?? reader.objectOffset
        if let first = recordSites[id] {
            let firstLocation = reader.collector.location(in: first.file, ofByte: first.idOffset)
            reader.error(at: idOffset, "duplicate id: \(first.kind.article) at \(firstLocation.file):\(firstLocation.line):\(firstLocation.column) already has id \"\(id)\"")
            return false
        }
        recordSites[id] = RecordSite(kind: kind, file: reader.file, offset: reader.objectOffset, idOffset: idOffset)
        return true
    }

    mutating func noteReferences(_ reader: RecordReader, _ ids: [(text: String, offset: Int)], field: String, expecting kinds: RecordKinds) {
        guard let owner = reader.id else { return }
        for (id, offset) in ids {
            references.append(ReferenceSite(id: id, expected: kinds, field: field, ownerID: owner, file: reader.file, offset: offset))
        }
    }

    mutating func decode(_ node: JSONNode, as kind: RecordKind, from file: SourceFile, collector: DiagnosticCollector) {
        switch kind {
        case .article: decodeArticle(node, file: file, collector: collector)
        case .actor: decodeActor(node, file: file, collector: collector)
        case .statement: decodeStatement(node, file: file, collector: collector)
        case .event: decodeEvent(node, file: file, collector: collector)
        case .excerpt: decodeExcerpt(node, file: file, collector: collector)
        }
    }

    mutating func decodeArticle(_ node: JSONNode, file: SourceFile, collector: DiagnosticCollector) {
        guard var reader = RecordReader(noun: "an article", node: node, file: file, collector: collector) else { return }
        let id = registeredID(&reader, kind: .article)
        reader.rejectUnknownKeys(allowed: FieldNames.article)
        let title = reader.string("title", required: true)
        let publisher = reader.string("publisher", required: true)
        let published = reader.date("published")
        let url = reader.string("url", required: false)
        let authors = reader.strings("authors", required: false)
        let body = reader.body("body")
        guard let id, let title, let publisher, let published, let body else { return }
        var article = Article(id: id, title: title, publisher: publisher, published: published, url: url, authors: authors, body: body)
        article.supplied = reader.supplied(fields: FieldNames.article)
        article.extra = reader.extraFields()
        articles.append(article)
    }

    mutating func decodeActor(_ node: JSONNode, file: SourceFile, collector: DiagnosticCollector) {
        guard var reader = RecordReader(noun: "an actor", node: node, file: file, collector: collector) else { return }
        let id = registeredID(&reader, kind: .actor)
        reader.rejectUnknownKeys(allowed: FieldNames.actor)
        let name = reader.string("name", required: true)
        let kind = reader.enumeration("kind", as: ActorKind.self)
        let aliases = reader.strings("aliases", required: true)
        let country = reader.string("country", required: false)
        let affiliations = reader.stringsWithOffsets("affiliations", required: false)
        let role = reader.string("role", required: false)
        guard let id, let name, let kind else { return }
        noteReferences(reader, affiliations, field: "affiliations", expecting: [.actor])
        if country != nil { countryOffsets[id] = reader.node("country")?.offset }
        var actor = Actor(id: id, name: name, kind: kind, aliases: aliases, country: country, affiliations: affiliations.map(\.text), role: role)
        actor.supplied = reader.supplied(fields: FieldNames.actor)
        actor.extra = reader.extraFields()
        actors.append(actor)
    }

    mutating func decodeStatement(_ node: JSONNode, file: SourceFile, collector: DiagnosticCollector) {
        guard var reader = RecordReader(noun: "a statement", node: node, file: file, collector: collector) else { return }
        let id = registeredID(&reader, kind: .statement)
        reader.rejectUnknownKeys(allowed: FieldNames.statement)
        let title = reader.string("title", required: true)
        let kind = reader.enumeration("kind", as: StatementKind.self)
        let date = reader.date("date")
        let forum = reader.string("forum", required: false)
        let stance = reader.enumeration("stance", as: Stance.self)
        let leadRoles = reader.roles("leads", required: true)
        let addresseeRoles = reader.roles("addressees", required: true)
        let leads = leadRoles.map(\.actor)
        let addressees = addresseeRoles.map(\.actor)
        var countOffsetsHere: [Int] = []
        var countReferences: [(String, Int)] = []
        let counts: [SignatoryCount] = reader.objects("counts", required: true) { count in
            count.rejectUnknownKeys(allowed: FieldNames.count)
            let valueNode = count.node("value")
            var value: Int?
            if let valueNode {
                if case .number(let text) = valueNode.value, let number = Int(text), number >= 0 {
                    value = number
                } else if case .number(let text) = valueNode.value {
                    count.error(at: valueNode.offset, "\(count.noun).value must be a whole number of zero or more, found \(describe(number: text))")
                } else {
                    count.error(at: valueNode.offset, "\(count.noun).value must be a whole number of zero or more, found \(valueNode.value.typeName)")
                }
            } else {
                count.error(at: nil, "missing required field \"value\" in \(count.noun)")
            }
            let qualifier = count.node("qualifier") == nil ? .exact : count.enumeration("qualifier", as: CountQualifier.self)
            let excerpt = count.string("excerpt", required: true)
            guard let value, let qualifier, let excerpt else { return nil }
            countReferences.append((excerpt, count.node("excerpt")?.offset ?? count.objectOffset))
            countOffsetsHere.append(valueNode?.offset ?? count.objectOffset)
            return SignatoryCount(value: value, qualifier: qualifier, excerpt: excerpt)
        }
        var signatoryActorReferences: [(String, Int)] = []
        var signatoryExcerptReferences: [(String, Int)] = []
        let signatories: [Signatory] = reader.objects("signatories", required: true) { signatory in
            signatory.rejectUnknownKeys(allowed: FieldNames.signatory)
            let actor = signatory.string("actor", required: true)
            let excerpts = signatory.stringsWithOffsets("excerpts", required: true)
            if signatory.node("excerpts") != nil && excerpts.isEmpty {
                signatory.error(at: signatory.node("excerpts")?.offset, "\(signatory.noun) names no excerpt; every signatory needs the excerpt that names it")
            }
            guard let actor else { return nil }
            signatoryActorReferences.append((actor, signatory.node("actor")?.offset ?? signatory.objectOffset))
            signatoryExcerptReferences.append(contentsOf: excerpts)
            return Signatory(actor: actor, excerpts: excerpts.map(\.text))
        }
        var declinedActorReferences: [(String, Int)] = []
        var declinedExcerptReferences: [(String, Int)] = []
        let declined: [Declined] = reader.objects("declined", required: false) { entry in
            entry.rejectUnknownKeys(allowed: FieldNames.declined)
            let actor = entry.string("actor", required: true)
            let how = entry.node("how") == nil ? .didNotSign : entry.enumeration("how", as: DeclineKind.self)
            let excerpts = entry.stringsWithOffsets("excerpts", required: true)
            if entry.node("excerpts") != nil && excerpts.isEmpty {
                entry.error(at: entry.node("excerpts")?.offset, "\(entry.noun) names no excerpt; give the excerpt that says the actor did not sign")
            }
            guard let actor, let how else { return nil }
            declinedActorReferences.append((actor, entry.node("actor")?.offset ?? entry.objectOffset))
            declinedExcerptReferences.append(contentsOf: excerpts)
            return Declined(actor: actor, how: how, excerpts: excerpts.map(\.text))
        }
        let excerpts = reader.stringsWithOffsets("excerpts", required: true)
        guard let id, let title, let kind, let date, let stance else { return }
        // A forum is an actor's id or a plain name ("UN Human Rights Council"): checked once all ids are known.
        if forum != nil { forumOffsets[id] = reader.node("forum")?.offset ?? reader.objectOffset }
        noteReferences(reader, leads, field: "leads", expecting: [.actor])
        noteReferences(reader, addressees, field: "addressees", expecting: [.actor])
        noteReferences(reader, leadRoles.flatMap(\.excerpts), field: "leads.excerpts", expecting: [.excerpt])
        noteReferences(reader, addresseeRoles.flatMap(\.excerpts), field: "addressees.excerpts", expecting: [.excerpt])
        // A role given as a plain id stands on nothing the sources say: it loads, with a warning.
        for (field, roles) in [("leads", leadRoles), ("addressees", addresseeRoles)] {
            for role in roles where role.plain {
                reader.warning(at: role.actor.offset, "\(field): \"\(role.actor.text)\" is given with no excerpt naming it; write {\"actor\": \"\(role.actor.text)\", \"excerpts\": [...]}")
            }
        }
        noteReferences(reader, countReferences, field: "counts.excerpt", expecting: [.excerpt])
        noteReferences(reader, signatoryActorReferences, field: "signatories.actor", expecting: [.actor])
        noteReferences(reader, signatoryExcerptReferences, field: "signatories.excerpts", expecting: [.excerpt])
        noteReferences(reader, declinedActorReferences, field: "declined.actor", expecting: [.actor])
        noteReferences(reader, declinedExcerptReferences, field: "declined.excerpts", expecting: [.excerpt])
        noteReferences(reader, excerpts, field: "excerpts", expecting: [.excerpt])
        countOffsets[id] = countOffsetsHere
        if !declined.isEmpty { declinedOffsets[id] = declinedActorReferences.map(\.1) }
        signatoryOffsets[id] = signatoryActorReferences.map(\.1)
        if !leadRoles.isEmpty { leadOffsets[id] = leadRoles.map(\.actor.offset) }
        if !addresseeRoles.isEmpty { addresseeOffsets[id] = addresseeRoles.map(\.actor.offset) }
        var statement = Statement(id: id, title: title, kind: kind, date: date, forum: forum, stance: stance,
                                  leads: leads.map(\.text), addressees: addressees.map(\.text), counts: counts,
                                  signatories: signatories, excerpts: excerpts.map(\.text))
        statement.declined = declined
        statement.leadExcerpts = Dictionary(leadRoles.filter { !$0.plain }.map { ($0.actor.text, $0.excerpts.map(\.text)) }, uniquingKeysWith: +)
        statement.addresseeExcerpts = Dictionary(addresseeRoles.filter { !$0.plain }.map { ($0.actor.text, $0.excerpts.map(\.text)) }, uniquingKeysWith: +)
        statement.supplied = reader.supplied(fields: FieldNames.statement)
        statement.extra = reader.extraFields()
        statements.append(statement)
    }

    mutating func decodeEvent(_ node: JSONNode, file: SourceFile, collector: DiagnosticCollector) {
        guard var reader = RecordReader(noun: "an event", node: node, file: file, collector: collector) else { return }
        let id = registeredID(&reader, kind: .event)
        reader.rejectUnknownKeys(allowed: FieldNames.event)
        let date = reader.date("date")
        let title = reader.string("title", required: true)
        let actors = reader.stringsWithOffsets("actors", required: true)
        let statements = reader.stringsWithOffsets("statements", required: true)
        let excerpts = reader.stringsWithOffsets("excerpts", required: true)
        guard let id, let date, let title else { return }
        noteReferences(reader, actors, field: "actors", expecting: [.actor])
        noteReferences(reader, statements, field: "statements", expecting: [.statement])
        noteReferences(reader, excerpts, field: "excerpts", expecting: [.excerpt])
        var event = Event(id: id, date: date, title: title, actors: actors.map(\.text), statements: statements.map(\.text), excerpts: excerpts.map(\.text))
        event.supplied = reader.supplied(fields: FieldNames.event)
        event.extra = reader.extraFields()
        events.append(event)
    }

    mutating func decodeExcerpt(_ node: JSONNode, file: SourceFile, collector: DiagnosticCollector) {
        guard var reader = RecordReader(noun: "an excerpt", node: node, file: file, collector: collector) else { return }
        let id = registeredID(&reader, kind: .excerpt)
        reader.rejectUnknownKeys(allowed: FieldNames.excerpt)
        let article = reader.string("article", required: true)
        let quote = reader.string("quote", required: true)
        let prefix = reader.string("prefix", required: false, allowEmpty: true)
        let suffix = reader.string("suffix", required: false, allowEmpty: true)
        let about = reader.stringsWithOffsets("about", required: false)
        let speaker = reader.string("speaker", required: false)
        guard let id, let article, let quote else { return }
        // Like a forum, a speaker is an actor's id or a name: checked once all ids are known.
        if speaker != nil { speakerOffsets[id] = reader.node("speaker")?.offset ?? reader.objectOffset }
        noteReferences(reader, [(article, reader.node("article")?.offset ?? reader.objectOffset)], field: "article", expecting: [.article])
        noteReferences(reader, about, field: "about", expecting: .any)
        quoteOffsets[id] = reader.node("quote")?.offset
        var excerpt = Excerpt(id: id, article: article, quote: quote, prefix: prefix, suffix: suffix, about: about.map(\.text))
        excerpt.speaker = speaker
        excerpt.supplied = reader.supplied(fields: FieldNames.excerpt)
        excerpt.extra = reader.extraFields()
        excerpts.append(excerpt)
    }
}

/// A number a count cannot be, said as what is wrong with it: too large, negative, or not whole.
func describe(number text: String) -> String {
    let digits = text.drop { $0 == "-" }
    if text.hasPrefix("-") { return "a negative number (\(text.prefix(24)))" }
    if digits.allSatisfy(\.isNumber) { return "a number too large to count with (\(text.prefix(24))\(text.count > 24 ? "…" : ""))" }
    if let value = Double(text), value.isInfinite { return "a number too large to count with (\(text.prefix(24)))" }
    if let value = Double(text), value == value.rounded(), abs(value) < 1e18 { return "\(text), written with a fraction or exponent; write it as a whole number" }
    return "a number that is not whole (\(text.prefix(24)))"
}
