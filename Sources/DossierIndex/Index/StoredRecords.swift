import DossierCorpus
import DossierStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The records part of a persistent index, read in place from the mapped file for the life of the
/// corpus: each record is decoded when it is asked for, found by a table of where each starts, and an
/// id through a hash table of record numbers, so opening reads the tables (checking their bounds) and
/// no record; only the pages of what is shown are brought into memory. A record's number is its place
/// across the kinds in `RecordKind` order (all articles, then actors, statements, events, excerpts).
// @unchecked: its counts and table places are set while it is opened, on one thread, before it is
// shared; after that it only reads its read-only mapping.
final class StoredCorpus: RecordStore, @unchecked Sendable {  // immutable once opened
    private let mapping: MappedFile
    /// The file from offset 32 (after the magic, version, length and checksum) to the search text:
    /// every position in the records part counts from there.
    let bytes: UnsafeRawBufferPointer
    /// Records of each kind, and the number of each kind's first (set once the tables are read).
    private(set) var counts: [Int] = [0, 0, 0, 0, 0]
    private(set) var bases: [Int] = [0, 0, 0, 0, 0]
    var total: Int { bases[4] + counts[4] }
    /// Where the tables are in `bytes`.
    var offsetsAt = 0
    var slotsAt = 0
    var slotMask = 0
    typealias Link = StoredLink
    /// The back-links, a table each: for every record, where its list starts in the elements (a
    /// record's number, or for `statementRoles` a statement's number with the role).
    var linkTables: [(starts: Int, elements: Int, count: Int)] = []

    /// Record `number`'s list in one of the back-link tables. Entries are checked as they are read (a
    /// list outside the elements is empty, an element naming no record is left out), so nothing is
    /// read outside the file even where the checksum missed damage, and opening reads no table whole.
    func links(_ link: Link, ofRecord number: Int) -> [UInt32] {
        guard number >= 0, number < total else { return [] }
        let table = linkTables[link.rawValue]
        let first = Int(u32(at: table.starts + number * 4))
        let end = Int(u32(at: table.starts + number * 4 + 4))
        guard first <= end, end <= table.count else { return [] }
        let limit = UInt32(total) << (link == .statementRoles ? 2 : 0)
        return (first..<end).map { u32(at: table.elements + $0 * 4) }.filter { $0 < limit }
    }

    /// The file article bodies are read from (nil in the fuzzer, whose bodies are all in the index).
    let articles: SourceFile?

    /// The records part of `mapping`: its bytes from offset 32 up to `end`.
    init(_ mapping: MappedFile, end: Int, articles: SourceFile?) {
        self.mapping = mapping
        bytes = UnsafeRawBufferPointer(rebasing: mapping.base[32..<end])
        self.articles = articles
        // Records are read here and there, a few at a time: without this the kernel maps each fault's
        // neighbourhood too (as much as a large folio), and a warm open's memory grows with pages it
        // never reads.
        madvise(UnsafeMutableRawPointer(mutating: mapping.base.baseAddress), end, MADV_NOHUGEPAGE)
    }

    func setCounts(_ counts: [Int]) {
        self.counts = counts
        var running = 0
        bases = counts.map { count in
            defer { running += count }
            return running
        }
    }

    func u64(at offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    func u32(at offset: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }

    /// Where record `number` starts in `bytes`.
    /// (A place outside the bytes, which only damage could write, is given as their end: reading a
    /// record there fails cleanly.)
    func start(ofRecord number: Int) -> Int {
        let place = u64(at: offsetsAt + number * 8)
        return place < UInt64(bytes.count) ? Int(place) : bytes.count
    }

    /// The kind of record `number`, and its position in that kind's list.
    func position(ofRecord number: Int) -> (kind: RecordKind, index: Int) {
        var kind = 4
        while number < bases[kind] { kind -= 1 }
        return (RecordKind(number: kind), number - bases[kind])
    }

    /// Bytes kept a record each, in a table of their own (u32 where each record's start, one more
    /// marking the end; u64 their length; the bytes), so reading one kind of thing for many records
    /// reads only that table, not the pages of every record.
    struct ByteTable {
        var startsAt = 0
        var bytesAt = 0
        var bytesCount = 0

        /// Where record `number`'s bytes are in the store's `bytes`: empty when it has none, or
        /// where damage put them outside the table.
        func range(ofRecord number: Int, in store: StoredCorpus) -> Range<Int> {
            guard number >= 0, number < store.total else { return 0..<0 }
            let first = Int(store.u32(at: startsAt + number * 4))
            let end = Int(store.u32(at: startsAt + number * 4 + 4))
            guard first <= end, end <= bytesCount else { return 0..<0 }
            return (bytesAt + first)..<(bytesAt + end)
        }
    }

    /// Every id.
    var ids = ByteTable()
    /// Every record's folded text for the lists' filter (`ListFilterText`).
    var filterTexts = ByteTable()

    /// Where record `number`'s filter text is in `bytes`; nil when it has none.
    func filterText(ofRecord number: Int) -> UnsafeRawBufferPointer? {
        let range = filterTexts.range(ofRecord: number, in: self)
        return range.isEmpty ? nil : UnsafeRawBufferPointer(rebasing: bytes[range])
    }

    /// A record's id.
    func id(ofRecord number: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[ids.range(ofRecord: number, in: self)]).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }

