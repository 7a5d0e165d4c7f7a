import DossierCorpus
import Foundation

/// The edits an analyst makes, as record edits: each checks what it names and derives what it can (an
/// id, an excerpt's prefix and suffix); the validator checks the rest when `CorpusEditor` applies them.
public enum CorpusEdits {
    /// What a passage shows about a statement.
    public enum StatementPart: Sendable, Equatable {
        /// The statement itself was made (its `excerpts`).
        case source
        case signatory(actor: String)
        case lead(actor: String)
        case addressee(actor: String)
        case count(value: Int, qualifier: String?)
    }

    // MARK: Excerpts

    /// A new excerpt of `article`: the words at `occurrence` (1-based, in the body's order) or, when
    /// nil, the only occurrence; a prefix and suffix are added when the words occur more than once.
    /// The words are matched as the loader matches a quote (exactly, else with any kind of white space
    /// for the quote's), and what is stored is the article's own characters there. Returns the edit
    /// and the excerpt's id.
    public static func excerpt(article: String, quote: String, occurrence: Int? = nil, about: [String], speaker: String? = nil,
                               id: String? = nil, in corpus: Corpus) throws(EditError) -> (edit: RecordEdit, id: String) {
        try excerpt(article: article, located: try locate(article: article, quote: quote, occurrence: occurrence, in: corpus),
                    about: about, speaker: speaker, id: id, in: corpus)
    }

    /// `excerpt`, for words already located (`locate`).
    static func excerpt(article: String, located: Located, about: [String], speaker: String?, id: String?,
                        in corpus: Corpus) throws(EditError) -> (edit: RecordEdit, id: String) {
        let (body, places, chosen) = located
        let words = String(decoding: Array(body.utf8)[chosen], as: UTF8.self)
        let context = places.count > 1 ? disambiguation(quote: words, at: chosen.lowerBound, in: body) : (prefix: nil, suffix: nil)
        let newID = try given(id, in: corpus)
            ?? unique("x-" + slug(article.hasPrefix("art-") ? String(article.dropFirst(4)) : article, words: 3) + "-" + slug(words, words: 4), in: corpus)
        let value = JSONValue.object([
            ("id", .string(newID)), ("article", .string(article)), ("quote", .string(words)),
            ("prefix", context.prefix.map(JSONValue.string)), ("suffix", context.suffix.map(JSONValue.string)),
            ("about", about.isEmpty ? nil : .strings(about)), ("speaker", speaker.map(JSONValue.string)),
        ])
        return (.add(.excerpt, text: RecordFile.text(of: value), at: nil), newID)
    }

    /// The excerpt for words of an article, linked rather than copied: when an excerpt already quotes
    /// exactly that span of the article, it is the one (the records it is to be about are added to its
    /// `about`, with a replace edit, or no edit when it has them); otherwise a new excerpt. Two
    /// excerpts of one span would be a trace an edit leaves that nothing can take back cleanly.
    public static func excerptOrExisting(article: String, quote: String, occurrence: Int? = nil, about: [String], speaker: String? = nil,
                                         id: String? = nil, in corpus: Corpus,
                                         record: (RecordKind, String) -> JSONValue?) throws(EditError) -> (edits: [RecordEdit], id: String, existing: Bool) {
        // The words located once, for both the look for an excerpt of that span and a new one.
        let located = try locate(article: article, quote: quote, occurrence: occurrence, in: corpus)
        guard let existing = quoting(article: article, span: located.chosen, in: corpus) else {
            let made = try excerpt(article: article, located: located, about: about, speaker: speaker, id: id, in: corpus)
            return ([made.edit], made.id, false)
        }
        if let id, id != existing { throw .invalid("\(existing) already quotes these words of \(article): use it rather than a second excerpt “\(id)”") }
        let missing = about.filter { corpus.excerpt(existing)?.about.contains($0) == false }
        guard !missing.isEmpty else { return ([], existing, true) }
        guard case .object(var members)? = record(.excerpt, existing) else { throw .invalid("no excerpt has the id “\(existing)”") }
        var list: [JSONNode] = []
        if let index = members.firstIndex(where: { $0.key == "about" }) {
            if case .array(let nodes) = members[index].node.value { list = nodes }
            members[index].node = JSONNode(.array(list + missing.map { JSONNode(.string($0), offset: 0) }), offset: 0)
        } else {
            let after = (members.firstIndex { $0.key == "suffix" } ?? members.firstIndex { $0.key == "prefix" } ?? members.firstIndex { $0.key == "quote" } ?? members.count - 1) + 1
            members.insert(JSONMember(key: "about", keyOffset: 0, node: JSONNode(.strings(missing), offset: 0)), at: min(after, members.count))
        }
        return ([.replace(.excerpt, id: existing, text: RecordFile.text(of: .object(members)))], existing, true)
    }

