import CSV
import DossierModel
import Foundation

/// What `dossier export` writes: one row per fact, with what a reader needs to check it.
public enum ExportKind: String, CaseIterable, Sendable {
    case signatories, counts, actors, statements, excerpts, events, timeline
}

public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, tsv, markdown, json, annotations

    /// The format a file name asks for (`.csv`, `.tsv`, `.md`, `.json`, `.jsonld`), if any.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "jsonld": self = .annotations
        default: return nil
        }
    }
}

/// Rows with named columns, in the order a reader checks them.
public struct ExportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
}

public enum ExportError: Error, CustomStringConvertible {
    case annotationsNeedExcerpts(ExportKind)
    case writing(String)

    public var description: String {
        switch self {
        case .annotationsNeedExcerpts: return "--format annotations writes excerpts: use `dossier export excerpts --format annotations`"
        case .writing(let reason): return reason
        }
    }
}

public enum Export {
    static let sourceColumns = ["excerpt_id", "quote", "speaker", "article_id", "article_title", "publisher", "published", "url"]

    /// The source columns of one excerpt (empty when it cannot be found).
    static func source(_ excerptID: String, _ corpus: Corpus) -> [String] {
        guard let excerpt = corpus.excerpt(excerptID), let article = corpus.article(excerpt.article) else {
            return [excerptID, "", "", "", "", "", "", ""]
        }
        // Whose words they are when the article relays someone (a name, or an actor's name).
        let speaker = excerpt.speaker.map { corpus.name(of: $0) ?? $0 } ?? ""
        return [excerpt.id, excerpt.quote, speaker, article.id, article.title, article.publisher, article.published.description, article.url ?? ""]
    }

    static func names(_ ids: [String], _ corpus: Corpus) -> String {
        ids.map { corpus.name(of: $0) ?? $0 }.joined(separator: "; ")
    }