    /// The number of the record with this id, through the hash table (linear probing; a slot holds a
    /// record's number plus one, zero when empty).
    func number(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { wanted in
            var slot = Int(truncatingIfNeeded: Self.hash(wanted)) & slotMask
            // At most once round the table, and only entries that name a record: a damaged table can
            // neither loop nor lead outside the file.
            for _ in 0...slotMask {
                let entry = Int(u32(at: slotsAt + slot * 4))
                guard entry > 0 else { return nil }
                if entry <= total, idEquals(ofRecord: entry - 1, wanted) { return entry - 1 }
                slot = (slot + 1) & slotMask
            }
            return nil
        }
    }

    private func idEquals(ofRecord number: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ids.range(ofRecord: number, in: self)
        guard range.count == wanted.count else { return false }
        return range.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, wanted.baseAddress!, range.count) == 0
    }

    /// FNV-1a over an id's UTF-8: the index is a cache of our own answers, not facing untrusted keys.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The hash table's size for `total` records: a power of two at least twice as large, so probes
    /// stay short.
    static func slotCount(for total: Int) -> Int {
        var slots = 8
        while slots < total * 2 { slots <<= 1 }
        return slots
    }
}

/// The records of one kind in a `StoredCorpus`, decoded one at a time.
struct StoredRecords<Record: Sendable>: StoredRecordList {
    let store: StoredCorpus
    let kind: RecordKind
    let decode: @Sendable (inout IndexReader, StoredCorpus) throws(IndexUnusable) -> Record
    /// What stands for a record that no longer decodes (`unreadable(id:)`), while the explorer
    /// recovers from a damaged index.
    let standIn: @Sendable (String) -> Record

    var count: Int { store.counts[kind.number] }

    func record(at position: Int) -> Record {
        precondition(position >= 0 && position < count, "record \(position) of \(count)")
        do {
            return try checkedRecord(at: position)
        } catch {
            // The bytes matched their checksum and their tables were checked when opened: a record that
            // does not decode now is a file changed in place under us (or a bug). The explorer takes
            // an empty record, counts the damage and reads the corpus's files again before it shows
            // anything (`IndexDamage`); elsewhere it is said, where the user can read it (`FatalReport`).
            if IndexDamage.recovering {
                IndexDamage.note()
                return standIn(recordID(at: position))
            }
            FatalReport.fail("the corpus index changed while it was in use (\(kind) record \(position): \(error.reason)); "
                             + "run the command again: it reads the corpus and writes a new index (dossier cache clear removes the old)")
        }
    }

    func checkedRecord(at position: Int) throws(IndexUnusable) -> Record {
        var reader = IndexReader(store.bytes, at: store.start(ofRecord: store.bases[kind.number] + position))
        return try decode(&reader, store)
    }

    func recordID(at position: Int) -> String { store.id(ofRecord: store.bases[kind.number] + position) }
}

// A record that stands for one the index no longer holds readably: only its id, nothing claimed about
// it. Never shown: the explorer reads the corpus again before drawing from a damaged index.

extension Article {
    static func unreadable(id: String) -> Article { Article(id: id, title: "", publisher: "", published: PartialDate(year: 1), body: "") }
}

extension Actor {
    static func unreadable(id: String) -> Actor { Actor(id: id, name: id, kind: .other) }
}

extension Statement {
    static func unreadable(id: String) -> Statement { Statement(id: id, title: "", kind: .other, date: PartialDate(year: 1), stance: .neutral) }
}

extension Event {
    static func unreadable(id: String) -> Event { Event(id: id, date: PartialDate(year: 1), title: "") }
}

extension Excerpt {
    static func unreadable(id: String) -> Excerpt { Excerpt(id: id, article: "", quote: "") }
}

/// How a failure that cannot be recovered from in place is reported: by default the message on
/// standard error and exit 66 (a file changed while it was being read, as the README's exit codes say),
/// never a trap; the explorer sets `handler` to put the terminal back first (a message written on
/// curses' alternate screen would be lost).
public enum FatalReport {
    nonisolated(unsafe) public static var handler: (@Sendable (String) -> Never)?

    public static func fail(_ message: String) -> Never {
        if let handler { handler(message) }
        let line = Array(("dossier: " + message + "\n").utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(66)
    }
}