    /// The excerpt that already quotes exactly that span (UTF-8 offsets) of the article, if one does.
    static func quoting(article: String, span: Range<Int>, in corpus: Corpus) -> String? {
        corpus.excerptsInArticle[article, default: []].first { excerptID in
            guard let excerpt = corpus.excerpt(excerptID), excerpt.anchor == .exact else { return false }
            return excerpt.span.utf8Start == span.lowerBound && excerpt.span.utf8End == span.upperBound
        }
    }

    /// Words found in an article: its body, where the words stand in it, and the occurrence chosen
    /// (UTF-8 ranges).
    typealias Located = (body: String, places: [Range<Int>], chosen: Range<Int>)

    static func locate(article: String, quote: String, occurrence: Int?, in corpus: Corpus) throws(EditError) -> Located {
        guard let found = corpus.article(article) else { throw .invalid("no article has the id “\(article)”") }
        guard let body = try? found.body.text() else { throw .unreadable("the body of \(article) cannot be read") }
        guard !quote.isEmpty else { throw .invalid("the quote is empty") }
        let places = occurrences(of: quote, in: body)
        guard !places.isEmpty else { throw .invalid("“\(quote)” is not in the text of \(article) exactly as given (case, quotation marks and dashes count; white space may be of any kind)") }
        let chosen: Range<Int>
        if let occurrence {
            guard (1...places.count).contains(occurrence) else {
                throw .invalid("“\(quote)” occurs \(places.count) time\(places.count == 1 ? "" : "s") in \(article); --occurrence must be 1 to \(places.count)")
            }
            chosen = places[occurrence - 1]
        } else {
            guard places.count == 1 else {
                throw .invalid("“\(quote)” occurs \(places.count) times in \(article): say which with --occurrence 1 to \(places.count)")
            }
            chosen = places[0]
        }
        return (body, places, chosen)
    }

    /// Where the words stand in the body (UTF-8 ranges), as the loader finds a quote: exactly, or when
    /// nowhere exactly, with any kind of white space for the quote's.
    public static func occurrences(of quote: String, in body: String) -> [Range<Int>] {
        var contiguous = body
        return contiguous.withUTF8 { haystack in
            QuoteResolver.occurrences(of: Array(quote.utf8), in: haystack) { QuoteResolver.isCharacterBoundary($0, in: body) }
        }
    }

    /// The shortest prefix (else suffix, else both), grown a word at a time, with which the words at
    /// `start` are found there and nowhere else.
    static func disambiguation(quote: String, at start: Int, in body: String) -> (prefix: String?, suffix: String?) {
        let bytes = Array(body.utf8)
        let end = start + quote.utf8.count
        func resolves(_ prefix: String?, _ suffix: String?) -> Bool {
            if case .success(let span) = QuoteResolver.resolve(quote: quote, prefix: prefix, suffix: suffix, in: body) { return span.utf8Start == start }
            return false
        }
        // Candidate contexts: the text before (after) the words, cut at word boundaries, nearest first.
        func befores() -> [String] {
            var result: [String] = []
            var cut = start
            while cut > 0 && result.count < 40 {
                cut -= 1
                while cut > 0 && (bytes[cut] & 0xC0 == 0x80 || bytes[cut - 1] != 0x20) { cut -= 1 }
                result.append(String(decoding: bytes[cut..<start], as: UTF8.self))
            }
            return result
        }
        func afters() -> [String] {
            var result: [String] = []
            var cut = end
            while cut < bytes.count && result.count < 40 {
                cut += 1
                while cut < bytes.count && (bytes[cut] & 0xC0 == 0x80 || bytes[cut - 1] != 0x20) { cut += 1 }
                result.append(String(decoding: bytes[end..<cut], as: UTF8.self))
            }
            return result
        }
        let prefixes = befores(), suffixes = afters()
        if let prefix = prefixes.first(where: { resolves($0, nil) }) { return (prefix, nil) }
        if let suffix = suffixes.first(where: { resolves(nil, $0) }) { return (nil, suffix) }
        for (prefix, suffix) in zip(prefixes, suffixes) where resolves(prefix, suffix) { return (prefix, suffix) }
        return (prefixes.last, suffixes.last)
    }

    // MARK: Actors and statements

