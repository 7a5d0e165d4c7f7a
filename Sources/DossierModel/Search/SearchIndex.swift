/// Search over everything in a corpus: article bodies and titles, excerpt quotes, statement and event
/// titles, actor names and aliases. Case- and accent-insensitive (see `Fold`), substring matching, so
/// it works the same for CJK text, which has no spaces to split words on.
public struct SearchIndex: Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case body, title, quote, name, alias
    }

    /// One place a query matched.
    public struct Hit: Sendable, Equatable {
        public var kind: RecordKind
        public var id: String
        public var field: Field
        /// The match in the field's original text, in UTF-8 bytes.
        public var utf8Range: Range<Int>
        /// The same in Unicode code points, as excerpt spans are given in JSON output.
        public var scalarRange: Range<Int>
        /// A line of context around the match (line breaks shown as spaces) and the match within it,
        /// in characters of the context.
        public var context: String
        public var highlight: Range<Int>
    }

    struct Document: Sendable {
        var kind: RecordKind
        var id: String
        var field: Field
        var text: String
        var folded: FoldedText
    }

    let documents: [Document]

    /// The order in which groups are listed: where an analyst most often wants to land first.
    public static let groupOrder: [RecordKind] = [.article, .excerpt, .statement, .actor, .event]

    public init(corpus: Corpus) {
        var documents: [Document] = []
        func add(_ kind: RecordKind, _ id: String, _ field: Field, _ text: String) {
            documents.append(Document(kind: kind, id: id, field: field, text: text, folded: FoldedText(text)))
        }
        for article in corpus.articles {
            add(.article, article.id, .title, article.title)
            add(.article, article.id, .body, article.body)
        }
        for excerpt in corpus.excerpts { add(.excerpt, excerpt.id, .quote, excerpt.quote) }
        for statement in corpus.statements { add(.statement, statement.id, .title, statement.title) }
        for actor in corpus.actors {
            add(.actor, actor.id, .name, actor.name)
            for alias in actor.aliases { add(.actor, actor.id, .alias, alias) }
        }
        for event in corpus.events { add(.event, event.id, .title, event.title) }
        self.documents = documents
    }

    /// All hits for a query, grouped in `groupOrder`, each group in corpus order; at most `limit` a group.
    public func search(_ query: String, limitPerGroup limit: Int = 500) -> [Hit] {
        let needle = Array(Fold.fold(query).utf8)
        guard !needle.isEmpty, !needle.allSatisfy({ $0 == 0x20 }) else { return [] }
        var groups: [RecordKind: [Hit]] = [:]
        for document in documents {
            let room = limit - (groups[document.kind]?.count ?? 0)
            guard room > 0 else { continue }
            for range in document.folded.matches(of: needle, limit: room) {
                groups[document.kind, default: []].append(hit(in: document, range))
            }
        }
        return SearchIndex.groupOrder.flatMap { groups[$0] ?? [] }
    }

    func hit(in document: Document, _ range: Range<Int>) -> Hit {
        let text = document.text
        let utf8 = text.utf8
        let start = String.Index(utf8.index(utf8.startIndex, offsetBy: range.lowerBound), within: text) ?? text.startIndex
        let end = String.Index(utf8.index(utf8.startIndex, offsetBy: range.upperBound), within: text) ?? text.endIndex
        let before = text[..<start].suffix(40)
        let match = text[start..<end]
        let after = text[end...].prefix(60)
        func flat(_ part: Substring) -> String {
            String(part.map { $0.isNewline ? " " : $0 })
        }
        let lead = (before.startIndex > text.startIndex ? "…" : "") + flat(before)
        let context = lead + flat(match) + flat(after) + (after.endIndex < text.endIndex ? "…" : "")
        let highlightStart = lead.count
        let scalarStart = text.unicodeScalars[..<start].count
        let scalarEnd = scalarStart + match.unicodeScalars.count
        return Hit(kind: document.kind, id: document.id, field: document.field, utf8Range: range, scalarRange: scalarStart..<scalarEnd,
                   context: context, highlight: highlightStart..<(highlightStart + match.count))
    }

    /// The matches of a query in one text (the reader's n/N), as UTF-8 ranges.
    public static func matches(of query: String, in text: String) -> [Range<Int>] {
        let needle = Array(Fold.fold(query).utf8)
        return FoldedText(text).matches(of: needle)
    }
}
