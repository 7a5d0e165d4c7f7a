import DossierCorpus
import DossierStore
/// Each record of the persistent index as it is written and read back, the two side by side so a
/// change to one is seen beside the other (the format is `CorpusIndex.formatVersion`: a change of
/// meaning raises it). Strings are length-prefixed UTF-8, counts varints (`IndexWriter`, `IndexReader`).
extension CorpusIndex {
    // MARK: Article

    /// The record of one article, as `decodeArticle` reads it back.
    static func encodeArticle(_ article: Article, into writer: inout IndexWriter) {
        writer.string(article.id)
        encode(article.supplied, &writer)
        encode(article.extra, &writer)
        writer.string(article.title)
        writer.string(article.publisher)
        encode(article.published, &writer)
        writer.optional(article.url)
        writer.strings(article.authors)
        switch article.body.source {
        case .text(let text):
            writer.u8(0)
            writer.string(text)
        case .stored(_, let span):
            writer.u8(1)
            writer.count(span.range.lowerBound)
            writer.count(span.range.count)
            writer.u8((span.hasEscapes ? 1 : 0) | (span.mayBeBlank ? 2 : 0))
        }
    }

    @Sendable static func decodeArticle(_ reader: inout IndexReader, _ store: StoredCorpus) throws(IndexUnusable) -> Article {
        let id = try reader.string()
        let supplied = try decodeSupplied(&reader)
        let extra = try decodeExtra(&reader)
        let title = try reader.string()
        let publisher = try reader.string()
        let published = try decodeDate(&reader)
        let url = try reader.optional()
        let authors = try reader.strings()
        let body: ArticleBody
        switch try reader.u8() {
        case 0: body = ArticleBody(try reader.string())
        case 1:
            let start = try reader.count()
            let length = try reader.count()
            let flags = try reader.u8()
            guard let articlesFile = store.articles, start <= Int.max - length else { throw IndexUnusable("the index file is damaged (a body with no file)") }
            body = ArticleBody(stored: articlesFile.storage, JSONStringSpan(range: start..<(start + length), hasEscapes: flags & 1 != 0, mayBeBlank: flags & 2 != 0))
        default: throw IndexUnusable("the index file is damaged (an unknown body)")
        }
        var article = Article(id: id, title: title, publisher: publisher, published: published, url: url, authors: authors, body: body)
        article.supplied = supplied
        article.extra = extra
        return article
    }

    // MARK: Actor

    /// The record of one actor, as `decodeActor` reads it back.
    static func encodeActor(_ actor: Actor, into writer: inout IndexWriter) {
        writer.string(actor.id)
        encode(actor.supplied, &writer)
        encode(actor.extra, &writer)
        writer.string(actor.name)
        writer.string(actor.kind.rawValue)
        writer.strings(actor.aliases)
        writer.optional(actor.country)
        writer.strings(actor.affiliations)
        writer.optional(actor.role)
    }

    @Sendable static func decodeActor(_ reader: inout IndexReader, _ store: StoredCorpus) throws(IndexUnusable) -> Actor {
        let id = try reader.string()
        let supplied = try decodeSupplied(&reader)
        let extra = try decodeExtra(&reader)
        let name = try reader.string()
        let kind = try decodeEnum(ActorKind.self, &reader)
        var actor = Actor(id: id, name: name, kind: kind, aliases: try reader.strings(), country: try reader.optional(),
                          affiliations: try reader.strings(), role: try reader.optional())
        actor.supplied = supplied
        actor.extra = extra
        return actor
    }

    // MARK: Statement