    public static func actor(name: String, kind: String, country: String? = nil, aliases: [String] = [], id: String? = nil,
                             in corpus: Corpus) throws(EditError) -> (edit: RecordEdit, id: String) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid("an actor needs a name") }
        let base = kind == "state" && country?.count == 3 ? country!.lowercased() : slug(name, words: 3)
        let newID = try given(id, in: corpus) ?? unique(base.isEmpty ? "actor" : base, in: corpus)
        let value = JSONValue.object([
            ("id", .string(newID)), ("name", .string(name)), ("kind", .string(kind)),
            ("aliases", .strings(aliases)), ("country", country.map { JSONValue.string($0.uppercased()) }),
        ])
        return (.add(.actor, text: RecordFile.text(of: value), at: nil), newID)
    }

    public static func statement(title: String, kind: String, date: String, stance: String, forum: String? = nil, id: String? = nil,
                                 in corpus: Corpus) throws(EditError) -> (edit: RecordEdit, id: String) {
        let title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw .invalid("a statement needs a title") }
        let newID = try given(id, in: corpus) ?? unique("st-" + date + "-" + slug(title, words: 4), in: corpus)
        let value = JSONValue.object([
            ("id", .string(newID)), ("title", .string(title)), ("kind", .string(kind)), ("date", .string(date)),
            ("forum", forum.map(JSONValue.string)), ("stance", .string(stance)),
            ("leads", .list([])), ("addressees", .list([])), ("counts", .list([])), ("signatories", .list([])), ("excerpts", .list([])),
        ])
        return (.add(.statement, text: RecordFile.text(of: value), at: nil), newID)
    }

    /// The statement with what the excerpt shows added: itself, a signatory, a lead, an addressee or
    /// a count. An actor already named in that role gains the excerpt.
    public static func attach(_ part: StatementPart, excerpt: String, to statement: String, in corpus: Corpus,
                              record: JSONValue, isNew: Bool = false) throws(EditError) -> RecordEdit {
        guard isNew || corpus.statement(statement) != nil, case .object(var members) = record else { throw .invalid("no statement has the id “\(statement)”") }
        func list(_ key: String) -> [JSONNode] {
            if case .array(let nodes)? = members.first(where: { $0.key == key })?.node.value { return nodes }
            return []
        }
        func set(_ key: String, _ nodes: [JSONNode]) {
            let node = JSONNode(.array(nodes), offset: 0)
            if let index = members.firstIndex(where: { $0.key == key }) { members[index].node = node } else {
                members.append(JSONMember(key: key, keyOffset: 0, node: node))
            }
        }
        switch part {
        case .source:
            var nodes = list("excerpts")
            guard !nodes.contains(where: { if case .string(excerpt) = $0.value { return true } else { return false } }) else {
                throw .invalid("\(excerpt) is already a source of \(statement)")
            }
            nodes.append(JSONNode(.string(excerpt), offset: 0))
            set("excerpts", nodes)
        case .signatory(let actor), .lead(let actor), .addressee(let actor):
            let key = { if case .signatory = part { return "signatories" } else if case .lead = part { return "leads" } else { return "addressees" } }()
            var nodes = list(key)
            if let index = nodes.firstIndex(where: { Self.actor(of: $0.value) == actor }) {
                // Named already: the excerpt is one more source for it (a plain id becomes {actor, excerpts}).
                var excerpts: [String] = []
                if case .object(let role) = nodes[index].value, case .array(let given)? = role.first(where: { $0.key == "excerpts" })?.node.value {
                    excerpts = given.compactMap { if case .string(let id) = $0.value { return id } else { return nil } }
                }
                guard !excerpts.contains(excerpt) else { throw .invalid("\(excerpt) already names \(actor) in \(statement)") }
                nodes[index] = JSONNode(.object([("actor", .string(actor)), ("excerpts", .strings(excerpts + [excerpt]))]), offset: 0)
            } else {
                nodes.append(JSONNode(.object([("actor", .string(actor)), ("excerpts", .strings([excerpt]))]), offset: 0))
            }
            set(key, nodes)
        case .count(let value, let qualifier):
            var nodes = list("counts")
            nodes.append(JSONNode(.object([("value", .int(value)), ("qualifier", qualifier.map(JSONValue.string)), ("excerpt", .string(excerpt))]), offset: 0))
            set("counts", nodes)
        }
        return .replace(.statement, id: statement, text: RecordFile.text(of: .object(members)))
    }

    static func actor(of value: JSONValue) -> String? {
        switch value {
        case .string(let id): return id
        case .object(let members):
            if case .string(let id)? = members.first(where: { $0.key == "actor" })?.node.value { return id }
            return nil
        default: return nil
        }
    }

    // MARK: Ids

    /// An id the user gave: it must be free.
    static func given(_ id: String?, in corpus: Corpus) throws(EditError) -> String? {
        guard let id else { return nil }
        guard !id.isEmpty, corpus.kind(of: id) == nil else { throw .invalid(id.isEmpty ? "an id cannot be empty" : "the id “\(id)” is taken") }
        return id
    }

    /// An id the corpus does not have: `base`, or `base-2`, `base-3`…
    public static func unique(_ base: String, in corpus: Corpus) -> String {
        unique(base) { corpus.kind(of: $0) != nil }
    }

    /// An id not yet taken: `base`, or `base-2`, `base-3`…
    public static func unique(_ base: String, isTaken: (String) -> Bool) -> String {
        var candidate = base
        var number = 2
        while isTaken(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }

    /// Lower-case ASCII words of a text joined by hyphens (accents dropped), at most `words` of them.
    public static func slug(_ text: String, words: Int) -> String {
        var parts: [String] = []
        var current = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                current.unicodeScalars.append(scalar)
            } else if scalar >= "A" && scalar <= "Z" {
                current.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            } else if !current.isEmpty {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts.prefix(words).joined(separator: "-")
    }
}

