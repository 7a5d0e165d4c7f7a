import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A corpus file's identity, size and times as `stat` gives them: what the persistent index checks, as
/// git checks its own index, to tell whether a file is still the one it was built from. A file edited
/// in place changes its size or times; one renamed over it changes its inode; one touched back to its
/// old modification time still has a new change time (which no program can set back).
public struct FileStamp: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modified: Int64
    public var modifiedNanoseconds: Int64
    public var changed: Int64
    public var changedNanoseconds: Int64

    public init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modified = Int64(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec)
        changedNanoseconds = Int64(status.st_ctim.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, size: Int, modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changed = changed
        self.changedNanoseconds = changedNanoseconds
    }

    /// The later of its modification and change times, in nanoseconds since 1970.
    var newest: Int64 {
        max(modified * 1_000_000_000 + modifiedNanoseconds, changed * 1_000_000_000 + changedNanoseconds)
    }
}

/// A read-only mapping of an index file, unmapped when the last buffer using it is gone. The index is
/// only ever replaced by renaming a new file over it, never written in place, so the mapped pages keep
/// the bytes that were checked.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawBufferPointer

    init?(descriptor: Int32, size: Int) {
        guard size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        base = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Bytes copied into an anonymous mapping (the fuzzer's stand-in for a file).
    init?(copying bytes: [UInt8]) {
        guard !bytes.isEmpty, let address = mmap(nil, bytes.count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              address != MAP_FAILED else { return nil }
        bytes.withUnsafeBytes { address.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        base = UnsafeRawBufferPointer(start: address, count: bytes.count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base.baseAddress), base.count)
    }
}

/// The persistent index's file format: everything a later open needs, written once after a load and
/// read back instead of parsing the corpus (see docs/performance.md, "The persistent index").
///
/// ```
/// 0   "DOSSIDX\n"                   magic
/// 8   u32 format version            `formatVersion`; another version is not read
/// 12  u32 0
/// 16  u64 file length               the file's own size (a cut file is not read further)
/// 24  u64 checksum                  of every byte from 32 to the search text (or the end)
/// 32  u64 records offset
/// 40  u64 search offset             0 when the folded search text is not in the file
/// 48  u64 search checksum           of the search text (checked on another thread, beside decoding)
/// 56  header: program version, the corpus's path, each file's name and `FileStamp`
///     records, in two parts: articles (bodies as places in articles.json),
///     actors, statements, events, the problems the load found; then excerpts (with their spans) and
///     the back-links (`Corpus.excerptsAbout`…)
///     search: the folded documents of `SearchIndex`, read in place from a mapping
/// ```
/// Integers are little-endian; counts and string lengths are base-128 varints.
public enum CorpusIndex {
    /// Raised whenever what is written changes meaning: an index of another format is rebuilt.
    public static let formatVersion: UInt32 = 4
    static let magic: [UInt8] = Array("DOSSIDX\n".utf8)
    static let fixedSize = 56

    /// What the index was built from: checked before anything else is read.
    struct Header {
        var programVersion: String
        var corpus: String
        var stamps: [(name: String, stamp: FileStamp)]
    }

    // MARK: Writing

    /// A part of an index file as written: bytes built for it, or a search buffer's folded text, written
    /// from where it is (a copy of the whole index in memory would be as large as the corpus).
    enum Piece {
        case bytes([UInt8])
        case folded(FoldedBytes)

        var count: Int {
            switch self {
            case .bytes(let bytes): return bytes.count
            case .folded(let bytes): return bytes.count
            }
        }

        func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            switch self {
            case .bytes(let bytes): return bytes.withUnsafeBytes(body)
            case .folded(let bytes): return bytes.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// The index file, as the pieces to write one after the other.
    static func encode(_ loaded: LoadedCorpus, search: [FoldedBuffer]?, header: Header) -> [Piece] {
        var writer = IndexWriter(capacity: 1 << 20)
        writer.raw(magic)
        writer.u32(formatVersion)
        writer.u32(0)
        for _ in 0..<5 { writer.u64(0) }  // length, checksums, offsets: filled in below
        writer.string(header.programVersion)
        writer.string(header.corpus)
        writer.count(header.stamps.count)
        for (name, stamp) in header.stamps {
            writer.string(name)
            writer.u64(stamp.device)
            writer.u64(stamp.inode)
            writer.int(stamp.size)
            writer.int(Int(stamp.modified))
            writer.int(Int(stamp.modifiedNanoseconds))
            writer.int(Int(stamp.changed))
            writer.int(Int(stamp.changedNanoseconds))
        }
        let recordsOffset = writer.bytes.count
        encodeRecords(loaded, into: &writer)
        var searchOffset = 0
        var searchPieces: [Piece] = []
        if let search {
            writer.align()
            searchOffset = writer.bytes.count
            searchPieces = encodeSearch(search, at: searchOffset)
        }
        var head = writer.bytes
        func put(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for (index, byte) in $0.enumerated() { head[offset + index] = byte } }
        }
        put(UInt64(head.count + searchPieces.reduce(0) { $0 + $1.count }), at: 16)
        put(UInt64(recordsOffset), at: 32)
        put(UInt64(searchOffset), at: 40)
        if searchOffset > 0 {
            var checksum = IndexChecksum()
            for piece in searchPieces { piece.withUnsafeBytes { checksum.add($0) } }
            put(checksum.value, at: 48)
        }
        var checksum = IndexChecksum()
        head.withUnsafeBytes { checksum.add(UnsafeRawBufferPointer(rebasing: $0[32...])) }
        put(checksum.value, at: 24)
        return [.bytes(head)] + searchPieces
    }

    private static func encodeRecords(_ loaded: LoadedCorpus, into writer: inout IndexWriter) {
        let corpus = loaded.corpus
        // Where the second part starts, counted from here: filled in below.
        let partTwoPlace = writer.bytes.count
        writer.u64(0)
        writer.count(corpus.articles.count)
        for article in corpus.articles {
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
        writer.count(corpus.actors.count)
        for actor in corpus.actors {
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
        writer.count(corpus.statements.count)
        for statement in corpus.statements {
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
            writer.strings(statement.excerpts)
        }
        writer.count(corpus.events.count)
        for event in corpus.events {
            writer.string(event.id)
            encode(event.supplied, &writer)
            encode(event.extra, &writer)
            encode(event.date, &writer)
            writer.string(event.title)
            writer.strings(event.actors)
            writer.strings(event.statements)
            writer.strings(event.excerpts)
        }
        writer.count(loaded.problems.count)
        for problem in loaded.problems {
            writer.string(problem.severity.rawValue)
            writer.string(problem.file)
            if let location = problem.location {
                writer.u8(1)
                writer.string(location.file)
                writer.count(location.line)
                writer.count(location.column)
            } else {
                writer.u8(0)
            }
            writer.optional(problem.recordID)
            writer.string(problem.message)
        }
        // The second part (excerpts and back-links) is decoded on another thread, from here.
        let partTwo = writer.bytes.count
        withUnsafeBytes(of: UInt64(partTwo - partTwoPlace).littleEndian) { for (index, byte) in $0.enumerated() { writer.bytes[partTwoPlace + index] = byte } }
        writer.count(corpus.excerpts.count)
        for excerpt in corpus.excerpts {
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
            writer.optional(excerpt.passage)
        }
        // The back-links, so a warm open does not build them again (most of what building a corpus
        // costs); their length first, so a reader can keep their bytes and decode them when first asked.
        let links = corpus.backLinks
        let lengthPlace = writer.bytes.count
        writer.u64(0)
        for map in [links.excerptsAbout, links.recordsCiting, links.excerptsInArticle, links.eventsMentioning] {
            writer.count(map.count)
            for (key, values) in map {
                writer.string(key)
                writer.strings(values)
            }
        }
        writer.count(links.statementRoles.count)
        for (actor, roles) in links.statementRoles {
            writer.string(actor)
            writer.count(roles.count)
            for role in roles {
                writer.string(role.statement)
                writer.string(role.role.rawValue)
            }
        }
        withUnsafeBytes(of: UInt64(writer.bytes.count - lengthPlace - 8).littleEndian) { for (index, byte) in $0.enumerated() { writer.bytes[lengthPlace + index] = byte } }
    }

    private static func encode(_ supplied: Supplied?, _ writer: inout IndexWriter) {
        guard let supplied else { return writer.u8(0) }
        writer.u8(1)
        writer.optional(supplied.record)
        writer.count(supplied.fields.count)
        for field in supplied.fields {
            writer.string(field.field)
            writer.string(field.note)
        }
    }

    private static func encode(_ extra: [ExtraField], _ writer: inout IndexWriter) {
        writer.count(extra.count)
        for field in extra {
            writer.string(field.key)
            writer.string(field.json)
        }
    }

    private static func encode(_ date: PartialDate, _ writer: inout IndexWriter) {
        writer.count(date.year)
        writer.count(date.month ?? 0)
        writer.count(date.day ?? 0)
    }

    /// The search section, starting at file offset `offset`: each segment's tables, then its folded
    /// text as it is.
    private static func encodeSearch(_ segments: [FoldedBuffer], at offset: Int) -> [Piece] {
        var pieces: [Piece] = []
        var position = offset
        var writer = IndexWriter(capacity: 1 << 16)
        writer.count(segments.count)
        for segment in segments {
            writer.count(segment.starts.count)
            writer.count(segment.anchors.count)
            writer.count(segment.foldedLengths.count)
            writer.count(segment.bytes.count)
            writer.align(at: position)
            for start in segment.starts { writer.int(start) }
            for anchor in segment.anchors {
                writer.int(anchor.folded)
                writer.int(anchor.original)
            }
            for (scalar, length) in segment.foldedLengths.sorted(by: { $0.key < $1.key }) {
                writer.u32(scalar)
                writer.u8(length)
            }
            writer.align(at: position)
            for count in segment.byteCounts { writer.int(count) }
            position += writer.bytes.count + segment.bytes.count
            pieces += [.bytes(writer.bytes), .folded(segment.bytes)]
            writer = IndexWriter(capacity: 1 << 16)
        }
        return pieces
    }

    // MARK: Reading

    /// Decodes an index held in memory without checking its checksums, stamps or versions: for the
    /// fuzzer, which must reach the decoders with bytes that got past those checks.
    @_spi(Fuzzing) public static func decodeUnchecked(_ bytes: [UInt8]) throws(IndexUnusable) -> (Corpus, SearchIndex?) {
        let (_, records, search) = try bytes.withUnsafeBytes { raw in
            Result { () throws(IndexUnusable) in try parseHeader(raw, size: bytes.count, firstPart: min(bytes.count, 1 << 16)) }
        }.get()
        let head = Array(bytes[32..<(search == 0 ? bytes.count : search)])
        let loaded = try decodeRecords(head, from: records - 32, articles: nil)
        guard search > 0, let mapping = MappedFile(copying: bytes) else { return (loaded.corpus, nil) }
        let segments = try decodeSearch(mapping, at: search)
        return (loaded.corpus, SearchIndex(corpus: loaded.corpus, segments: segments))
    }

    /// The fixed part and the header, read without the rest of the file: enough to know whether the
    /// index is for these files (and this program) before reading anything more.
    static func readHeader(_ descriptor: Int32, size: Int) throws(IndexUnusable) -> (header: Header, records: Int, search: Int) {
        guard size >= fixedSize else { throw IndexUnusable("the index file is cut short") }
        let firstPart = min(size, 1 << 16)
        let bytes = try readBytes(descriptor, 0..<firstPart)
        // `withUnsafeBytes` rethrows untyped errors: the typed one travels out in a Result.
        return try bytes.withUnsafeBytes { raw in Result { () throws(IndexUnusable) in try parseHeader(raw, size: size, firstPart: firstPart) } }.get()
    }

    private static func parseHeader(_ raw: UnsafeRawBufferPointer, size: Int, firstPart: Int) throws(IndexUnusable) -> (header: Header, records: Int, search: Int) {
        guard raw.count >= fixedSize, size >= raw.count else { throw IndexUnusable("the index file is cut short") }
        var reader = IndexReader(raw)
        guard Array(raw[0..<8]) == magic else { throw IndexUnusable("not a Dossier index file") }
        reader.offset = 8
        let version = try reader.u32()
        guard version == formatVersion else { throw IndexUnusable("an index of format \(version), not \(formatVersion)") }
        guard try reader.u32() == 0 else { throw IndexUnusable("the index file is damaged (a reserved field is not zero)") }
        let length = try reader.u64()
        guard length == UInt64(size) else { throw IndexUnusable("the index file is \(size) bytes, not the \(length) it was written with") }
        _ = try reader.u64()  // the checksum, checked with the rest of the file
        let records = try reader.u64()
        let search = try reader.u64()
        _ = try reader.u64()  // the search text's checksum, checked with it
        guard records >= UInt64(fixedSize), records <= UInt64(firstPart), search == 0 || (search > records && search < UInt64(size)) else {
            throw IndexUnusable("the index file is damaged (its parts are out of place)")
        }
        let programVersion = try reader.string()
        let corpus = try reader.string()
        let fileCount = try reader.count(ofAtLeast: 57)
        var stamps: [(String, FileStamp)] = []
        for _ in 0..<fileCount {
            let name = try reader.string()
            let stamp = FileStamp(device: try reader.u64(), inode: try reader.u64(), size: try reader.int(),
                                  modified: Int64(try reader.int()), modifiedNanoseconds: Int64(try reader.int()),
                                  changed: Int64(try reader.int()), changedNanoseconds: Int64(try reader.int()))
            stamps.append((name, stamp))
        }
        guard reader.offset == Int(records) else { throw IndexUnusable("the index file is damaged (its header is not where it should end)") }
        return (Header(programVersion: programVersion, corpus: corpus, stamps: stamps), Int(records), Int(search))
    }

    static func readBytes(_ descriptor: Int32, _ range: Range<Int>) throws(IndexUnusable) -> [UInt8] {
        let (bytes, outcome) = FileFill.bytes(from: descriptor, range)
        try check(outcome)
        return bytes
    }

    private static func check(_ outcome: FileFill) throws(IndexUnusable) {
        switch outcome {
        case .complete: return
        case .endedEarly: throw IndexUnusable("the index file is cut short")
        case .failed(let reason): throw IndexUnusable("the index file cannot be read: \(reason)")
        }
    }

    /// The bytes from offset 32 to the search text (the header and the records), checked against their
    /// checksum, and where the records start in them.
    static func checkedRecords(_ descriptor: Int32, size: Int, records: Int, search: Int) throws(IndexUnusable) -> (bytes: [UInt8], start: Int) {
        let stored = try readBytes(descriptor, 24..<32).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        let head = try readBytes(descriptor, 32..<(search == 0 ? size : search))
        guard IndexChecksum.of(head) == stored else { throw IndexUnusable("the index file is damaged (its checksum does not match)") }
        return (head, records - 32)
    }

    /// Checks the search text against its checksum, read in chunks with `pread` so checking does not
    /// bring the mapped text into this process's memory.
    static func checkSearch(_ descriptor: Int32, size: Int, search: Int) throws(IndexUnusable) {
        let stored = try readBytes(descriptor, 48..<56).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        var checksum = IndexChecksum()
        let chunkSize = 1 << 22
        var chunk = [UInt8](repeating: 0, count: min(chunkSize, size - search))
        var offset = search
        while offset < size {
            let length = min(chunkSize, size - offset)
            let outcome = chunk.withUnsafeMutableBytes { buffer in
                let (_, outcome) = FileFill.fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length]), from: descriptor, at: offset)
                if outcome == .complete { checksum.add(UnsafeRawBufferPointer(rebasing: buffer[0..<length])) }
                return outcome
            }
            try check(outcome)
            offset += length
        }
        guard checksum.value == stored else { throw IndexUnusable("the index file is damaged (its search text's checksum does not match)") }
    }

    /// Decodes the records: article bodies kept in a file are read from `articles` (the articles file
    /// the stamps were checked against).
    static func decodeRecords(_ bytes: [UInt8], from start: Int, articles: SourceFile?) throws(IndexUnusable) -> LoadedCorpus {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(IndexUnusable) in
                var reader = IndexReader(raw, at: start)
                return try decodeRecords(&reader, articles: articles)
            }
        }.get()
    }

    /// The first part of the records: articles, actors, statements, events and the problems.
    private struct PartOne {
        var articles: [Article]
        var actors: [Actor]
        var statements: [Statement]
        var events: [Event]
        var problems: [Diagnostic]
    }

    /// The records, in two parts: the second's place is written first, so a damaged first part is found
    /// where it ends. (Decoding the two on two threads was measured no faster: allocation dominates.)
    private static func decodeRecords(_ reader: inout IndexReader, articles articlesFile: SourceFile?) throws(IndexUnusable) -> LoadedCorpus {
        let partTwoOffset = try reader.u64()
        guard partTwoOffset >= 8, partTwoOffset <= UInt64(reader.remaining + 8) else { throw IndexUnusable("the index file is damaged (its parts are out of place)") }
        let partTwoStart = reader.offset - 8 + Int(partTwoOffset)
        let first = try decodePartOne(&reader, articles: articlesFile)
        guard reader.offset == partTwoStart else { throw IndexUnusable("the index file is damaged (its first part does not end where the second starts)") }
        let (excerpts, linksBytes) = try decodePartTwo(&reader)
        let corpus = Corpus(articles: first.articles, actors: first.actors, statements: first.statements, events: first.events,
                            excerpts: excerpts, storedBackLinks: { decodeBackLinks(linksBytes) })
        return LoadedCorpus(corpus: corpus, problems: first.problems)
    }

    private static func decodePartOne(_ reader: inout IndexReader, articles articlesFile: SourceFile?) throws(IndexUnusable) -> PartOne {
        let articleCount = try reader.count(ofAtLeast: 8)
        var articles: [Article] = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
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
                guard let articlesFile, start <= Int.max - length else { throw IndexUnusable("the index file is damaged (a body with no file)") }
                body = ArticleBody(stored: articlesFile.storage, JSONStringSpan(range: start..<(start + length), hasEscapes: flags & 1 != 0, mayBeBlank: flags & 2 != 0))
            default: throw IndexUnusable("the index file is damaged (an unknown body)")
            }
            var article = Article(id: id, title: title, publisher: publisher, published: published, url: url, authors: authors, body: body)
            article.supplied = supplied
            article.extra = extra
            articles.append(article)
        }
        let actorCount = try reader.count(ofAtLeast: 8)
        var actors: [Actor] = []
        actors.reserveCapacity(actorCount)
        for _ in 0..<actorCount {
            let id = try reader.string()
            let supplied = try decodeSupplied(&reader)
            let extra = try decodeExtra(&reader)
            let name = try reader.string()
            let kind = try decodeEnum(ActorKind.self, &reader)
            var actor = Actor(id: id, name: name, kind: kind, aliases: try reader.strings(), country: try reader.optional(),
                              affiliations: try reader.strings(), role: try reader.optional())
            actor.supplied = supplied
            actor.extra = extra
            actors.append(actor)
        }
        let statementCount = try reader.count(ofAtLeast: 8)
        var statements: [Statement] = []
        statements.reserveCapacity(statementCount)
        for _ in 0..<statementCount {
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
            statement.excerpts = try reader.strings()
            statements.append(statement)
        }
        let eventCount = try reader.count(ofAtLeast: 8)
        var events: [Event] = []
        events.reserveCapacity(eventCount)
        for _ in 0..<eventCount {
            let id = try reader.string()
            let supplied = try decodeSupplied(&reader)
            let extra = try decodeExtra(&reader)
            var event = Event(id: id, date: try decodeDate(&reader), title: try reader.string(), actors: try reader.strings(),
                              statements: try reader.strings(), excerpts: try reader.strings())
            event.supplied = supplied
            event.extra = extra
            events.append(event)
        }
        let problemCount = try reader.count(ofAtLeast: 5)
        var problems: [Diagnostic] = []
        problems.reserveCapacity(problemCount)
        for _ in 0..<problemCount {
            let severity = try decodeEnum(Diagnostic.Severity.self, &reader)
            let file = try reader.string()
            var location: SourceLocation?
            if try reader.u8() == 1 { location = SourceLocation(file: try reader.string(), line: try reader.count(), column: try reader.count()) }
            problems.append(Diagnostic(severity, file: file, location: location, recordID: try reader.optional(), message: try reader.string()))
        }
        return PartOne(articles: articles, actors: actors, statements: statements, events: events, problems: problems)
    }

    private static func decodePartTwo(_ reader: inout IndexReader) throws(IndexUnusable) -> ([Excerpt], [UInt8]) {
        let excerptCount = try reader.count(ofAtLeast: 8)
        var excerpts: [Excerpt] = []
        excerpts.reserveCapacity(excerptCount)
        for _ in 0..<excerptCount {
            let id = try reader.string()
            let supplied = try decodeSupplied(&reader)
            let extra = try decodeExtra(&reader)
            var excerpt = Excerpt(id: id, article: try reader.string(), quote: try reader.string(), prefix: try reader.optional(),
                                  suffix: try reader.optional(), about: try reader.strings())
            excerpt.speaker = try reader.optional()
            excerpt.span = TextSpan(start: try reader.count(), end: try reader.count(), utf8Start: try reader.count(), utf8End: try reader.count())
            excerpt.anchor = try decodeEnum(Anchor.self, &reader)
            excerpt.passage = try reader.optional()
            excerpt.supplied = supplied
            excerpt.extra = extra
            excerpts.append(excerpt)
        }
        // The back-links' bytes are kept, and decoded the first time one is asked for.
        let linksLength = try reader.u64()
        guard linksLength <= UInt64(reader.remaining) else { throw IndexUnusable("the index file is cut short or damaged") }
        let linksBytes = Array(UnsafeRawBufferPointer(rebasing: reader.base[reader.offset..<(reader.offset + Int(linksLength))]))
        reader.offset += Int(linksLength)
        // Only the zeros that align the search text may follow.
        guard reader.remaining < 8, (reader.offset..<reader.base.count).allSatisfy({ reader.base[$0] == 0 }) else {
            throw IndexUnusable("the index file is damaged (bytes left over after the records)")
        }
        return (excerpts, linksBytes)
    }

    /// The back-links as written by `encodeRecords`; nil if they do not decode (then they are built
    /// again from the records: the checksum passed, so that would be our own bug, not a damaged file).
    static func decodeBackLinks(_ bytes: [UInt8]) -> Corpus.BackLinks? {
        bytes.withUnsafeBytes { raw in
            var reader = IndexReader(raw)
            do throws(IndexUnusable) {
                var maps: [[String: [String]]] = []
                for _ in 0..<4 {
                    let keyCount = try reader.count(ofAtLeast: 2)
                    var map: [String: [String]] = [:]
                    map.reserveCapacity(keyCount)
                    for _ in 0..<keyCount { map[try reader.string()] = try reader.strings() }
                    maps.append(map)
                }
                let roleActorCount = try reader.count(ofAtLeast: 2)
                var roles: [String: [Corpus.StatementRole]] = [:]
                roles.reserveCapacity(roleActorCount)
                for _ in 0..<roleActorCount {
                    let actor = try reader.string()
                    let roleCount = try reader.count(ofAtLeast: 2)
                    var list: [Corpus.StatementRole] = []
                    list.reserveCapacity(roleCount)
                    for _ in 0..<roleCount { list.append(Corpus.StatementRole(statement: try reader.string(), role: try decodeEnum(Corpus.StatementRole.Role.self, &reader))) }
                    roles[actor] = list
                }
                guard reader.remaining == 0 else { return nil }
                return Corpus.BackLinks(excerptsAbout: maps[0], recordsCiting: maps[1], excerptsInArticle: maps[2], statementRoles: roles, eventsMentioning: maps[3])
            } catch {
                return nil
            }
        }
    }

    private static func decodeEnum<T: RawRepresentable>(_ type: T.Type, _ reader: inout IndexReader) throws(IndexUnusable) -> T where T.RawValue == String {
        guard let value = T(rawValue: try reader.string()) else { throw IndexUnusable("the index file is damaged (an unknown \(T.self))") }
        return value
    }

    private static func decodeSupplied(_ reader: inout IndexReader) throws(IndexUnusable) -> Supplied? {
        guard try reader.u8() == 1 else { return nil }
        var supplied = Supplied(record: try reader.optional())
        for _ in 0..<(try reader.count(ofAtLeast: 2)) { supplied.fields.append((try reader.string(), try reader.string())) }
        return supplied
    }

    private static func decodeExtra(_ reader: inout IndexReader) throws(IndexUnusable) -> [ExtraField] {
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

    private static func decodeDate(_ reader: inout IndexReader) throws(IndexUnusable) -> PartialDate {
        let year = try reader.count()
        let month = try reader.count()
        let day = try reader.count()
        var date = PartialDate(year: year)
        if month > 0 { date.month = month }
        if day > 0 { date.day = day }
        return date
    }

    /// The folded search text, read in place from `mapping` (which starts at the file's first byte):
    /// every offset is checked against the buffer it points into, so a damaged file that slipped past
    /// the checksum is refused, not scanned out of bounds.
    static func decodeSearch(_ mapping: MappedFile, at offset: Int) throws(IndexUnusable) -> [FoldedBuffer] {
        var reader = IndexReader(mapping.base, at: offset)
        var segments: [FoldedBuffer] = []
        for _ in 0..<(try reader.count(ofAtLeast: 8)) {
            let startCount = try reader.count()
            let anchorCount = try reader.count()
            let lengthCount = try reader.count()
            let byteCount = try reader.count()
            try reader.skip(to: 8)
            let starts = try reader.ints(startCount)
            let anchorInts = try reader.ints(anchorCount * 2)
            try reader.need(lengthCount * 5)
            var foldedLengths: [UInt32: UInt8] = [:]
            foldedLengths.reserveCapacity(lengthCount)
            for _ in 0..<lengthCount { foldedLengths[try reader.u32()] = try reader.u8() }
            try reader.skip(to: 8)
            let byteCounts = try reader.ints(256)
            try reader.need(byteCount)
            guard let first = starts.first, let last = starts.last, first == 0, last == byteCount,
                  zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw IndexUnusable("the index file is damaged (its search text is out of place)")
            }
            let bytes = UnsafeRawBufferPointer(rebasing: mapping.base[reader.offset..<(reader.offset + byteCount)]).assumingMemoryBound(to: UInt8.self)
            reader.offset += byteCount
            let anchors = stride(from: 0, to: anchorInts.count, by: 2).map { FoldedBuffer.Anchor(folded: anchorInts[$0], original: anchorInts[$0 + 1]) }
            guard anchors.allSatisfy({ $0.folded >= 0 && $0.folded <= byteCount && $0.original >= 0 }) else {
                throw IndexUnusable("the index file is damaged (its search anchors are out of place)")
            }
            segments.append(FoldedBuffer(bytes: .mapped(bytes, owner: mapping), starts: starts, anchors: anchors,
                                         foldedLengths: foldedLengths, byteCounts: byteCounts))
        }
        guard reader.remaining == 0 else { throw IndexUnusable("the index file is damaged (bytes left over after its search text)") }
        return segments
    }
}