    /// The record of one statement, as `decodeStatement` reads it back.
    static func encodeStatement(_ statement: Statement, into writer: inout IndexWriter) {
        writer.string(statement.id)
        encode(statement.supplied, &writer)
        encode(statement.extra, &writer)
        writer.string(statement.title)
        writer.string(statement.kind.rawValue)
        encode(statement.date, &writer)
        writer.optional(statement.forum)
        writer.string(statement.stance.rawValue)
        writer.strings(statement.leads)
        writer.strings(statement.addressees)
        // The dictionaries are written in the order of their roles, so the file is the same each time.
        for (roles, excerpts) in [(statement.leads, statement.leadExcerpts), (statement.addressees, statement.addresseeExcerpts)] {
            let keys = roles.filter { excerpts[$0] != nil } + excerpts.keys.filter { !roles.contains($0) }.sorted()
            writer.count(keys.count)
            for key in keys {
                writer.string(key)
                writer.strings(excerpts[key] ?? [])
            }
        }
        writer.count(statement.counts.count)
        for count in statement.counts {
            writer.int(count.value)
            writer.string(count.qualifier.rawValue)
            writer.string(count.excerpt)
        }
        writer.count(statement.signatories.count)
        for signatory in statement.signatories {
            writer.string(signatory.actor)
            writer.strings(signatory.excerpts)
        }
        writer.count(statement.declined.count)
        for entry in statement.declined {
            writer.string(entry.actor)
            writer.string(entry.how.rawValue)
            writer.strings(entry.excerpts)
        }
        writer.strings(statement.excerpts)
    }

    @Sendable static func decodeStatement(_ reader: inout IndexReader, _ store: StoredCorpus) throws(IndexUnusable) -> Statement {
        let id = try reader.string()
        let supplied = try decodeSupplied(&reader)
        let extra = try decodeExtra(&reader)
        let title = try reader.string()
        let kind = try decodeEnum(StatementKind.self, &reader)
        let date = try decodeDate(&reader)
        let forum = try reader.optional()
        let stance = try decodeEnum(Stance.self, &reader)
        var statement = Statement(id: id, title: title, kind: kind, date: date, forum: forum, stance: stance,
                                  leads: try reader.strings(), addressees: try reader.strings())
        statement.supplied = supplied
        statement.extra = extra
        for role in 0..<2 {
            var excerpts: [String: [String]] = [:]
            for _ in 0..<(try reader.count(ofAtLeast: 2)) { excerpts[try reader.string()] = try reader.strings() }
            if role == 0 { statement.leadExcerpts = excerpts } else { statement.addresseeExcerpts = excerpts }
        }
        for _ in 0..<(try reader.count(ofAtLeast: 10)) {
            statement.counts.append(SignatoryCount(value: try reader.int(), qualifier: try decodeEnum(CountQualifier.self, &reader), excerpt: try reader.string()))
        }
        let signatoryCount = try reader.count(ofAtLeast: 2)
        statement.signatories.reserveCapacity(signatoryCount)
        for _ in 0..<signatoryCount { statement.signatories.append(Signatory(actor: try reader.string(), excerpts: try reader.strings())) }
        for _ in 0..<(try reader.count(ofAtLeast: 3)) {
            statement.declined.append(Declined(actor: try reader.string(), how: try decodeEnum(DeclineKind.self, &reader), excerpts: try reader.strings()))
        }
        statement.excerpts = try reader.strings()
        return statement
    }

    // MARK: Event

    /// The record of one event, as `decodeEvent` reads it back.
    static func encodeEvent(_ event: Event, into writer: inout IndexWriter) {
        writer.string(event.id)
        encode(event.supplied, &writer)
        encode(event.extra, &writer)
        encode(event.date, &writer)
        writer.string(event.title)
        writer.strings(event.actors)
        writer.strings(event.statements)
        writer.strings(event.excerpts)
    }

    @Sendable static func decodeEvent(_ reader: inout IndexReader, _ store: StoredCorpus) throws(IndexUnusable) -> Event {
        let id = try reader.string()
        let supplied = try decodeSupplied(&reader)
        let extra = try decodeExtra(&reader)
        var event = Event(id: id, date: try decodeDate(&reader), title: try reader.string(), actors: try reader.strings(),
                          statements: try reader.strings(), excerpts: try reader.strings())
        event.supplied = supplied
        event.extra = extra
        return event
    }

    // MARK: Excerpt