/// A passage of an article made the source of a fact, as the explorer asks for it: the words (and
/// which occurrence), the records it is about, what it shows about a statement, and a record to
/// create first (the passage is then about it).
public struct PassageAttachment: Sendable, Equatable {
    public enum NewRecord: Sendable, Equatable {
        case actor(name: String, kind: String, country: String?, aliases: [String])
        case statement(title: String, kind: String, date: String, stance: String, forum: String?)
    }

    public var article: String
    public var quote: String
    public var occurrence: Int
    public var about: [String]
    public var statement: (id: String, part: CorpusEdits.StatementPart)?
    public var newRecord: NewRecord?

    public init(article: String, quote: String, occurrence: Int, about: [String], statement: (id: String, part: CorpusEdits.StatementPart)? = nil,
                newRecord: NewRecord? = nil) {
        self.article = article
        self.quote = quote
        self.occurrence = occurrence
        self.about = about
        self.statement = statement
        self.newRecord = newRecord
    }

    public static func == (lhs: PassageAttachment, rhs: PassageAttachment) -> Bool {
        lhs.article == rhs.article && lhs.quote == rhs.quote && lhs.occurrence == rhs.occurrence && lhs.about == rhs.about
            && lhs.statement?.id == rhs.statement?.id && lhs.statement?.part == rhs.statement?.part && lhs.newRecord == rhs.newRecord
    }

    /// The record edits: the new record (if any), the excerpt, and the statement it is attached to.
    public func edits(in corpus: Corpus, record: (RecordKind, String) -> JSONValue?) throws(EditError) -> [RecordEdit] {
        try plan(in: corpus, record: record).edits
    }

    /// The record edits, and the excerpt already quoting the passage when it is linked rather than
    /// copied (for the status line to say so).
    public func plan(in corpus: Corpus, record: (RecordKind, String) -> JSONValue?) throws(EditError) -> (edits: [RecordEdit], linked: String?) {
        var edits: [RecordEdit] = []
        var about = about
        var statement = statement
        switch newRecord {
        case .actor(let name, let kind, let country, let aliases)?:
            let made = try CorpusEdits.actor(name: name, kind: kind, country: country, aliases: aliases, in: corpus)
            edits.append(made.edit)
            about.append(made.id)
        case .statement(let title, let kind, let date, let stance, let forum)?:
            let made = try CorpusEdits.statement(title: title, kind: kind, date: date, stance: stance, forum: forum, in: corpus)
            edits.append(made.edit)
            about.append(made.id)
            statement = (made.id, .source)
        case nil: break
        }
        // An excerpt that quotes exactly this span already is linked, not copied.
        let excerpt = try CorpusEdits.excerptOrExisting(article: article, quote: quote, occurrence: occurrence, about: about, in: corpus, record: record)
        if excerpt.existing && excerpt.edits.isEmpty && statement == nil {
            throw .invalid("\(excerpt.id) already quotes these words and is about \(about.isEmpty ? "what it should be" : about.joined(separator: ", ")): nothing to add")
        }
        edits += excerpt.edits
        if let statement {
            let value: JSONValue
            if case .statement = newRecord, case .add(_, let text, _) = edits[0], let parsed = try? JSONParser.parse(Array(text.utf8)).value {
                value = parsed  // the statement made in this same edit
            } else if let existing = record(.statement, statement.id) {
                value = existing
            } else {
                throw .invalid("no statement has the id “\(statement.id)”")
            }
            let attached = try CorpusEdits.attach(statement.part, excerpt: excerpt.id, to: statement.id, in: corpus, record: value, isNew: newRecord != nil)
            // The new statement is added with its source in it, not added and then replaced.
            if case .statement = newRecord, case .replace(_, _, let text) = attached { edits[0] = .add(.statement, text: text, at: nil) } else { edits.append(attached) }
        }
        return (edits, excerpt.existing ? excerpt.id : nil)
    }
}

