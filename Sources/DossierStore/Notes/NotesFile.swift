import DossierCorpus
#if canImport(Glibc)
import Glibc
#endif

/// An analyst's note (or bookmark) on a record of the corpus, or on a span of an article.
public struct Note: Sendable, Equatable {
    public enum Kind: String, Sendable { case note, bookmark }

    public var id: String
    public var kind: Kind
    public var target: NoteTarget
    public var text: String
    public var author: String
    /// ISO 8601 times, as written.
    public var created: String
    public var updated: String
    public var deleted = false

    public init(id: String, kind: Kind, target: NoteTarget, text: String, author: String, created: String, updated: String) {
        self.id = id
        self.kind = kind
        self.target = target
        self.text = text
        self.author = author
        self.created = created
        self.updated = updated
    }

    /// The `#tags` in the text, in order, without the `#`.
    public var tags: [String] {
        var tags: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }) where word.hasPrefix("#") && word.count > 1 {
            let tag = String(word.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !tag.isEmpty && !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }
}

/// What a note is about: a record, and for a span of an article the words (a W3C TextQuoteSelector:
/// quote, prefix, suffix) with where they stood (code points), so it can be found again after the
/// article's text changes; or a part of a statement (`part`): a signatory, a lead or an addressee
/// (`signatory:aus`), or a count, known by the excerpt that gives it (`count:x-cdt-22-nations`).
public struct NoteTarget: Sendable, Equatable {
    public var record: String
    public var part: String?
    public var quote: String?
    public var prefix: String?
    public var suffix: String?
    public var start: Int?
    public var end: Int?

    public init(record: String, part: String? = nil, quote: String? = nil, prefix: String? = nil, suffix: String? = nil, start: Int? = nil, end: Int? = nil) {
        self.record = record
        self.part = part
        self.quote = quote
        self.prefix = prefix
        self.suffix = suffix
        self.start = start
        self.end = end
    }
}

/// One change to the notes, as one line of the file.
public enum NoteChange: Sendable, Equatable {
    case add(Note)
    case edit(id: String, text: String, author: String, at: String)
    case delete(id: String, author: String, at: String)
    case restore(id: String, author: String, at: String)
}