    /// The record of one excerpt, as `decodeExcerpt` reads it back.
    static func encodeExcerpt(_ excerpt: Excerpt, into writer: inout IndexWriter) {
        writer.string(excerpt.id)
        encode(excerpt.supplied, &writer)
        encode(excerpt.extra, &writer)
        writer.string(excerpt.article)
        writer.string(excerpt.quote)
        writer.optional(excerpt.prefix)
        writer.optional(excerpt.suffix)
        writer.strings(excerpt.about)
        writer.optional(excerpt.speaker)
        writer.count(excerpt.span.start)
        writer.count(excerpt.span.end)
        writer.count(excerpt.span.utf8Start)
        writer.count(excerpt.span.utf8End)
        writer.string(excerpt.anchor.rawValue)
        writer.optional(excerpt.storedQuote)
    }

    @Sendable static func decodeExcerpt(_ reader: inout IndexReader, _ store: StoredCorpus) throws(IndexUnusable) -> Excerpt {
        let id = try reader.string()
        let supplied = try decodeSupplied(&reader)
        let extra = try decodeExtra(&reader)
        var excerpt = Excerpt(id: id, article: try reader.string(), quote: try reader.string(), prefix: try reader.optional(),
                              suffix: try reader.optional(), about: try reader.strings())
        excerpt.speaker = try reader.optional()
        excerpt.span = TextSpan(start: try reader.count(), end: try reader.count(), utf8Start: try reader.count(), utf8End: try reader.count())
        excerpt.anchor = try decodeEnum(Anchor.self, &reader)
        excerpt.storedQuote = try reader.optional()
        excerpt.supplied = supplied
        excerpt.extra = extra
        return excerpt
    }

    // MARK: The parts records share

    static func encode(_ supplied: Supplied?, _ writer: inout IndexWriter) {
        guard let supplied else { return writer.u8(0) }
        writer.u8(1)
        writer.optional(supplied.record)
        writer.count(supplied.fields.count)
        for field in supplied.fields {
            writer.string(field.field)
            writer.string(field.note)
        }
    }

    static func decodeSupplied(_ reader: inout IndexReader) throws(IndexUnusable) -> Supplied? {
        guard try reader.u8() == 1 else { return nil }
        var supplied = Supplied(record: try reader.optional())
        for _ in 0..<(try reader.count(ofAtLeast: 2)) { supplied.fields.append((try reader.string(), try reader.string())) }
        return supplied
    }

    static func encode(_ extra: [ExtraField], _ writer: inout IndexWriter) {
        writer.count(extra.count)
        for field in extra {
            writer.string(field.key)
            writer.string(field.json)
        }
    }

    static func decodeExtra(_ reader: inout IndexReader) throws(IndexUnusable) -> [ExtraField] {
        let total = try reader.count(ofAtLeast: 2)
        guard total > 0 else { return [] }
        var fields: [ExtraField] = []
        for _ in 0..<total {
            let key = try reader.string()
            guard let value = try? JSONParser.parse(Array(try reader.string().utf8)).value else {
                throw IndexUnusable("the index file is damaged (a field of its own that is not JSON)")
            }
            fields.append(ExtraField(key: key, value: value))
        }
        return fields
    }

    static func encode(_ date: PartialDate, _ writer: inout IndexWriter) {
        writer.count(date.year)
        writer.count(date.month ?? 0)
        writer.count(date.day ?? 0)
    }

    static func decodeDate(_ reader: inout IndexReader) throws(IndexUnusable) -> PartialDate {
        let year = try reader.count()
        let month = try reader.count()
        let day = try reader.count()
        var date = PartialDate(year: year)
        if month > 0 { date.month = month }
        if day > 0 { date.day = day }
        return date
    }

    static func decodeEnum<T: RawRepresentable>(_ type: T.Type, _ reader: inout IndexReader) throws(IndexUnusable) -> T where T.RawValue == String {
        guard let value = T(rawValue: try reader.string()) else { throw IndexUnusable("the index file is damaged (an unknown \(T.self))") }
        return value
    }
}
