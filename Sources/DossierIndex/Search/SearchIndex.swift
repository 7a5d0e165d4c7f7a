import DossierCorpus
import DossierStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Search over everything in a corpus: article bodies and titles, excerpt quotes, statement and event
/// titles, actor names and aliases. Case- and accent-insensitive (see `Fold`), substring matching, so
/// it works the same for CJK text, which has no spaces to split words on.
///
/// All documents are folded once into contiguous buffers (the articles, which can be folded while the
/// rest of a corpus still loads, then everything else), in the order results are listed, so a query is
/// one left-to-right scan that yields hits already grouped. A hit's offsets in the original text are
/// worked out when asked for (only for the hits shown), by folding its document again up to the match.
public struct SearchIndex: Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case body, title, quote, name, alias
    }

    /// One place a query matched. The context line and code-point offsets are worked out when asked
    /// for, so a query with thousands of hits costs only what the screen shows.
    public struct Hit: Sendable, Equatable {
        public var kind: RecordKind
        public var id: String
        public var field: Field
        /// Where the field's text is: read from the corpus only for the hits shown (an article body
        /// kept in its file, or a record kept in the persistent index, costs nothing until then).
        let documents: Documents
        let documentNumber: Int
        /// The match in the folded buffer, and the document's number in it.
        let folded: Range<Int>
        let buffer: FoldedBuffer
        let document: Int

        /// The same match: the same place in the same field.
        public static func == (lhs: Hit, rhs: Hit) -> Bool {
            lhs.kind == rhs.kind && lhs.id == rhs.id && lhs.field == rhs.field && lhs.folded == rhs.folded
        }

        /// The text of the field matched.
        public func text() throws(ArticleBody.Unreadable) -> String { try documents.text(of: documentNumber).text() }

        /// The field's text as the corpus keeps it: in memory, or (an article's body) in its file.
        public var source: ArticleBody { documents.text(of: documentNumber) }

        /// The match in the field's original text, in UTF-8 bytes, widened to whole characters; empty
        /// for a body that cannot be read any more.
        public var utf8Range: Range<Int> {
            (try? text()).map(utf8Range(in:)) ?? 0..<0
        }

        /// `utf8Range` in the field's text, read already.
        public func utf8Range(in text: String) -> Range<Int> {
            buffer.originalRange(of: folded, in: document, text: text)
        }

        func bounds(in text: String) -> (start: String.Index, end: String.Index) {
            let utf8Range = utf8Range(in: text)
            let utf8 = text.utf8
            let start = String.Index(utf8.index(utf8.startIndex, offsetBy: utf8Range.lowerBound), within: text) ?? text.startIndex
            let end = String.Index(utf8.index(utf8.startIndex, offsetBy: utf8Range.upperBound), within: text) ?? text.endIndex
            return (start, end)
        }

        /// The match in Unicode code points, as excerpt spans are given in JSON output.
        public func scalarRange() throws(ArticleBody.Unreadable) -> Range<Int> {
            let text = try text()
            let (start, end) = bounds(in: text)
            let scalarStart = text.unicodeScalars[..<start].count
            return scalarStart..<(scalarStart + text.unicodeScalars[start..<end].count)
        }

        /// A line of context around the match (line breaks shown as spaces) and the match within it,
        /// in characters of the context. A body that cannot be read any more gives the reason instead,
        /// with nothing highlighted.
        public var context: String { contextAndHighlight.context }
        public var highlight: Range<Int> { contextAndHighlight.highlight }

        public var contextAndHighlight: (context: String, highlight: Range<Int>) {
            contextAndHighlight(in: Swift.Result { () throws(ArticleBody.Unreadable) in try self.text() })
        }

        /// `contextAndHighlight` from the field's text, read already (or why it could not be).
        public func contextAndHighlight(in read: Swift.Result<String, ArticleBody.Unreadable>) -> (context: String, highlight: Range<Int>) {
            let text: String
            switch read {
            case .success(let read): text = read
            case .failure(let error): return (error.description, 0..<0)
            }
            let (start, end) = bounds(in: text)
            let before = text[..<start].suffix(40)
            let match = text[start..<end]
            let after = text[end...].prefix(60)
            func flat(_ part: Substring) -> String {
                String(part.map { $0.isNewline ? " " : $0 })
            }
            let lead = (before.startIndex > text.startIndex ? "…" : "") + flat(before)
            let context = lead + flat(match) + flat(after) + (after.endIndex < text.endIndex ? "…" : "")
            return (context, lead.count..<(lead.count + match.count))
        }
    }

    /// What a search found, and what a longer query starting with the same text may search within.
    public struct Result: Sendable, Equatable {
        public var query: [UInt8]
        public var hits: [Hit]
        /// Every document was searched (no group reached its limit): the documents that matched are
        /// all the documents any longer query can match.
        var complete: Bool
        var documents: [Int]
        /// The search was abandoned part-way (a newer keystroke was waiting): its hits are what was
        /// found before that, and it should be run again once nothing is waiting.
        public var interrupted = false
    }

    /// Every searchable field of the corpus, in the order they are folded and listed: each article's
    /// title and body, then excerpts' quotes, statements' titles, actors' names and aliases, events'
    /// titles. A document is a code (kind, field, alias, position in the kind's list), 8 bytes, not a
    /// copy of its text: the text is read from the corpus for the hits shown.
    final class Documents: Sendable {
        let corpus: Corpus
        let codes: Codes

        /// The codes: made here, or read in place from the persistent index (so opening touches none).
        enum Codes: Sendable {
            case array([UInt64])
            case stored(StoredCorpus, at: Int, count: Int)

            var count: Int {
                switch self {
                case .array(let codes): return codes.count
                case .stored(_, _, let count): return count
                }
            }

            subscript(document: Int) -> UInt64 {
                switch self {
                case .array(let codes): return codes[document]
                case .stored(let store, let at, _): return store.u64(at: at + document * 8)
                }
            }

            var array: [UInt64] { (0..<count).map { self[$0] } }
        }

        init(corpus: Corpus, codes: Codes) {
            self.corpus = corpus
            self.codes = codes
        }

        var count: Int { codes.count }

        static func code(_ kind: RecordKind, _ field: Field, position: Int, alias: Int = 0) -> UInt64 {
            UInt64(position) | UInt64(kind.number) << 32 | UInt64(fields.firstIndex(of: field)!) << 35 | UInt64(alias) << 40
        }

        /// The codes of every document of a corpus, in order.
        static func codes(of corpus: Corpus) -> [UInt64] {
            var codes: [UInt64] = []
            codes.reserveCapacity(corpus.articles.count * 2 + corpus.excerpts.count + corpus.statements.count + corpus.actors.count * 2 + corpus.events.count)
            for position in corpus.articles.indices { codes += [code(.article, .title, position: position), code(.article, .body, position: position)] }
            for position in corpus.excerpts.indices { codes.append(code(.excerpt, .quote, position: position)) }
            for position in corpus.statements.indices { codes.append(code(.statement, .title, position: position)) }
            for (position, actor) in corpus.actors.enumerated() {
                codes.append(code(.actor, .name, position: position))
                for alias in actor.aliases.indices { codes.append(code(.actor, .alias, position: position, alias: alias)) }
            }
            for position in corpus.events.indices { codes.append(code(.event, .title, position: position)) }
            return codes
        }

        // A code read from the index is checked as it is used (a field, a kind and a position the
        // corpus has; else the document is empty), not all of them at open.

        func kind(of document: Int) -> RecordKind { RecordKind(number: Int(codes[document] >> 32 & 7)) }
        func field(of document: Int) -> Field { Self.fields[min(Self.fields.count - 1, Int(codes[document] >> 35 & 7))] }
        private static let fields = Field.allCases
        private func position(of document: Int) -> Int { Int(codes[document] & 0xFFFF_FFFF) }

        private func fits(_ document: Int) -> Bool {
            let position = position(of: document)
            switch kind(of: document) {
            case .article: return position < corpus.articles.count
            case .actor: return position < corpus.actors.count
            case .statement: return position < corpus.statements.count
            case .event: return position < corpus.events.count
            case .excerpt: return position < corpus.excerpts.count
            }
        }

        func id(of document: Int) -> String {
            let position = position(of: document)
            guard fits(document) else { return "" }
            switch kind(of: document) {
            case .article: return corpus.articles.recordID(at: position)
            case .actor: return corpus.actors.recordID(at: position)
            case .statement: return corpus.statements.recordID(at: position)
            case .event: return corpus.events.recordID(at: position)
            case .excerpt: return corpus.excerpts.recordID(at: position)
            }
        }

        /// The document's text: an article body as the corpus keeps it (perhaps in its file).
        func text(of document: Int) -> ArticleBody {
            let position = position(of: document)
            guard fits(document) else { return ArticleBody("") }
            switch (kind(of: document), field(of: document)) {
            case (.article, .body): return corpus.articles[position].body
            case (.article, _): return ArticleBody(corpus.articles[position].title)
            case (.actor, .alias):
                let aliases = corpus.actors[position].aliases
                let alias = Int(codes[document] >> 40)
                return ArticleBody(alias < aliases.count ? aliases[alias] : "")
            case (.actor, _): return ArticleBody(corpus.actors[position].name)
            case (.statement, _): return ArticleBody(corpus.statements[position].title)
            case (.event, _): return ArticleBody(corpus.events[position].title)
            case (.excerpt, _): return ArticleBody(corpus.excerpts[position].quote)
            }
        }
    }

    let documents: Documents
    /// The folded documents, in segments; `segmentStarts[i]` is the first document of segment i.
    let segments: [FoldedBuffer]
    let segmentStarts: [Int]

    /// The order in which groups are listed: where an analyst most often wants to land first.
    public static let groupOrder: [RecordKind] = [.article, .excerpt, .statement, .actor, .event]

    /// Article titles and bodies folded ahead of the rest (by a staged load, from its preview).
    public struct FoldedArticles: Sendable {
        let ids: [String]
        let buffer: FoldedBuffer

        /// Reads every body (from its file, for a corpus kept there) and folds it. A body that cannot
        /// be read any more is folded as empty: a search cannot find it, and showing it says why.
        public init<Articles: RandomAccessCollection>(_ articles: Articles) where Articles.Element == Article, Articles.Index == Int {
            ids = articles.map(\.id)
            // One body read at a time, folded and let go: never all bodies in memory at once.
            let capacity = articles.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8CountEstimate + 2 }
            var builder = FoldedBuffer.Builder(count: articles.count * 2, capacity: capacity)
            for article in articles {
                var title = article.title
                title.withUTF8 { builder.append($0) }
                do {
                    try article.body.withUTF8Once { builder.append($0) }
                } catch {
                    builder.append(UnsafeBufferPointer(start: nil, count: 0))
                }
            }
            buffer = FoldedBuffer(builder)
        }
    }

    /// Everything after the articles' titles and bodies (the other records' text, all in memory),
    /// folded: a staged load folds it while the articles are still being folded on another thread.
    public struct FoldedRest: Sendable {
        let documents: Documents
        let buffer: FoldedBuffer

        public init(_ corpus: Corpus) {
            let documents = Documents(corpus: corpus, codes: .array(Documents.codes(of: corpus)))
            self.documents = documents
            buffer = FoldedBuffer((corpus.articles.count * 2..<documents.count).map { (try? documents.text(of: $0).text()) ?? "" })
        }
    }

    /// Folds the corpus; `articles` and `rest`, when folded beforehand from this corpus, are used as
    /// they are.
    public init(corpus: Corpus, articles prefolded: FoldedArticles? = nil, rest prepared: FoldedRest? = nil) {
        let rest = prepared ?? FoldedRest(corpus)
        let documents = rest.documents
        self.documents = documents
        let articleDocuments = corpus.articles.count * 2
        let articles: FoldedBuffer
        if let prefolded, prefolded.ids.elementsEqual(corpus.articles.lazy.map(\.id)) {
            articles = prefolded.buffer
        } else {
            articles = FoldedArticles(corpus.articles).buffer
        }
        segments = [articles, rest.buffer]
        segmentStarts = [0, articleDocuments]
    }

    /// The index over folded text read back from the persistent index; nil when the text does not hold
    /// the documents this corpus has (then fold it again).
    init?(corpus: Corpus, segments: [FoldedBuffer], documents codes: Documents.Codes? = nil) {
        let documents = Documents(corpus: corpus, codes: codes ?? .array(Documents.codes(of: corpus)))
        let articleDocuments = corpus.articles.count * 2
        guard segments.count == 2, segments[0].starts.count - 1 == articleDocuments, documents.count >= articleDocuments,
              segments[1].starts.count - 1 == documents.count - articleDocuments else { return nil }
        self.documents = documents
        self.segments = segments
        segmentStarts = [0, articleDocuments]
    }

    /// Scans every segment in order, giving documents their index in `documents`; a `skipTo` may lead
    /// into a later segment.
    /// Returns false when `shouldStop` ended the scan early.
    @discardableResult
    func scan(for needle: [UInt8], in candidates: [Int]?, shouldStop: () -> Bool = { false },
              _ found: (Int, Range<Int>, FoldedBuffer, Int) -> FoldedBuffer.Next) -> Bool {
        var resume = 0
        for (number, segment) in segments.enumerated() {
            let first = segmentStarts[number]
            let count = segment.starts.count - 1
            guard resume < first + count else { continue }
            let local = candidates?.filter { $0 >= max(first, resume) && $0 < first + count }.map { $0 - first }
            var stoppedAt: Int?
            let finished = segment.scan(for: needle, in: local, from: max(0, resume - first), shouldStop: shouldStop) { document, range in
                switch found(first + document, range, segment, document) {
                case .next: return .next
                case .skipTo(let next):
                    if next < first + count { return .skipTo(next - first) }
                    stoppedAt = next
                    return .skipTo(count)
                }
            }
            if !finished { return false }
            if let stoppedAt { resume = stoppedAt }
        }
        return true
    }

    /// All hits for a query, grouped in `groupOrder`, each group in corpus order; at most `limit` a group.
    public func search(_ query: String, limitPerGroup limit: Int = 500) -> [Hit] {
        search(query, after: nil, limitPerGroup: limit).hits
    }

    /// As `search`, but when the previous result was complete and this query extends it, only the
    /// documents that matched before are searched: typing a word gets faster with every letter.
    /// `shouldStop` is asked every megabyte or so of text scanned: the explorer hands in "a newer key
    /// is waiting", so a keystroke never waits for the search of the one before it.
    public func search(_ query: String, after previous: Result?, limitPerGroup limit: Int = 500,
                       shouldStop: () -> Bool = { false }) -> Result {
        let needle = Array(Fold.fold(query).utf8)
        guard !needle.isEmpty, !needle.allSatisfy({ $0 == 0x20 }) else {
            return Result(query: needle, hits: [], complete: true, documents: [])
        }
        let candidates: [Int]?
        if let previous, previous.complete, !previous.query.isEmpty, needle.starts(with: previous.query) {
            candidates = previous.documents
        } else {
            candidates = nil
        }
        var hits: [Hit] = []
        var matched: [Int] = []
        var perKind: [RecordKind: Int] = [:]
        var complete = true
        let finished = scan(for: needle, in: candidates, shouldStop: shouldStop) { document, range, segment, local in
            let kind = documents.kind(of: document)
            if perKind[kind, default: 0] >= limit {
                complete = false
                return .skipTo(kindEnd(after: document))
            }
            perKind[kind, default: 0] += 1
            if matched.last != document { matched.append(document) }
            hits.append(Hit(kind: kind, id: documents.id(of: document), field: documents.field(of: document), documents: documents,
                            documentNumber: document, folded: range, buffer: segment, document: local))
            return .next
        }
        guard finished else { return Result(query: needle, hits: hits, complete: false, documents: matched, interrupted: true) }
        return Result(query: needle, hits: hits, complete: complete, documents: matched)
    }

    /// The UTF-8 ranges of many hits, each field's text read and folded again once for all its hits
    /// (`Hit.utf8Range` does it hit by hit). A body that cannot be read any more gives empty ranges.
    public static func utf8Ranges(of hits: [Hit]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(hits.count)
        for group in runsByDocument(hits) {
            let first = hits[group.lowerBound]
            if let text = try? first.text() {
                result += first.buffer.originalRanges(of: hits[group].map(\.folded), in: first.document, text: text)
            } else {
                result += group.map { _ in 0..<0 }
            }
        }
        return result
    }

    /// The runs of hits in the same field's text (hits come grouped so), as index ranges into `hits`.
    static func runsByDocument(_ hits: [Hit]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        while start < hits.count {
            var end = start + 1
            while end < hits.count && hits[end].buffer === hits[start].buffer && hits[end].document == hits[start].document { end += 1 }
            runs.append(start..<end)
            start = end
        }
        return runs
    }

    /// The code-point ranges of many hits (as JSON output gives spans), in one pass over each field's
    /// text: counting code points from the start of a 200 MB body for each of 500 hits was quadratic.
    public static func scalarRanges(of hits: [Hit]) throws(ArticleBody.Unreadable) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(hits.count)
        for group in runsByDocument(hits) {
            let first = hits[group.lowerBound]
            var text = try first.text()
            let utf8 = first.buffer.originalRanges(of: hits[group].map(\.folded), in: first.document, text: text)
            // The offsets in order (ranges are in order and do not overlap), counted in one sweep.
            let offsets = utf8.flatMap { [$0.lowerBound, $0.upperBound] }
            var scalars: [Int] = []
            scalars.reserveCapacity(offsets.count)
            text.withUTF8 { bytes in
                var count = 0
                var index = 0
                for offset in offsets {
                    let end = min(max(offset, index), bytes.count)
                    count += QuoteResolver.scalarCount(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    scalars.append(count)
                }
            }
            for pair in stride(from: 0, to: scalars.count, by: 2) { result.append(scalars[pair]..<scalars[pair + 1]) }
        }
        return result
    }

    /// The first document after the run of documents of the same kind.
    func kindEnd(after document: Int) -> Int {
        let kind = documents.kind(of: document)
        var next = document + 1
        while next < documents.count && documents.kind(of: next) == kind { next += 1 }
        return next
    }

    /// The matches of a query in one text (the reader's n/N), as UTF-8 ranges.
    public static func matches(of query: String, in text: String) -> [Range<Int>] {
        let needle = Array(Fold.fold(query).utf8)
        guard !needle.isEmpty else { return [] }
        let buffer = FoldedBuffer([text])
        var folded: [Range<Int>] = []
        buffer.scan(for: needle, in: nil) { _, range in
            folded.append(range)
            return .next
        }
        return buffer.originalRanges(of: folded, in: 0, text: text)
    }
}