// MARK: Unlinking

extension CorpusEdits {
    /// Every link between an excerpt and a record taken away: the record's citations of the excerpt (a
    /// statement's source, count, signatory, lead or addressee; an event's excerpt) and the record in
    /// the excerpt's `about`. A signatory, lead or addressee that no other excerpt names goes with its
    /// last excerpt (the format wants one for each). Returns the edits and what each took away.
    public static func unlink(excerpt: String, from id: String, in corpus: Corpus,
                              record: (RecordKind, String) -> JSONValue?) throws(EditError) -> (edits: [RecordEdit], said: [String]) {
        guard corpus.excerpt(excerpt) != nil else { throw .invalid("no excerpt has the id “\(excerpt)”") }
        guard let kind = corpus.kind(of: id) else { throw .invalid("no record has the id “\(id)”") }
        var edits: [RecordEdit] = []
        var said: [String] = []
        func isExcerpt(_ node: JSONNode) -> Bool { if case .string(excerpt) = node.value { return true } else { return false } }
        if kind == .statement || kind == .event, case .object(var members)? = record(kind, id) {
            var changed = false
            for index in members.indices {
                guard case .array(let nodes) = members[index].node.value else { continue }
                var kept: [JSONNode] = []
                for node in nodes {
                    switch (members[index].key, node.value) {
                    case ("excerpts", _) where isExcerpt(node):
                        said.append("its \(kind == .statement ? "source" : "excerpt") \(excerpt)")
                        changed = true
                    case ("counts", .object(let count)) where count.contains(where: { $0.key == "excerpt" && isExcerpt($0.node) }):
                        let value = count.first { $0.key == "value" }.map { if case .number(let text) = $0.node.value { return text } else { return "?" } } ?? "?"
                        said.append("the count of \(value) from \(excerpt)")
                        changed = true
                    case ("signatories", .object(var role)), ("leads", .object(var role)), ("addressees", .object(var role)), ("declined", .object(var role)):
                        guard let listAt = role.firstIndex(where: { $0.key == "excerpts" }), case .array(let given) = role[listAt].node.value,
                              given.contains(where: isExcerpt) else {
                            kept.append(node)
                            continue
                        }
                        let actor = actor(of: node.value) ?? "?"
                        let word = ["signatories": "signatory", "leads": "lead", "addressees": "addressee", "declined": "said not to sign"][members[index].key] ?? members[index].key
                        let rest = given.filter { !isExcerpt($0) }
                        changed = true
                        if rest.isEmpty {
                            said.append("\(word) \(actor) (no other excerpt names it, so it is no longer one)")
                        } else {
                            said.append("\(excerpt) as a source of \(word) \(actor)")
                            role[listAt].node = JSONNode(.array(rest), offset: 0)
                            kept.append(JSONNode(.object(role), offset: 0))
                        }
                    default:
                        kept.append(node)
                    }
                }
                members[index].node = JSONNode(.array(kept), offset: 0)
            }
            if changed { edits.append(.replace(kind, id: id, text: RecordFile.text(of: .object(members)))) }
        }
        if corpus.excerpt(excerpt)?.about.contains(id) == true, case .object(var members)? = record(.excerpt, excerpt),
           let index = members.firstIndex(where: { $0.key == "about" }), case .array(let nodes) = members[index].node.value {
            let kept = nodes.filter { if case .string(id) = $0.value { return false } else { return true } }
            if kept.isEmpty { members.remove(at: index) } else { members[index].node = JSONNode(.array(kept), offset: 0) }
            edits.append(.replace(.excerpt, id: excerpt, text: RecordFile.text(of: .object(members))))
            said.append("\(id) from what \(excerpt) is about")
        }
        guard !edits.isEmpty else { throw .invalid("\(excerpt) and \(id) are not linked: \(id) does not cite it, and it is not about \(id)") }
        return (edits, said)
    }
}
