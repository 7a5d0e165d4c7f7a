import DossierCorpus
import DossierStore
import CMappingGuard
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only mapping of an index file, unmapped when the last buffer using it is gone. Dossier only
/// ever replaces the index by renaming a new file over it, never writes it in place, so the mapped
/// pages keep the bytes that were checked. Another program may still cut it short or write into it:
/// the mapping is guarded (`IndexDamage`), so that is a reason to read the corpus again, never a crash.
// @unchecked: a pointer to read-only pages, never written through, unmapped only when the last
// owner is gone; the compiler cannot see that a raw pointer is safe to share.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawBufferPointer

    init?(descriptor: Int32, size: Int) {
        guard size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        base = UnsafeRawBufferPointer(start: address, count: size)
        dossier_guard_mapping(address, size, descriptor)
    }

    /// Bytes copied into an anonymous mapping (the fuzzer's stand-in for a file).
    init?(copying bytes: [UInt8]) {
        guard !bytes.isEmpty, let address = mmap(nil, bytes.count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              address != MAP_FAILED else { return nil }
        bytes.withUnsafeBytes { address.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        base = UnsafeRawBufferPointer(start: address, count: bytes.count)
    }

    deinit {
        dossier_unguard_mapping(base.baseAddress)
        munmap(UnsafeMutableRawPointer(mutating: base.baseAddress), base.count)
    }
}

/// Damage to an index file while it is mapped (cut short, or written into, by another program): a
/// read past its new end (SIGBUS) or a record that no longer decodes. Outside the explorer that ends
/// the program with its reason (exit 66). In the explorer (`recovering`) the read gives zeros or an
/// empty record instead, the damage is counted, and the explorer reads the corpus from its files again
/// before it shows anything drawn from the damaged index.
public enum IndexDamage {
    /// How many times damage was met, ever: compare with an earlier count.
    public static var count: Int { dossier_mapping_damage_count() }

    /// Whether damage is recovered from (the explorer sets it while it runs).
    public static func setRecovering(_ recovering: Bool) { dossier_mapping_set_recovering(recovering ? 1 : 0) }

    static var recovering: Bool { dossier_mapping_recovering() != 0 }

    /// Counts a mapped index file written into since it was mapped (its size or modification time
    /// changed) as damage: what was read from it may not be what was checked.
    public static func checkFiles() { dossier_mappings_check_files() }

    static func note() { dossier_mapping_note_damage() }
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
/// 48  u64 search checksum           of the search text (both checked on another thread)
/// 56  header: program version, the corpus's path, each file's name and `FileStamp`
///     records: u64 where the tables are; the problems the load found; each record from its id on,
///     articles (bodies as places in articles.json), actors, statements, events, excerpts (with spans)
///     tables (8-aligned): u64 count of each kind; u64 where each record starts; the ids (u32 starts,
///     u64 length, bytes); the lists' filter text (`ListFilterText`, the same way); the id hash table (u64 slots, u32 record number + 1 each); the ten
///     `CorpusOrders` lists (u64 count, u32 each); the search documents (u64 count, u64 code each);
///     the five back-link tables (u64 element count, u32 list starts a record each, u32 elements)
///     search: the folded documents of `SearchIndex`, each segment's tables, its blocks' `GramFilter`,
///     then its folded text, all read in place from a mapping
/// ```
/// Integers are little-endian; counts and string lengths inside records are base-128 varints. Places in
/// the records and tables count from file offset 32. The records and tables are read in place too
/// (`StoredCorpus`): a record is decoded when it is asked for.
public enum CorpusIndex {
    /// Raised whenever what is written changes meaning: an index of another format is rebuilt.
    public static let formatVersion: UInt32 = 9
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
        case filter(GramFilter)

        var count: Int {
            switch self {
            case .bytes(let bytes): return bytes.count
            case .folded(let bytes): return bytes.count
            case .filter(let filter): return filter.withWords { $0.count }
            }
        }

        func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            switch self {
            case .bytes(let bytes): return bytes.withUnsafeBytes(body)
            case .folded(let bytes): return bytes.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
            case .filter(let filter): return filter.withWords(body)
            }
        }
    }

    /// The index file, as the pieces to write one after the other.
    static func encode(_ loaded: LoadedCorpus, search: SearchIndex?, header: Header) -> [Piece] {
        let documents = search?.documents.codes.array ?? SearchIndex.Documents.codes(of: loaded.corpus)
        let search = search?.segments
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
        encodeRecords(loaded, documents: documents, into: &writer)
        var searchOffset = 0
        var searchPieces: [Piece] = []
        if let search {
            writer.align()
            searchOffset = writer.bytes.count
            searchPieces = encodeSearch(search, at: searchOffset)
        }
        // Taken from the writer, so filling in the head below does not copy it.
        var head: [UInt8] = []
        swap(&head, &writer.bytes)
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

    private static func encodeRecords(_ loaded: LoadedCorpus, documents: [UInt64], into writer: inout IndexWriter) {
        let corpus = loaded.corpus
        // Positions are counted in the bytes a reader keeps: from file offset 32 on.
        func position() -> Int { writer.bytes.count - 32 }
        func put(_ value: Int, at place: Int) {
            withUnsafeBytes(of: UInt64(value).littleEndian) { for (index, byte) in $0.enumerated() { writer.bytes[place + 32 + index] = byte } }
        }
        let placesAt = position()
        writer.u64(0)  // where the tables are: filled in below
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
            writer.count(problem.alsoOmitted)
        }
        // Each record starts with its id (the hash table compares ids there); where each starts is
        // kept for the table of offsets.
        var starts: [Int] = []
        starts.reserveCapacity(corpus.articles.count + corpus.actors.count + corpus.statements.count + corpus.events.count + corpus.excerpts.count)
        for article in corpus.articles {
            starts.append(position())
            encodeArticle(article, into: &writer)
        }
        for actor in corpus.actors {
            starts.append(position())
            encodeActor(actor, into: &writer)
        }
        for statement in corpus.statements {
            starts.append(position())
            encodeStatement(statement, into: &writer)
        }
        for event in corpus.events {
            starts.append(position())
            encodeEvent(event, into: &writer)
        }
        for excerpt in corpus.excerpts {
            starts.append(position())
            encodeExcerpt(excerpt, into: &writer)
        }
        writer.align()
        put(position(), at: placesAt)
        encodeTables(corpus, starts: starts, documents: documents, into: &writer)
    }

    /// The tables a warm open reads instead of the records: how many of each kind, where each record
    /// starts, the ids' hash table, the explorer's orders, and the search documents' codes.
    private static func encodeTables(_ corpus: Corpus, starts: [Int], documents: [UInt64], into writer: inout IndexWriter) {
        for count in [corpus.articles.count, corpus.actors.count, corpus.statements.count, corpus.events.count, corpus.excerpts.count] {
            writer.u64(UInt64(count))
        }
        for start in starts { writer.u64(UInt64(start)) }
        // Every id, by record number.
        let ids = corpus.articles.map(\.id) + corpus.actors.map(\.id) + corpus.statements.map(\.id) + corpus.events.map(\.id)
            + corpus.excerpts.map(\.id)
        encodeByteTable(ids.lazy.map { Array($0.utf8) }, into: &writer)
        // The lists' filter text, folded (none for excerpts).
        let filterTexts = corpus.articles.map { ListFilterText.parts(of: $0) } + corpus.actors.map { ListFilterText.parts(of: $0) }
            + corpus.statements.map { ListFilterText.parts(of: $0) } + corpus.events.map { ListFilterText.parts(of: $0) }
        encodeByteTable(filterTexts.lazy.map(ListFilterText.folded) + repeatElement([], count: corpus.excerpts.count), into: &writer)
        let slotCount = StoredCorpus.slotCount(for: starts.count)
        var slots = [UInt32](repeating: 0, count: slotCount)
        for (number, id) in ids.enumerated() {
            var id = id
            var slot = id.withUTF8 { Int(truncatingIfNeeded: StoredCorpus.hash($0)) } & (slotCount - 1)
            // An id given twice (never in a corpus without errors, the only kind indexed) is found as
            // the last, as the dictionary of a load from the JSON finds it.
            while slots[slot] != 0, ids[Int(slots[slot]) - 1] != id {
                slot = (slot + 1) & (slotCount - 1)
            }
            slots[slot] = UInt32(number + 1)
        }
        writer.u64(UInt64(slotCount))
        for slot in slots { writer.u32(slot) }
        writer.align()
        for list in corpus.orders.all {
            writer.u64(UInt64(list.count))
            for entry in list { writer.u32(entry) }
            writer.align()
        }
        writer.u64(UInt64(documents.count))
        for code in documents { writer.u64(code) }
        encodeLinks(corpus, into: &writer)
    }

    /// The back-links, so a warm open neither builds them nor reads more than the record shown: for
    /// each kind of link, where each record's list starts, then the lists, as record numbers. (Only
    /// a corpus whose links all name records is indexed: see `linksNameRecords`.)
    private static func encodeLinks(_ corpus: Corpus, into writer: inout IndexWriter) {
        let links = corpus.backLinks
        // Only a corpus whose links all name records is indexed: every number is a record's already.
        let total = links.recordCount
        for link in StoredCorpus.Link.allCases {
            let lists: [[UInt32]]
            switch link {
            case .excerptsAbout: lists = links.excerptsAbout
            case .recordsCiting: lists = links.recordsCiting
            case .excerptsInArticle: lists = links.excerptsInArticle
            case .eventsMentioning: lists = links.eventsMentioning
            case .statementRoles: lists = links.statementRoles
            }
            let kept = lists.prefix(total)
            writer.u64(UInt64(kept.reduce(0) { $0 + $1.count }))
            var start: UInt32 = 0
            writer.u32(0)
            for number in 0..<total {
                if number < kept.count { start += UInt32(kept[number].count) }
                writer.u32(start)
            }
            for list in kept { for element in list { writer.u32(element) } }
            writer.align()
        }
    }

    /// Whether every back-link is from and to a record: true of every corpus without errors (a
    /// reference to no record is one), the only kind indexed; checked all the same, as the index keeps
    /// links as record numbers.
    static func linksNameRecords(_ corpus: Corpus) -> Bool {
        corpus.backLinks.nameOnlyRecords
    }

    /// Bytes a record each (`StoredCorpus.ByteTable`): where each record's start, their length, the
    /// bytes, then zeros to a multiple of eight.
    private static func encodeByteTable(_ entries: some Sequence<[UInt8]>, into writer: inout IndexWriter) {
        var bytes: [UInt8] = []
        writer.u32(0)
        for entry in entries {
            bytes += entry
            writer.u32(UInt32(bytes.count))
        }
        writer.u64(UInt64(bytes.count))
        writer.raw(bytes)
        writer.align()
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
            // The blocks' filter (built now, from the folded text), its words before the text.
            let filter = segment.bytes.withUnsafeBufferPointer { GramFilter($0) }
            writer.count(filter.blockSize)
            writer.count(filter.wordsPerBlock)
            writer.align(at: position)
            let filterBytes = filter.withWords { $0.count }
            position += writer.bytes.count + filterBytes + segment.bytes.count
            pieces += [.bytes(writer.bytes), .filter(filter), .folded(segment.bytes)]
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
        guard let mapping = MappedFile(copying: bytes) else { throw IndexUnusable("empty") }
        let store = StoredCorpus(mapping, end: search == 0 ? bytes.count : search, articles: nil)
        let (loaded, documents) = try decodeStored(store, recordsStart: records - 32)
        // What a warm open trusts to its checksum, checked here: every record decodes.
        let corpus = loaded.corpus
        try checkAll(corpus.articles)
        try checkAll(corpus.actors)
        try checkAll(corpus.statements)
        try checkAll(corpus.events)
        try checkAll(corpus.excerpts)
        _ = corpus.backLinks
        guard search > 0 else { return (corpus, nil) }
        let segments = try decodeSearch(mapping, at: search)
        return (corpus, SearchIndex(corpus: corpus, segments: segments, documents: documents))
    }

    private static func checkAll<T>(_ records: RecordList<T>) throws(IndexUnusable) {
        guard case .stored(let list) = records.storage, let stored = list as? StoredRecords<T> else { return }
        for position in 0..<stored.count { _ = try stored.checkedRecord(at: position) }
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

    /// The records part of a mapped index: a corpus whose records are read from the mapping when asked
    /// for, and the search documents' codes. Every table's bounds are checked here; the bytes' checksum
    /// is `check`'s to test, before the corpus is used.
    static func stored(_ mapping: MappedFile, records: Int, search: Int, articles: SourceFile?) throws(IndexUnusable) -> (loaded: LoadedCorpus, documents: SearchIndex.Documents.Codes) {
        let store = StoredCorpus(mapping, end: search == 0 ? mapping.base.count : search, articles: articles)
        return try decodeStored(store, recordsStart: records - 32)
    }

    /// Checks the index's two checksums: the header and records' (from offset 32 to the search text)
    /// and, when `search` is asked for, the search text's. Read in chunks with `pread`, so checking does
    /// not bring the mapped file into this process's memory.
    static func check(_ descriptor: Int32, size: Int, search: Int, withSearch: Bool) throws(IndexUnusable) {
        let headEnd = search == 0 ? size : search
        try check(descriptor, 32..<headEnd, against: 24, what: "its checksum")
        if withSearch && search > 0 { try check(descriptor, search..<size, against: 48, what: "its search text's checksum") }
    }

    private static func check(_ descriptor: Int32, _ range: Range<Int>, against place: Int, what: String) throws(IndexUnusable) {
        let stored = try readBytes(descriptor, place..<(place + 8)).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        var checksum = IndexChecksum()
        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: min(chunkSize, range.count))
        var offset = range.lowerBound
        while offset < range.upperBound {
            let length = min(chunkSize, range.upperBound - offset)
            let outcome = chunk.withUnsafeMutableBytes { buffer in
                let (_, outcome) = FileFill.fill(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length]), from: descriptor, at: offset)
                if outcome == .complete { checksum.add(UnsafeRawBufferPointer(rebasing: buffer[0..<length])) }
                return outcome
            }
            try check(outcome)
            offset += length
        }
        guard checksum.value == stored else { throw IndexUnusable("the index file is damaged (\(what) does not match)") }
    }

    /// Reads the problems and the tables of a stored corpus (positions are in `store.bytes`), checking
    /// every table entry's bounds; the records themselves are decoded when asked for.
    static func decodeStored(_ store: StoredCorpus, recordsStart: Int) throws(IndexUnusable) -> (loaded: LoadedCorpus, documents: SearchIndex.Documents.Codes) {
        let bytes = store.bytes
        var reader = IndexReader(bytes, at: recordsStart)
        let tablesAt = try reader.u64()
        guard tablesAt <= UInt64(bytes.count), tablesAt % 8 == 0 else { throw IndexUnusable("the index file is damaged (its parts are out of place)") }
        let problemCount = try reader.count(ofAtLeast: 5)
        var problems: [Diagnostic] = []
        problems.reserveCapacity(problemCount)
        for _ in 0..<problemCount {
            let severity = try decodeEnum(Diagnostic.Severity.self, &reader)
            let file = try reader.string()
            var location: SourceLocation?
            if try reader.u8() == 1 { location = SourceLocation(file: try reader.string(), line: try reader.count(), column: try reader.count()) }
            problems.append(Diagnostic(severity, file: file, location: location, recordID: try reader.optional(), message: try reader.string(),
                                       alsoOmitted: try reader.count()))
        }

        var tables = IndexReader(bytes, at: Int(tablesAt))
        var counts: [Int] = []
        for _ in 0..<5 { counts.append(try tables.count(u64: 8)) }
        guard counts.reduce(0, +) <= tables.remaining / 8, counts.reduce(0, +) < Int(UInt32.max) else { throw IndexUnusable("the index file is damaged (a count larger than the file)") }
        store.setCounts(counts)
        store.offsetsAt = tables.offset
        try tables.need(store.total * 8)
        tables.offset += store.total * 8
        store.ids = try byteTable(&tables, records: store.total)
        store.filterTexts = try byteTable(&tables, records: store.total)
        let slotCount = try tables.count(u64: 4)
        guard slotCount >= 8, slotCount & (slotCount - 1) == 0, slotCount > store.total else { throw IndexUnusable("the index file is damaged (its id table)") }
        store.slotsAt = tables.offset
        store.slotMask = slotCount - 1
        tables.offset += slotCount * 4
        try tables.skip(to: 8)
        var lists: [[UInt32]] = []
        for _ in 0..<CorpusOrders.listCount {
            lists.append(try tables.u32s(try tables.count(u64: 4)))
            try tables.skip(to: 8)
        }
        let documentCount = try tables.count(u64: 8)
        let documents = SearchIndex.Documents.Codes.stored(store, at: tables.offset, count: documentCount)
        tables.offset += documentCount * 8
        for _ in StoredCorpus.Link.allCases {
            let elementCount = try tables.count(u64: 4)
            try tables.need((store.total + 1) * 4)
            let starts = tables.offset
            tables.offset += (store.total + 1) * 4
            try tables.need(elementCount * 4)
            store.linkTables.append((starts, tables.offset, elementCount))
            tables.offset += elementCount * 4
            try tables.skip(to: 8)
        }
        guard tables.remaining == 0 else { throw IndexUnusable("the index file is damaged (bytes left over after its tables)") }
        let orders = CorpusOrders(lists)
        try check(orders, counts: counts)

        let corpus = Corpus(stored: store,
                            articles: StoredRecords(store: store, kind: .article, decode: decodeArticle, standIn: Article.unreadable),
                            actors: StoredRecords(store: store, kind: .actor, decode: decodeActor, standIn: Actor.unreadable),
                            statements: StoredRecords(store: store, kind: .statement, decode: decodeStatement, standIn: Statement.unreadable),
                            events: StoredRecords(store: store, kind: .event, decode: decodeEvent, standIn: Event.unreadable),
                            excerpts: StoredRecords(store: store, kind: .excerpt, decode: decodeExcerpt, standIn: Excerpt.unreadable),
                            storedOrders: { orders })
        return (LoadedCorpus(corpus: corpus, problems: problems), documents)
    }

    /// A `StoredCorpus.ByteTable` as `encodeByteTable` wrote it: its place, and its size checked.
    private static func byteTable(_ tables: inout IndexReader, records: Int) throws(IndexUnusable) -> StoredCorpus.ByteTable {
        var table = StoredCorpus.ByteTable()
        table.startsAt = tables.offset
        try tables.need((records + 1) * 4)
        tables.offset += (records + 1) * 4
        table.bytesCount = try tables.count(u64: 1)
        table.bytesAt = tables.offset
        tables.offset += table.bytesCount
        try tables.skip(to: 8)
        return table
    }

    /// Every entry of every order names a record there is.
    private static func check(_ orders: CorpusOrders, counts: [Int]) throws(IndexUnusable) {
        let (articles, actors, statements, events) = (UInt32(counts[0]), UInt32(counts[1]), UInt32(counts[2]), UInt32(counts[3]))
        func timelineFits(_ code: UInt32) -> Bool { code >> 1 < (code & 1 == 0 ? statements : events) }
        let fits = orders.articlesByDate.allSatisfy { $0 < articles } && orders.articlesLongestFirst.allSatisfy { $0 < articles }
            && orders.statementsByDate.allSatisfy { $0 < statements } && orders.statementsLongestFirst.allSatisfy { $0 < statements }
            && [orders.actorsByName, orders.actorsByKind, orders.statesByName, orders.actorsLongestFirst].allSatisfy { $0.allSatisfy { $0 < actors } }
            && orders.timeline.allSatisfy(timelineFits) && orders.timelineLongestFirst.allSatisfy(timelineFits)
        guard fits else { throw IndexUnusable("the index file is damaged (an order names no record)") }
    }

    // Each kind's record as `encodeRecords` wrote it, from its id on.










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
            guard startCount <= reader.remaining / 8, anchorCount <= reader.remaining / 16, lengthCount <= reader.remaining / 5 else {
                throw IndexUnusable("the index file is damaged (a count larger than the file)")
            }
            // The starts are read in place (8 bytes a document), checked below.
            try reader.need(startCount * 8)
            let starts = FoldedBuffer.Starts(storage: .mapped(UnsafeRawBufferPointer(rebasing: mapping.base[reader.offset..<(reader.offset + startCount * 8)]), owner: mapping))
            reader.offset += startCount * 8
            let anchorInts = try reader.ints(anchorCount * 2)
            try reader.need(lengthCount * 5)
            var foldedLengths: [UInt32: UInt8] = [:]
            foldedLengths.reserveCapacity(lengthCount)
            for _ in 0..<lengthCount { foldedLengths[try reader.u32()] = try reader.u8() }
            try reader.skip(to: 8)
            let byteCounts = try reader.ints(256)
            let blockSize = try reader.count()
            let wordsPerBlock = try reader.count()
            try reader.skip(to: 8)
            guard blockSize > 0, blockSize <= 1 << 30, wordsPerBlock > 0, wordsPerBlock <= 1 << 20, wordsPerBlock & (wordsPerBlock - 1) == 0 else {
                throw IndexUnusable("the index file is damaged (its search filter is out of shape)")
            }
            let blockCount = (byteCount + blockSize - 1) / blockSize
            try reader.need(blockCount * wordsPerBlock * 8)
            let filterWords = UnsafeRawBufferPointer(rebasing: mapping.base[reader.offset..<(reader.offset + blockCount * wordsPerBlock * 8)])
            reader.offset += blockCount * wordsPerBlock * 8
            let filter = GramFilter(blockSize: blockSize, wordsPerBlock: wordsPerBlock, blockCount: blockCount, words: .mapped(filterWords, owner: mapping))
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
                                         foldedLengths: foldedLengths, byteCounts: byteCounts, filter: filter))
        }
        guard reader.remaining == 0 else { throw IndexUnusable("the index file is damaged (bytes left over after its search text)") }
        return segments
    }
}