/// The notes of one corpus, kept in an append-only journal of JSON lines (docs/notes.md):
///
/// - Every change is one line, appended under an exclusive lock and flushed to the disk (fsync)
///   before `append` returns, so what the screen calls saved survives a crash or a power cut.
/// - Two writers (two SSH sessions) never lose each other's lines: each appends under the lock, and
///   `refresh` reads what others appended since.
/// - A torn last line (a write cut off by a crash) is reported and skipped when reading, and cut
///   away by the next writer before it appends; damaged lines elsewhere are reported and skipped.
/// - A file whose first line is not a notes header is refused, located, and never written to.
/// - `compact` writes the live notes to a new file and renames it over the old one; a writer holding
///   the old file notices (the path names another file now) and appends to the new one.
public final class NotesFile {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
        /// Located by line and column when about a line of the file; by the path alone when about
        /// the file as a whole (line 0: it cannot be opened, written, or its folder made).
        public var description: String { line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)" }
    }

    public let path: String
    /// The notes by id, in the order they were first added.
    public private(set) var notes: [Note] = []
    /// The notes not deleted: what the explorer shows.
    public var liveNotes: [Note] { notes.filter { !$0.deleted } }
    /// Lines that were skipped, located (a torn last line, a damaged line).
    public private(set) var warnings: [Problem] = []
    /// How far the file has been read: `refresh` reads from here.
    private var readOffset = 0
    private var lineNumber = 0
    private var index: [String: Int] = [:]

    static let header = "{\"dossier-notes\": 1}"

    /// Opens (and reads) the notes file at `path`, creating it (and its folder) on the first write.
    /// Throws when the file exists and is not a notes file, or cannot be read.
    public init(path: String) throws(Problem) {
        self.path = path
        try refresh()
    }

    /// The file as last read: `refreshIfChanged` reads again only when it differs.
    private struct Seen: Equatable {
        var inode: UInt64
        var size: Int
        var modified: Int
        var modifiedNanoseconds: Int

        init(_ status: stat) {
            inode = UInt64(status.st_ino)
            size = Int(status.st_size)
            modified = Int(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        }
    }
    private var seen: Seen?

    /// Reads the file again if it changed since the last read (another writer appended, or it was
    /// compacted): a `stat` when it did not. True when it was read.
    public func refreshIfChanged() throws(Problem) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        if let seen, seen == Seen(status) { return false }
        try refresh()
        return true
    }

    /// Reads what was appended since the last read (by this writer or another).
    public func refresh() throws(Problem) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            // Not there yet, or cannot be there (a file where its folder would be): no notes to read;
            // the first write says why it cannot be made.
            if errno == ENOENT || errno == ENOTDIR { return }
            throw Problem(path: path, line: 0, column: 0, message: "cannot read: \(AtomicFile.describe(errno: errno))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_SH) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        var status = stat()
        fstat(descriptor, &status)
        // Compacted since the last read (another file under the same name): read it from the start.
        if Int(status.st_size) < readOffset || (seen.map { $0.inode != UInt64(status.st_ino) } ?? false) { reset() }
        seen = Seen(status)
        let bytes = readAll(descriptor, from: readOffset)
        try consume(bytes)
    }

    private func reset() {
        notes = []
        index = [:]
        warnings = []
        readOffset = 0
        lineNumber = 0
    }

    private func readAll(_ descriptor: Int32, from offset: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var position = off_t(offset)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, position) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += chunk[..<count]
            position += off_t(count)
        }
        return bytes
    }

    /// Applies complete lines. A last line without its newline is complete when it parses (a header
    /// or a note written by hand or merged by git): it is applied, and read again once a writer has
    /// ended it. Only a last line that does not parse is torn (a write cut off, or one still being
    /// written): left unread and reported.
    private func consume(_ bytes: [UInt8]) throws(Problem) {
        var start = 0
        warnings.removeAll { $0.message.hasPrefix("the last line is incomplete") }
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                let last = Array(bytes[start...])
                if (try? JSONParser.parse(last)) != nil {
                    // Applied as line `lineNumber + 1`, but not counted as read: the newline a writer
                    // adds makes it a whole line, read again then (applying a change twice is harmless).
                    lineNumber += 1
                    defer { lineNumber -= 1 }
                    try apply(last)
                    return
                }
                warnings.append(Problem(path: path, line: lineNumber + 1, column: 1,
                                        message: "the last line is incomplete (a write was cut off); skipped"))
                return
            }
            lineNumber += 1
            let line = Array(bytes[start..<newline])
            readOffset += newline - start + 1
            start = newline + 1
            try apply(line)
        }
    }

    private func apply(_ line: [UInt8]) throws(Problem) {
        if lineNumber == 1 {
            guard Self.isHeader(line) else { throw notANotesFile }
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line).value
        } catch {
            warnings.append(Problem(path: path, line: lineNumber, column: 1, message: "a damaged line (\(error.message)); skipped"))
            return
        }
        guard let change = NoteCoding.change(from: value) else {
            warnings.append(Problem(path: path, line: lineNumber, column: 1, message: "not a note change; skipped"))
            return
        }
        apply(change)
    }

    private func apply(_ change: NoteChange) {
        switch change {
        case .add(let note):
            if let at = index[note.id] { notes[at] = note } else {
                index[note.id] = notes.count
                notes.append(note)
            }
        case .edit(let id, let text, _, let at):
            guard let position = index[id] else { return }
            notes[position].text = text
            notes[position].updated = at
        case .delete(let id, _, let at):
            guard let position = index[id] else { return }
            notes[position].deleted = true
            notes[position].updated = at
        case .restore(let id, _, let at):
            guard let position = index[id] else { return }
            notes[position].deleted = false
            notes[position].updated = at
        }
    }

    /// Appends a change and returns once it is on the disk; what others appended meanwhile is read too.
    public func append(_ change: NoteChange) throws(Problem) {
        let line = Array((JSONWriter.compact(NoteCoding.value(of: change)) + "\n").utf8)
        try withWritableFile { (descriptor) throws(Problem) in
            guard AtomicFile.writeAll(line, to: descriptor), fsync(descriptor) == 0 else {
                throw Problem(path: path, line: 0, column: 0, message: "cannot write: \(AtomicFile.describe(errno: errno))")
            }
        }
        try refresh()
    }

    /// Runs `body` with the file open for appending, exclusively locked, ending in a newline (a torn
    /// last line cut away), begun with the header, and still the file the path names.
    private func withWritableFile(_ body: (Int32) throws(Problem) -> Void) throws(Problem) {
        do {
            try AtomicFile.makeFolders(AtomicFile.split(path).directory, mode: 0o700)
        } catch {
            throw Problem(path: path, line: 0, column: 0, message: error.reason + " (" + error.path + ")")
        }
        while true {
            let (descriptor, refusal) = AtomicFile.openOwnFile(path, flags: O_RDWR | O_APPEND | O_CREAT)
            guard descriptor >= 0 else { throw Problem(path: path, line: 0, column: 0, message: "cannot open: \(refusal ?? "")") }
            defer { close(descriptor) }
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            defer { flock(descriptor, LOCK_UN) }
            // Compacted while this writer waited for the lock: the path names a new file now.
            var held = stat(), named = stat()
            fstat(descriptor, &held)
            if stat(path, &named) != 0 || held.st_ino != named.st_ino { continue }
            // Only the first line and the end are read: an append costs the same however long the file.
            let size = Int(held.st_size)
            if size == 0 {
                guard AtomicFile.writeAll(Array((Self.header + "\n").utf8), to: descriptor) else {
                    throw Problem(path: path, line: 0, column: 0, message: "cannot write: \(AtomicFile.describe(errno: errno))")
                }
            } else {
                guard Self.isHeader(firstLine(descriptor)) else { throw notANotesFile }
                // A last line without its newline: complete when it parses (the header alone, a note
                // written by hand or merged by git), and ended with a newline; torn otherwise (a write
                // that never finished, never reported saved), and cut away.
                let end = lastNewline(descriptor, size: size)
                let tailStart = end.map { $0 + 1 } ?? 0
                if tailStart < size {
                    var tail = [UInt8](repeating: 0, count: size - tailStart)
                    let count = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(tailStart)) }
                    if count == tail.count, (try? JSONParser.parse(tail)) != nil {
                        guard AtomicFile.writeAll(Array("\n".utf8), to: descriptor) else {
                            throw Problem(path: path, line: 0, column: 0, message: "cannot write: \(AtomicFile.describe(errno: errno))")
                        }
                    } else {
                        ftruncate(descriptor, off_t(tailStart))
                    }
                }
            }
            try body(descriptor)
            return
        }
    }

    var notANotesFile: Problem {
        Problem(path: path, line: 1, column: 1, message: "not a Dossier notes file: its first line is not \(Self.header)")
    }

    /// The first line: a notes file's header.
    static func isHeader(_ line: [UInt8]) -> Bool {
        guard case .object(let members)? = try? JSONParser.parse(line).value else { return false }
        return members.contains { $0.key == "dossier-notes" }
    }

    /// The file's first line (at most 4 KB: a header is a few bytes).
    private func firstLine(_ descriptor: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return Array(bytes.prefix(max(0, count)).prefix { $0 != 0x0A })
    }

    /// The offset of the file's last newline, read back from its end a chunk at a time.
    private func lastNewline(_ descriptor: Int32, size: Int) -> Int? {
        var end = size
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while end > 0 {
            let start = max(0, end - chunk.count)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, end - start, off_t(start)) }
            guard count > 0 else { return nil }
            if let last = chunk[..<count].lastIndex(of: 0x0A) { return start + last }
            end = start
        }
        return nil
    }

    /// Rewrites the file with one line per note (deleted ones kept, so they can still be restored),
    /// atomically: a new file renamed over the old.
    public func compact() throws(Problem) {
        try withWritableFile { (_) throws(Problem) in
            reset()
            try refreshLocked()
            var text = Self.header + "\n"
            for note in notes {
                text += JSONWriter.compact(NoteCoding.value(of: .add(note))) + "\n"
            }
            do {
                try AtomicFile.write(Array(text.utf8), to: path, replacing: true, mode: 0o600)
            } catch let failure as AtomicFile.Failure {
                throw Problem(path: path, line: 0, column: 0, message: failure.description)
            } catch {
                throw Problem(path: path, line: 0, column: 0, message: "\(error)")
            }
        }
        reset()
        try refresh()
    }

    /// `refresh` for a caller already holding the exclusive lock (flock on another descriptor of the
    /// same file would wait for it).
    private func refreshLocked() throws(Problem) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        try consume(readAll(descriptor, from: readOffset))
    }
}