    /// The rows of one kind; `only` keeps the records (statements, actors…) a screen shows, in its order.
    public static func table(_ kind: ExportKind, corpus: Corpus, only: [String]? = nil) -> ExportTable {
        func kept<T>(_ list: RecordList<T>, _ id: (T) -> String) -> [T] {
            let records = list.array
            guard let only else { return records }
            let byID = Dictionary(records.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
            return only.compactMap { byID[$0] }
        }
        let statementColumns = ["statement_id", "statement_title", "statement_date", "stance"]
        func statementCells(_ statement: Statement) -> [String] {
            [statement.id, statement.title, statement.date.description, statement.stance.rawValue]
        }
        switch kind {
        case .signatories:
            var rows: [[String]] = []
            var supplied: [String] = []
            for statement in kept(corpus.statements, \.id) {
                // Those named as signing, then those a source says did not sign, each row with its source;
                // `signed` tells them apart ("signed", or "did-not-sign", "voted-against", "abstained").
                let entries = statement.signatories.map { ($0.actor, $0.excerpts, "signed") } + statement.declined.map { ($0.actor, $0.excerpts, $0.how.rawValue) }
                for (actorID, excerpts, signed) in entries {
                    let actor = corpus.actor(actorID)
                    let actorCells = [actorID, actor?.name ?? "", actor?.kind.rawValue ?? "", actor?.country ?? ""]
                    let notes = [statement.supplied.map { "statement: " + $0.summary }, actor?.supplied.map { "actor: " + $0.summary }]
                    for excerpt in excerpts.isEmpty ? [""] : excerpts {
                        rows.append(statementCells(statement) + actorCells + (excerpt.isEmpty ? Array(repeating: "", count: sourceColumns.count) : source(excerpt, corpus)) + [signed])
                        supplied.append(notes.compactMap { $0 }.joined(separator: "; "))
                    }
                }
            }
            return withSuppliedColumn(ExportTable(columns: statementColumns + ["actor_id", "actor_name", "actor_kind", "iso3"] + sourceColumns + ["signed"], rows: rows), supplied)
        case .counts:
            let statements = kept(corpus.statements, \.id)
            let rows = statements.flatMap { statement in
                statement.counts.map { count in
                    statementCells(statement) + [String(count.value), count.qualifier.rawValue] + source(count.excerpt, corpus)
                }
            }
            let supplied = statements.flatMap { statement in statement.counts.map { _ in statement.supplied?.summary ?? "" } }
            return withSuppliedColumn(ExportTable(columns: statementColumns + ["value", "qualifier"] + sourceColumns, rows: rows), supplied)
        case .actors:
            let actors = kept(corpus.actors, \.id)
            let rows = actors.map { actor in
                [actor.id, actor.name, actor.kind.rawValue, actor.country ?? "", actor.aliases.joined(separator: "; "), actor.role ?? "",
                 names(actor.affiliations, corpus), String(corpus.excerptsAbout[actor.id, default: []].count)]
            }
            return withExtraColumns(ExportTable(columns: ["id", "name", "kind", "iso3", "aliases", "role", "affiliations", "excerpts"], rows: rows), actors.map(\.extra), supplied: actors.map(\.supplied))
        case .statements:
            let statements = kept(corpus.statements, \.id)
            let rows = statements.map { statement in
                [statement.id, statement.title, statement.kind.rawValue, statement.date.description, statement.stance.rawValue,
                 statement.forum.map { names([$0], corpus) } ?? "", names(statement.leads, corpus), names(statement.addressees, corpus),
                 String(Set(statement.signatories.map(\.actor)).count), statement.counts.map(RecordText.qualified).joined(separator: "; ")]
            }
            return withExtraColumns(ExportTable(columns: ["id", "title", "kind", "date", "stance", "forum", "leads", "addressees", "named", "declared"], rows: rows),
                                    statements.map(\.extra), supplied: statements.map(\.supplied))
        case .excerpts:
            let excerpts = kept(corpus.excerpts, \.id)
            let rows = excerpts.map { excerpt in
                source(excerpt.id, corpus) + [String(excerpt.span.start), String(excerpt.span.end), names(excerpt.about, corpus)]
            }
            return withExtraColumns(ExportTable(columns: sourceColumns + ["start", "end", "about"], rows: rows), excerpts.map(\.extra), supplied: excerpts.map(\.supplied))
        case .events:
            let events = kept(corpus.events, \.id)
            let rows = events.map { event in
                [event.id, event.date.description, event.title, names(event.actors, corpus), names(event.statements, corpus),
                 event.excerpts.joined(separator: "; ")]
            }
            return withExtraColumns(ExportTable(columns: ["id", "date", "title", "actors", "statements", "excerpts"], rows: rows), events.map(\.extra), supplied: events.map(\.supplied))
        case .timeline:
            let index = ExplorerIndex(corpus: corpus)
            let ids = only ?? index.timeline
            var supplied: [String] = []
            let rows: [[String]] = ids.compactMap { id in
                if let statement = corpus.statement(id) {
                    supplied.append(statement.supplied?.summary ?? "")
                    return [statement.date.description, "statement", id, statement.title, statement.stance.rawValue]
                }
                if let event = corpus.event(id) {
                    supplied.append(event.supplied?.summary ?? "")
                    return [event.date.description, "event", id, event.title, ""]
                }
                return nil
            }
            return withSuppliedColumn(ExportTable(columns: ["date", "kind", "id", "title", "stance"], rows: rows), supplied)
        }
    }

    /// What the articles do not state about each row's facts (its statement's, its actor's `supplied`
    /// notes), in a column of its own when any row has some.
    static func withSuppliedColumn(_ table: ExportTable, _ supplied: [String]) -> ExportTable {
        guard supplied.contains(where: { !$0.isEmpty }) else { return table }
        var table = table
        table.columns.append("supplied")
        for index in table.rows.indices { table.rows[index].append(supplied[index]) }
        return table
    }

    /// A table of one row per record gains a column for each of the records' own `x-` fields, in the
    /// order the keys first appear; a record without one has an empty cell.
    static func withExtraColumns(_ table: ExportTable, _ extra: [[ExtraField]], supplied: [Supplied?] = []) -> ExportTable {
        var table = table
        // What the articles do not state, said in a column of its own when any record has it.
        if supplied.contains(where: { $0 != nil }) {
            table.columns.append("supplied")
            for index in table.rows.indices { table.rows[index].append(supplied[index]?.summary ?? "") }
        }
        var keys: [String] = []
        var seen: Set<String> = []
        for fields in extra { for field in fields where seen.insert(field.key).inserted { keys.append(field.key) } }
        guard !keys.isEmpty else { return table }
        var result = table
        result.columns += keys
        for (index, fields) in extra.enumerated() {
            let byKey = Dictionary(fields.map { ($0.key, $0.text) }, uniquingKeysWith: { first, _ in first })
            result.rows[index] += keys.map { byKey[$0] ?? "" }
        }
        return result
    }

    /// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
    /// before one) starts with an apostrophe instead: CSV injection (OWASP) is refused at the source.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    /// A table as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted),
    /// TSV (tabs and line breaks in a cell become spaces), a Markdown table, or JSON (an array of objects).
    /// CSV, TSV and Markdown are read by people (on a terminal, in a viewer, pasted): a control
    /// character or escape sequence from the data is written as its visible placeholder (`SafeText`),
    /// wherever the text goes; every printable character is kept as it is. JSON escapes them.
    public static func render(_ table: ExportTable, as format: ExportFormat) throws -> String {
        var table = table
        if format == .csv || format == .tsv || format == .markdown {
            table.columns = table.columns.map(SafeText.block)
            table.rows = table.rows.map { $0.map(SafeText.block) }
        }
        switch format {
        case .csv:
            let writer = try CSVWriter(stream: .toMemory(), delimiter: ",", newline: .crlf)
            try writer.write(row: table.columns)
            for row in table.rows { try writer.write(row: row.map(neutralised)) }
            writer.stream.close()
            guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
                throw ExportError.writing("the CSV writer gave no output")
            }
            return String(decoding: data, as: UTF8.self) + "\r\n"
        case .tsv:
            func cell(_ text: String) -> String {
                neutralised(String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 }))
            }
            return ([table.columns] + table.rows).map { $0.map(cell).joined(separator: "\t") }.joined(separator: "\n") + "\n"
        case .markdown:
            func cell(_ text: String) -> String {
                text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                    .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "<br>")
            }
            var text = "| " + table.columns.map(cell).joined(separator: " | ") + " |\n"
            text += "|" + table.columns.map { _ in "---|" }.joined() + "\n"
            for row in table.rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            return text
        case .json:
            let objects = table.rows.map { row in JSONValue.object(zip(table.columns, row).map { ($0, JSONValue.string($1)) }) }
            return JSONWriter.write(.list(objects)) + "\n"
        case .annotations:
            throw ExportError.writing("annotations are written by Export.annotations")
        }
    }

    /// Excerpts as a W3C Web Annotation collection (JSON-LD): each annotation targets its article with a
    /// TextQuoteSelector (the exact quote, with up to 32 characters before and after) and a
    /// TextPositionSelector (code points), and its body names the records the excerpt supports.
    /// Reads the bodies, from their file for a corpus kept there.
    public static func annotations(_ excerptIDs: [String]? = nil, corpus: Corpus,
                                   body read: (Article) throws(ArticleBody.Unreadable) -> String) throws(ArticleBody.Unreadable) -> String {
        var items: [JSONValue] = []
        let excerpts = excerptIDs.map { $0.compactMap(corpus.excerpt) } ?? corpus.excerpts.array
        for excerpt in excerpts {
            // An excerpt marking no span has no place to point at.
            guard excerpt.anchor != .unanchored, let article = corpus.article(excerpt.article) else { continue }
            let body = try read(article)
            let scalars = body.unicodeScalars
            let start = scalars.index(scalars.startIndex, offsetBy: excerpt.span.start)
            let end = scalars.index(scalars.startIndex, offsetBy: excerpt.span.end)
            let prefix = String(String.UnicodeScalarView(scalars[..<start].suffix(32)))
            let suffix = String(String.UnicodeScalarView(scalars[end...].prefix(32)))
            var records = excerpt.about
            for record in corpus.recordsCiting[excerpt.id, default: []].sorted() where !records.contains(record) { records.append(record) }
            let bodies: [JSONValue] = records.map { record in
                .object([("type", .string("TextualBody")), ("purpose", .string("tagging")),
                         ("value", .string("\(corpus.kind(of: record)?.rawValue ?? "record"): \(corpus.name(of: record) ?? record) [\(record)]"))])
            }
            items.append(.object([
                ("id", .string("urn:dossier:excerpt:\(excerpt.id)")),
                ("type", .string("Annotation")),
                ("motivation", .string("highlighting")),
                ("body", bodies.isEmpty ? nil : .list(bodies)),
                ("target", .object([
                    ("source", .string(article.url ?? "urn:dossier:article:\(article.id)")),
                    ("selector", .list([
                        // The article's own characters (a misquote's too), as every output has them.
                        .object([("type", .string("TextQuoteSelector")), ("exact", .string(excerpt.quote)),
                                 ("prefix", .string(prefix)), ("suffix", .string(suffix))]),
                        .object([("type", .string("TextPositionSelector")), ("start", .int(excerpt.span.start)), ("end", .int(excerpt.span.end))]),
                    ])),
                ])),
            ]))
        }
        let collection = JSONValue.object([
            ("@context", .string("http://www.w3.org/ns/anno.jsonld")),
            ("type", .string("AnnotationCollection")),
            ("label", .string("Dossier excerpts")),
            ("total", .int(items.count)),
            ("first", .object([("type", .string("AnnotationPage")), ("items", .list(items))])),
        ])
        return JSONWriter.write(collection) + "\n"
    }
}
