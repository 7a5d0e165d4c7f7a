/// The records as objects of the data format (docs/data-format.md), for `--format json`. Keys come in the
/// format's order; optional fields that are absent are left out; excerpts gain their resolved
/// `start` and `end` (Unicode scalar offsets into the article body, end exclusive).
public enum RecordJSON {
    /// Reads the body, from its file for a corpus kept there.
    public static func value(of article: Article) throws(ArticleBody.Unreadable) -> JSONValue {
        .object([
            ("id", .string(article.id)),
            ("title", .string(article.title)),
            ("publisher", .string(article.publisher)),
            ("published", .string(article.published.description)),
            ("url", article.url.map(JSONValue.string)),
            ("authors", .strings(article.authors)),
            ("body", .string(try article.body.text())),
        ] + extra(article.extra, supplied: article.supplied))
    }

    public static func value(of actor: Actor) -> JSONValue {
        .object([
            ("id", .string(actor.id)),
            ("name", .string(actor.name)),
            ("kind", .string(actor.kind.rawValue)),
            ("aliases", .strings(actor.aliases)),
            ("country", actor.country.map(JSONValue.string)),
            ("affiliations", .strings(actor.affiliations)),
            ("role", actor.role.map(JSONValue.string)),
        ] + extra(actor.extra, supplied: actor.supplied))
    }

    public static func value(of statement: Statement) -> JSONValue {
        .object([
            ("id", .string(statement.id)),
            ("title", .string(statement.title)),
            ("kind", .string(statement.kind.rawValue)),
            ("date", .string(statement.date.description)),
            ("forum", statement.forum.map(JSONValue.string)),
            ("stance", .string(statement.stance.rawValue)),
            ("leads", roles(statement.leads, statement.leadExcerpts)),
            ("addressees", roles(statement.addressees, statement.addresseeExcerpts)),
            ("counts", .list(statement.counts.map { count in
                .object([
                    ("value", .int(count.value)),
                    ("qualifier", .string(count.qualifier.rawValue)),
                    ("excerpt", .string(count.excerpt)),
                ])
            })),
            ("signatories", .list(statement.signatories.map { signatory in
                .object([("actor", .string(signatory.actor)), ("excerpts", .strings(signatory.excerpts))])
            })),
            // Only when a source says someone did not sign.
            ("declined", statement.declined.isEmpty ? nil : .list(statement.declined.map { entry in
                .object([("actor", .string(entry.actor)), ("how", .string(entry.how.rawValue)), ("excerpts", .strings(entry.excerpts))])
            })),
            ("excerpts", .strings(statement.excerpts)),
        ] + extra(statement.extra, supplied: statement.supplied))
    }

    public static func value(of event: Event) -> JSONValue {
        .object([
            ("id", .string(event.id)),
            ("date", .string(event.date.description)),
            ("title", .string(event.title)),
            ("actors", .strings(event.actors)),
            ("statements", .strings(event.statements)),
            ("excerpts", .strings(event.excerpts)),
        ] + extra(event.extra, supplied: event.supplied))
    }

    public static func value(of excerpt: Excerpt) -> JSONValue {
        .object([
            ("id", .string(excerpt.id)),
            ("article", .string(excerpt.article)),
            ("quote", .string(excerpt.quote)),
            ("prefix", excerpt.prefix.map(JSONValue.string)),
            ("suffix", excerpt.suffix.map(JSONValue.string)),
            ("about", .strings(excerpt.about)),
            ("speaker", excerpt.speaker.map(JSONValue.string)),
            ("start", .int(excerpt.span.start)),
            ("end", .int(excerpt.span.end)),
            // Only when not exact: a misquote's anchor, and the file's words where the article's differ.
            ("anchor", excerpt.anchor == .exact ? nil : .string(excerpt.anchor.rawValue)),
            ("stored", excerpt.storedQuote.map(JSONValue.string)),
        ] + extra(excerpt.extra, supplied: excerpt.supplied))
    }

    /// Roles as written: `{actor, excerpts}` for one an excerpt names, a plain id for one none does.
    static func roles(_ actors: [String], _ excerpts: [String: [String]]) -> JSONValue {
        .list(actors.map { actor in
            excerpts[actor].map { .object([("actor", .string(actor)), ("excerpts", .strings($0))]) } ?? .string(actor)
        })
    }

    /// The user's own `x-` fields, after the format's, as they were written; `supplied` before them.
    static func extra(_ fields: [ExtraField], supplied: Supplied? = nil) -> [(String, JSONValue?)] {
        var pairs: [(String, JSONValue?)] = []
        if let supplied {
            pairs.append(("supplied", supplied.record.map(JSONValue.string)
                ?? .object(supplied.fields.map { ($0.field, JSONValue.string($0.note)) })))
        }
        return pairs + fields.map { ($0.key, $0.value) }
    }

    /// Any record by id, or nil when the corpus has no such id.
    public static func value(ofRecord id: String, in corpus: Corpus) throws(ArticleBody.Unreadable) -> JSONValue? {
        switch corpus.kind(of: id) {
        case .article: return try corpus.article(id).map { (article) throws(ArticleBody.Unreadable) in try value(of: article) }
        case .actor: return corpus.actor(id).map(value(of:))
        case .statement: return corpus.statement(id).map(value(of:))
        case .event: return corpus.event(id).map(value(of:))
        case .excerpt: return corpus.excerpt(id).map(value(of:))
        case nil: return nil
        }
    }

    public static func values(of kind: RecordKind, in corpus: Corpus) throws(ArticleBody.Unreadable) -> [JSONValue] {
        switch kind {
        case .article: return try corpus.articles.map { (article) throws(ArticleBody.Unreadable) in try value(of: article) }
        case .actor: return corpus.actors.map(value(of:))
        case .statement: return corpus.statements.map(value(of:))
        case .event: return corpus.events.map(value(of:))
        case .excerpt: return corpus.excerpts.map(value(of:))
        }
    }
}