/// The bytes of a `FoldedBuffer`: an array of its own, or a part of the mapped index file that is
/// read only when a search scans it (so a warm open does not bring the folded text into memory).
// @unchecked: `.mapped` holds a pointer into a read-only mapping that its owner keeps alive.
enum FoldedBytes: @unchecked Sendable {
    case owned([UInt8])
    /// Bytes in a read-only mapping that `owner` keeps alive (and unmaps when the last user is gone).
    case mapped(UnsafeBufferPointer<UInt8>, owner: MappedFile)

    var count: Int {
        switch self {
        case .owned(let bytes): return bytes.count
        case .mapped(let bytes, _): return bytes.count
        }
    }

    @inline(__always)
    func withUnsafeBufferPointer<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        switch self {
        case .owned(let bytes): return try bytes.withUnsafeBufferPointer(body)
        case .mapped(let bytes, let owner): return try withExtendedLifetime(owner) { try body(bytes) }
        }
    }
}

/// Documents folded into one buffer, each followed by a NUL (which no query holds, so no match can
/// cross from one document into the next).
package final class FoldedBuffer: Sendable {
    /// A place where folded and original offsets are known to correspond, every 64 KB of a long
    /// document, so mapping a match back never folds more than that again.
    struct Anchor: Sendable {
        var folded: Int
        var original: Int
    }

    static let anchorSpacing = 1 << 16

    /// The folded text: built in memory, or mapped from the persistent index (see `CorpusIndex`).
    let bytes: FoldedBytes
    /// The folded offset where each document starts; one more entry marks the end.
    let starts: Starts

    /// The starts: made here, or read in place from the persistent index's mapping.
    // @unchecked: `.mapped` holds a pointer into a read-only mapping that its owner keeps alive.
    struct Starts: RandomAccessCollection, @unchecked Sendable {
        enum Storage {
            case array([Int])
            case mapped(UnsafeRawBufferPointer, owner: MappedFile)
        }
        let storage: Storage

        var startIndex: Int { 0 }
        var endIndex: Int {
            switch storage {
            case .array(let starts): return starts.count
            case .mapped(let raw, _): return raw.count / 8
            }
        }

        @inline(__always)
        subscript(position: Int) -> Int {
            switch storage {
            case .array(let starts): return starts[position]
            case .mapped(let raw, _): return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: position * 8, as: Int64.self)))
            }
        }
    }
    let anchors: [Anchor]
    /// The folded length of every non-ASCII scalar in the documents, for mapping matches back without
    /// asking the shared (locked) fold table.
    let foldedLengths: [UInt32: UInt8]
    /// How often each byte occurs: a search looks for the needle's rarest byte with memchr.
    let byteCounts: [Int]
    /// Which blocks a query may start in (read from the persistent index; nil for text folded here).
    let filter: GramFilter?

    package convenience init(_ texts: [String]) {
        var builder = Builder(count: texts.count, capacity: texts.reduce(0) { $0 + $1.utf8.count + 1 })
        for var text in texts { text.withUTF8 { builder.append($0) } }
        self.init(builder)
    }

    /// Folds documents one after the other, each given as UTF-8 (so a text read from a file is let
    /// go before the next is read, and need not become a `String`).
    struct Builder: ~Copyable {
        fileprivate var bytes: [UInt8] = []
        fileprivate var starts: [Int] = []
        fileprivate var anchors: [Anchor] = []
        fileprivate var table = FoldTable()
        /// Byte counts in four interleaved lanes (a text repeats its commonest bytes back to back,
        /// and one counter per byte would wait on its own last increment).
        fileprivate var counts = [Int](repeating: 0, count: 4 * 256)
        /// Where a document is folded before it is appended: written through a pointer, as appending
        /// to `bytes` byte by byte costs several times the folding.
        private var scratch: UnsafeMutablePointer<UInt8>
        private var scratchCapacity: Int

        /// `capacity` is the folded size expected, to allocate once.
        init(count: Int, capacity: Int) {
            bytes.reserveCapacity(capacity)
            starts.reserveCapacity(count + 1)
            scratchCapacity = 1 << 16
            scratch = .allocate(capacity: scratchCapacity)
        }

        deinit { scratch.deallocate() }

        /// Folds one document. Its bytes should be UTF-8; a sequence that is not is kept as it is.
        mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
            let documentStart = bytes.count
            starts.append(documentStart)
            reserveScratch(source.count)
            let count = source.count
            var written = 0
            var index = 0
            var nextAnchor = FoldedBuffer.anchorSpacing
            if let input = source.baseAddress {
                while index < count {
                    if written >= nextAnchor {
                        anchors.append(Anchor(folded: documentStart + written, original: index))
                        nextAnchor = written + FoldedBuffer.anchorSpacing
                    }
                    // ASCII is folded one for one: no room to check, and no anchor passed, before the limit.
                    let asciiLimit = min(count, index + (nextAnchor - written))
                    let output = scratch
                    // Eight bytes at a time while they are all ASCII: A-Z gain 0x20 in each lane at once.
                    while index + 8 <= asciiLimit {
                        let word = UnsafeRawPointer(input + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 != 0 { break }
                        let atLeastA = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & 0x8080_8080_8080_8080
                        let pastZ = (word &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
                        UnsafeMutableRawPointer(output + written).storeBytes(of: word | ((atLeastA & ~pastZ) >> 2), as: UInt64.self)
                        written += 8
                        index += 8
                    }
                    while index < asciiLimit {
                        let byte = input[index]
                        if byte >= 0x80 { break }
                        output[written] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                        written += 1
                        index += 1
                    }
                    guard index < asciiLimit else { continue }
                    let length = FoldedBuffer.sequenceLength(input[index], remaining: count - index)
                    let folded = table.foldedRange(utf8: source, at: index, length: length)
                    index += length
                    // Room for this scalar's folding and for the rest of the text one for one.
                    if written + folded.count + (count - index) > scratchCapacity {
                        growScratch(to: written + folded.count + (count - index), keeping: written)
                    }
                    table.pool.withUnsafeBufferPointer { pool in
                        for position in folded {
                            scratch[written] = pool[position]
                            written += 1
                        }
                    }
                }
            }
            let folded = UnsafeBufferPointer(start: scratch, count: written)
            countBytes(folded)
            bytes.append(contentsOf: folded)
            bytes.append(0)
            counts[0] += 1
        }

        private mutating func reserveScratch(_ needed: Int) {
            if needed > scratchCapacity { growScratch(to: needed, keeping: 0) }
        }

        private mutating func growScratch(to needed: Int, keeping used: Int) {
            let capacity = max(needed, scratchCapacity * 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: scratch, count: used)
            scratch.deallocate()
            scratch = grown
            scratchCapacity = capacity
        }

        private mutating func countBytes(_ folded: UnsafeBufferPointer<UInt8>) {
            counts.withUnsafeMutableBufferPointer { lanes in
                var index = 0
                while index + 4 <= folded.count {
                    lanes[Int(folded[index])] &+= 1
                    lanes[256 + Int(folded[index + 1])] &+= 1
                    lanes[512 + Int(folded[index + 2])] &+= 1
                    lanes[768 + Int(folded[index + 3])] &+= 1
                    index &+= 4
                }
                while index < folded.count {
                    lanes[Int(folded[index])] &+= 1
                    index &+= 1
                }
            }
        }
    }

    convenience init(_ builder: consuming Builder) {
        builder.starts.append(builder.bytes.count)
        let lanes = builder.counts
        self.init(bytes: .owned(builder.bytes), starts: Starts(storage: .array(builder.starts)), anchors: builder.anchors,
                  foldedLengths: builder.table.foldedLengths,
                  byteCounts: (0..<256).map { lanes[$0] + lanes[256 + $0] + lanes[512 + $0] + lanes[768 + $0] }, filter: nil)
    }

    /// A buffer read back from the persistent index, its parts already checked against each other.
    init(bytes: FoldedBytes, starts: Starts, anchors: [Anchor], foldedLengths: [UInt32: UInt8], byteCounts: [Int], filter: GramFilter?) {
        self.bytes = bytes
        self.starts = starts
        self.anchors = anchors
        self.foldedLengths = foldedLengths
        self.byteCounts = byteCounts
        self.filter = filter
    }

    /// The length of the UTF-8 sequence a lead byte begins (the text is valid UTF-8).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8, remaining: Int) -> Int {
        min(lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2), remaining)
    }


    package enum Next {
        case next
        case skipTo(Int)
    }

    /// How much is scanned between two questions to `shouldStop`.
    static let stopCheckSpacing = 1 << 20

    /// The first match in haystack[from..<end], looked for a megabyte at a time so `shouldStop` is
    /// asked between them; nil when there is none, -1 when told to stop.
    @inline(__always)
    static func find(_ pattern: UnsafeBufferPointer<UInt8>, pivot: Int, in haystack: UnsafeBufferPointer<UInt8>, from: Int, end: Int,
                     shouldStop: () -> Bool) -> Int? {
        var from = from
        while true {
            let windowEnd = min(end, from + stopCheckSpacing)
            if let position = Fold.find(pattern, pivot: pivot, in: haystack, from: from, end: windowEnd) { return position }
            if windowEnd >= end { return nil }
            if shouldStop() { return -1 }
            // A match may straddle the window's end: the next window starts early enough to see it.
            from = max(from, windowEnd - pattern.count + 1)
        }
    }

    /// Calls `found` for each non-overlapping match, in order, with its document and folded range; only
    /// in `documents` when given (in order). Returns false when `shouldStop` ended it early.
    @discardableResult
    package func scan(for needle: [UInt8], in documents: [Int]?, from firstDocument: Int = 0, shouldStop: () -> Bool = { false },
              _ found: (Int, Range<Int>) -> Next) -> Bool {
        let pivot = needle.indices.min { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] } ?? 0
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                if let documents {
                    for document in documents {
                        var from = starts[document]
                        let end = starts[document + 1]
                        while let position = FoldedBuffer.find(pattern, pivot: pivot, in: haystack, from: from, end: end, shouldStop: shouldStop) {
                            if position < 0 { return false }
                            if case .skipTo = found(document, position..<(position + pattern.count)) { return true }
                            from = position + pattern.count
                        }
                    }
                    return true
                }
                // One scan over the whole buffer, finding which document each hit is in as we go; with a
                // filter, only over the runs of blocks a match may start in.
                let total = starts.count - 1
                guard firstDocument < total else { return true }
                let bits = filter?.bits(of: needle) ?? []
                var document = firstDocument
                var from = starts[firstDocument]
                let end = starts[total]
                // The run of blocks a match may start in that is being scanned (up to 16 blocks, found
                // once: not again for each match in it).
                var run = 0..<0
                while document < total {
                    var windowEnd = end
                    if let filter, !bits.isEmpty {
                        if !run.contains(from / filter.blockSize) {
                            var block = from / filter.blockSize
                            while block < filter.blockCount && !filter.mayStart(in: block, bits: bits) { block += 1 }
                            guard block < filter.blockCount else { return true }
                            var next = block + 1
                            while next < min(filter.blockCount, block + 16) && filter.mayStart(in: next, bits: bits) { next += 1 }
                            run = block..<next
                            from = max(from, block * filter.blockSize)
                        }
                        // Matches starting in the run, which may end in the block after it.
                        windowEnd = min(end, run.upperBound * filter.blockSize + pattern.count - 1)
                    }
                    guard let position = FoldedBuffer.find(pattern, pivot: pivot, in: haystack, from: from, end: windowEnd, shouldStop: shouldStop) else {
                        if windowEnd >= end { return true }
                        from = windowEnd - pattern.count + 1  // the first block after the run
                        continue
                    }
                    if position < 0 { return false }
                    while starts[document + 1] <= position { document += 1 }
                    switch found(document, position..<(position + pattern.count)) {
                    case .next:
                        from = position + pattern.count
                    case .skipTo(let next):
                        guard next < total else { return true }
                        document = next
                        from = starts[next]
                    }
                }
                return true
            }
        }
    }

    /// Maps a folded range in a document back to UTF-8 offsets of the document's original text (given
    /// again, as it was folded), widening to whole characters.
    func originalRange(of range: Range<Int>, in document: Int, text: String) -> Range<Int> {
        originalRanges(of: [range], in: document, text: text)[0]
    }

    private func foldedLength(_ source: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> Int {
        if let known = foldedLengths[FoldTable.scalarValue(source, at: start, length: length)] { return Int(known) }
        // Only for a text other than the one folded.
        return Fold.sharedTable.folded(utf8: source, at: start, length: length).count
    }

    /// `originalRange` for many ranges of one document, in order and not overlapping, in one pass:
    /// folds the text again from the nearest anchor before the first, as `init` did, noting where
    /// each range's first and last folded bytes come from.
    func originalRanges(of ranges: [Range<Int>], in document: Int, text: String) -> [Range<Int>] {
        guard let first = ranges.first else { return [] }
        let documentStart = starts[document]
        // The last anchor at or before the first range, if it is in this document.
        let low = anchors.partitioningIndex { $0.folded > first.lowerBound }
        var folded = documentStart
        var original = 0
        if low > 0, anchors[low - 1].folded >= documentStart {
            folded = anchors[low - 1].folded
            original = anchors[low - 1].original
        }
        var result: [Range<Int>] = []
        result.reserveCapacity(ranges.count)
        var text = text
        text.withUTF8 { source in
            var lower: Int?
            var next = 0
            while original < source.count && next < ranges.count {
                let byte = source[original]
                if byte < 0x80 {
                    // A run of ASCII folds byte for byte: skip it up to the next offset that matters.
                    let target = lower == nil ? ranges[next].lowerBound : ranges[next].upperBound - 1
                    let limit = min(source.count, original + (target - folded))
                    var end = original
                    let base = UnsafeRawPointer(source.baseAddress!)
                    while end + 8 <= limit, base.loadUnaligned(fromByteOffset: end, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { end += 8 }
                    while end < limit && source[end] < 0x80 { end += 1 }
                    if end > original {
                        folded += end - original
                        original = end
                        continue
                    }
                }
                let length = byte < 0x80 ? 1 : Self.sequenceLength(byte, remaining: source.count - original)
                let foldedLength = byte < 0x80 ? 1 : foldedLength(source, at: original, length: length)
                // One character may hold the end of a range and the start of the next.
                while next < ranges.count {
                    if lower == nil && folded + foldedLength > ranges[next].lowerBound { lower = original }
                    guard folded + foldedLength > ranges[next].upperBound - 1 else { break }
                    result.append((lower ?? original)..<(original + length))
                    lower = nil
                    next += 1
                }
                folded += foldedLength
                original += length
            }
            // Only if the text is not the one folded: whatever is left ends at its end.
            while result.count < ranges.count { result.append(min(lower ?? source.count, source.count)..<source.count) }
        }
        return result
    }
}
