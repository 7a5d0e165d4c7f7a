import DossierModel
import Synchronization

/// The reader's layouts and search matches for the last few articles shown. Laying out an article
/// wraps its whole body and finding a query folds it, and one key's update and frame ask for the same
/// article several times: for a body of megabytes that is the difference between one wait when the
/// article is opened and a wait on every key. A state's corpus never changes, so what is kept depends
/// only on its key, and keeping it never changes what is drawn. Copies of a state share it.
final class ReaderLayouts: Sendable {
    struct LayoutKey: Hashable {
        var article: String
        var width: Int
    }

    struct MatchesKey: Hashable {
        var article: String
        var query: String
    }

    /// A detail pane's rows depend on the record, the pane's width, whether the record is the
    /// statement marked with `m`, and the glyphs.
    struct DetailKey: Hashable {
        var record: String
        var width: Int
        var marked: Bool
        var glyphs: Glyphs
        /// The notes change what a record's detail shows (a note saved, or brought in from another writer).
        var notesRevision: Int
    }

    // Four: the reader, the two columns of a comparison, and the article before.
    private let layouts = Recent<LayoutKey, ReaderContent>(limit: 4)
    private let matches = Recent<MatchesKey, [Range<Int>]>(limit: 4)

    /// The layout, or nil when it is not kept and `make` cannot make it (its body is not read yet).
    func layout(of article: String, width: Int, make: () -> ReaderContent?) -> ReaderContent? {
        layouts.value(for: LayoutKey(article: article, width: width), make: make)
    }

    /// The detail pane's laid-out rows: one key's update and frame ask for them three times, and a
    /// record cited thousands of times has thousands of rows to wrap.
    private let details = Recent<DetailKey, [PaneLine]>(limit: 4)

    func detail(_ key: DetailKey, make: () -> [PaneLine]) -> [PaneLine] {
        details.value(for: key, make: make)
    }

    /// The notes' digest of the last revision of the notes made (see `NotesDigest`).
    private let notesDigestMade = Mutex<(revision: Int, digest: NotesDigest)?>(nil)

    /// The digest for `revision`; made from the last one (for another revision) when it is not kept.
    func notesDigest(revision: Int, make: (_ previous: NotesDigest?) -> NotesDigest?) -> NotesDigest? {
        let last = notesDigestMade.withLock { $0 }
        if let last, last.revision == revision { return last.digest }
        guard let made = make(last?.digest) else { return nil }
        notesDigestMade.withLock { $0 = (revision, made) }
        return made
    }

    func madeNotesDigest(revision: Int) -> NotesDigest? {
        notesDigestMade.withLock { $0?.revision == revision ? $0?.digest : nil }
    }

    func matches(of query: String, in article: String, make: () -> [Range<Int>]?) -> [Range<Int>]? {
        matches.value(for: MatchesKey(article: article, query: query), make: make)
    }
}

/// The values of the few keys used last, the most recent last.
final class Recent<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let limit: Int
    private let entries = Mutex<[(key: Key, value: Value)]>([])

    init(limit: Int) {
        self.limit = limit
    }

    func value(for key: Key, make: () -> Value) -> Value {
        // A value that is always made is always kept.
        value(for: key) { () -> Value? in make() }!
    }

    /// The value kept for `key`, else the one `make` makes (kept), else nil (nothing kept).
    func value(for key: Key, make: () -> Value?) -> Value? {
        let kept: Value? = entries.withLock { entries in
            guard let index = entries.lastIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.value
        }
        if let kept { return kept }
        // Made outside the lock: a long layout must not hold up another thread's lookups.
        guard let value = make() else { return nil }
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, value))
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
        }
        return value
    }
}
