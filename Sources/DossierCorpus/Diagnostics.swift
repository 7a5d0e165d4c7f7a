import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One input file as the loader read it: its name as shown in messages, and its bytes, kept so that a
/// byte offset can be turned into `line:column` when (and only when) something must be reported.

public struct SourceFile: Sendable {
    public let name: String
    package let storage: Storage

    /// A file held in memory (the bundled corpus, tests): its bytes stay for as long as it is used.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.storage = Storage(name: name, bytes: bytes)
    }

    /// A file on disk, opened now (so a missing or unreadable file is reported before anything is
    /// parsed) and read when it is first parsed. It stays open while anything parsed from it is used:
    /// article bodies are read from it when shown rather than held in memory.
    public static func open(_ path: String) throws(CorpusError) -> SourceFile {
        SourceFile(name: path, storage: try Storage(path: path))
    }

    /// A file read from `path` but named (in diagnostics) `name`: a corpus file read from the backup an
    /// unfinished edit keeps (see `CorpusTransaction`).
    public static func open(_ path: String, named name: String) throws(CorpusError) -> SourceFile {
        SourceFile(name: name, storage: try Storage(path: path))
    }

    private init(name: String, storage: Storage) {
        self.name = name
        self.storage = storage
    }

    public var bytes: [UInt8] { storage.bytes() }

    /// The bytes, or why the file cannot be read (an I/O error, or the file changed after it was opened).
    package func readBytes() throws(CorpusError) -> [UInt8] {
        do {
            return try storage.readAll()
        } catch {
            switch error {
            case .changed: throw .unreadable(path: name, reason: "the file changed while it was being read")
            case .failed(let reason): throw .unreadable(path: name, reason: reason)
            }
        }
    }

    /// A file on disk, whose bytes are let go after parsing (and read again when needed).
    var isOnDisk: Bool { storage.isOnDisk }

    /// The file's identity, size and times as it was opened; nil for a file held in memory or a pipe.
    public var stamp: FileStamp? { storage.stamp }

    /// Frees the bytes once the file is parsed (a corpus is as large as its files): what was parsed
    /// from them are copies, or places to read again. Files in memory keep theirs.
    func releaseBytes() { storage.release() }

    /// The file's bytes: held while parsing, then let go for a file on disk, whose descriptor is kept to
    /// read parts again. The loader never writes to it.
    package final class Storage: Sendable {
        /// The bytes while held, and whether they were let go: a staged load may release them on one
        /// thread while another reads.
        private let contents: Mutex<(held: [UInt8]?, released: Bool)>
        private let onDisk: (descriptor: Int32, size: Int, modified: timespec)?
        /// What the file was when it was opened, for the persistent index's staleness check.
        let stamp: FileStamp?
        /// The file's name as messages show it.
        let name: String

        init(name: String, bytes: [UInt8]) {
            self.name = name
            contents = Mutex((bytes, false))
            onDisk = nil
            stamp = nil
        }

        /// The most a pipe is read: it is held in memory whole, and a stream without end (`<(cat
        /// /dev/zero)`) must not take all of it. A corpus larger than this belongs in a file.
        static let pipeLimit = 1 << 30
        /// How long a pipe may stay silent before it is taken for one nothing writes to.
        static let pipeSilence: Int32 = 10_000

        init(path: String) throws(CorpusError) {
            name = path
            // What the path is decides how it is opened: a FIFO with no writer would block `open`
            // forever, and a device such as /dev/zero or /dev/urandom never ends.
            var kind = stat()
            guard stat(path, &kind) == 0 else { throw .unreadable(path: path, reason: Self.describe(errno: errno)) }
            switch kind.st_mode & S_IFMT {
            case S_IFDIR: throw .unreadable(path: path, reason: "is a directory")
            case S_IFCHR: throw .unreadable(path: path, reason: "is a character device (a terminal, /dev/zero…), not a file")
            case S_IFBLK: throw .unreadable(path: path, reason: "is a block device, not a file")
            case S_IFSOCK: throw .unreadable(path: path, reason: "is a socket, not a file")
            case S_IFIFO:
                // A pipe (`<(...)`, /dev/stdin) has no size and cannot be read twice: read it to its end
                // now and keep it, as a file held in memory.
                let descriptor = openWithoutWaiting(path)
                guard descriptor >= 0 else { throw .unreadable(path: path, reason: Self.describe(errno: errno)) }
                defer { close(descriptor) }
                contents = Mutex((try Self.readPipe(descriptor, path: path), false))
                onDisk = nil
                stamp = nil
                return
            default:
                break
            }
            let descriptor = openReadOnly(path)
            guard descriptor >= 0 else { throw .unreadable(path: path, reason: Self.describe(errno: errno)) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                let reason = Self.describe(errno: errno)
                close(descriptor)
                throw .unreadable(path: path, reason: reason)
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                close(descriptor)
                throw .unreadable(path: path, reason: "is not a regular file")
            }
            contents = Mutex((nil, false))
            onDisk = (descriptor, Int(status.st_size), status.st_mtim)
            stamp = FileStamp(status)
        }

        /// What an error number means, as `strerror` says it.
        static func describe(errno code: Int32) -> String {
            String(cString: strerror(code))
        }

        /// A pipe read to its end, waiting at most `pipeSilence` for each next chunk (a FIFO that
        /// nothing writes to is said to be one, not waited on for ever) and refusing more than
        /// `pipeLimit` bytes.
        private static func readPipe(_ descriptor: Int32, path: String) throws(CorpusError) -> [UInt8] {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var sawWriter = false
            while true {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, pipeSilence)
                if ready < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(path: path, reason: describe(errno: errno))
                }
                if ready == 0 {
                    throw .unreadable(path: path, reason: sawWriter
                        ? "the pipe sent nothing for \(pipeSilence / 1000) seconds"
                        : "is a pipe that nothing writes to (waited \(pipeSilence / 1000) seconds)")
                }
                let count = chunk.withUnsafeMutableBytes { readChunk(descriptor, into: $0) }
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw .unreadable(path: path, reason: describe(errno: errno))
                }
                if count == 0 { return bytes }
                sawWriter = true
                guard bytes.count + count <= pipeLimit else {
                    throw .unreadable(path: path, reason: "more than \(pipeLimit >> 30) GB came through the pipe; save the corpus as a file")
                }
                bytes.append(contentsOf: chunk[0..<count])
            }
        }

        deinit {
            if let onDisk { close(onDisk.descriptor) }
        }

        var isOnDisk: Bool { onDisk != nil }

        /// Texts decoded lately from this file, newest last, keyed by where they start: a screen asks for
        /// the same body again for every frame and for each search hit in it. At most about 1 MB. Also
        /// the last body too large for them, kept alone: the search screen asks for the text of each hit
        /// it shows, and reading a 200 MB body again for every one froze it for seconds.
        private struct RecentTexts {
            var texts: [(start: Int, text: String)] = []
            var bytes = 0
            var lastLarge: (start: Int, text: String)?
        }
        private let recent = Mutex(RecentTexts())
        static let recentLimit = 1 << 20

        func recentText(at start: Int) -> String? {
            recent.withLock { recent in
                if let large = recent.lastLarge, large.start == start { return large.text }
                return recent.texts.last { $0.start == start }?.text
            }
        }

        func remember(_ text: String, at start: Int) {
            let size = text.utf8.count
            guard size <= Self.recentLimit / 4 else {
                recent.withLock { $0.lastLarge = (start, text) }
                return
            }
            recent.withLock { recent in
                if recent.texts.contains(where: { $0.start == start }) { return }
                recent.texts.append((start, text))
                recent.bytes += size
                while recent.bytes > Self.recentLimit, let oldest = recent.texts.first {
                    recent.bytes -= oldest.text.utf8.count
                    recent.texts.removeFirst()
                }
            }
        }

        /// The whole file: read when first asked for and held until released; after that, read again
        /// for each caller (a message's line and column) and not held, as bodies may keep this open.
        func bytes() -> [UInt8] {
            (try? readAll()) ?? []
        }

        /// `bytes()`, saying why the file could not be read.
        func readAll() throws(ReadFailure) -> [UInt8] {
            try contents.withLock { (contents) throws(ReadFailure) -> [UInt8] in
                if let held = contents.held { return held }
                let read = try readUnlocked(0..<(onDisk?.size ?? 0))
                if !contents.released { contents.held = read }
                return read
            }
        }

        func release() {
            if onDisk != nil { contents.withLock { $0 = (nil, true) } }
        }

        enum ReadFailure: Error {
            /// The file's size or modification time is not what it was when it was opened.
            case changed
            case failed(String)
        }

        /// Bytes of the file as it was opened. A file changed on disk since then is refused rather than
        /// read as something else: offsets into it would no longer mean what they did.
        func read(_ range: Range<Int>) throws(ReadFailure) -> [UInt8] {
            if let held = contents.withLock({ $0.held }) {
                guard range.upperBound <= held.count else { throw .changed }
                return Array(held[range])
            }
            return try readUnlocked(range)
        }

        private func readUnlocked(_ range: Range<Int>) throws(ReadFailure) -> [UInt8] {
            guard let onDisk else { throw .failed("the file is not held in memory") }
            var status = stat()
            guard fstat(onDisk.descriptor, &status) == 0 else { throw .failed(String(cString: strerror(errno))) }
            guard Int(status.st_size) == onDisk.size, status.st_mtim.tv_sec == onDisk.modified.tv_sec,
                  status.st_mtim.tv_nsec == onDisk.modified.tv_nsec, range.upperBound <= onDisk.size else { throw .changed }
            let (bytes, outcome) = FileFill.bytes(from: onDisk.descriptor, range)
            switch outcome {
            case .complete: return bytes
            case .endedEarly: throw .changed  // shorter than when it was opened
            case .failed(let reason): throw .failed(reason)
            }
        }
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, as editors do, so a
    /// line holding "Türk" or CJK text points at the same place an editor shows.
    public func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
        let bytes = self.bytes  // once: the property may reread a released file
        var position = PositionIndex.Position()
        for byte in bytes.prefix(min(max(offset, 0), bytes.count)) { position.advance(byte) }
        return (position.line, position.column)
    }
}

public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A problem found in a corpus, located by file and line:column, and by the id of the record at fault
/// where there is one.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// The file named when no line is known (a missing file, a whole-file problem).
    public var file: String
    public var recordID: String?
    public var message: String
    /// How many more problems of this one's kind were found after it and not kept: counted, not
    /// located or stored, so a file of a million of one mistake costs what its first thousand do
    /// (issue 33). `dossier validate --all` keeps every one.
    public var alsoOmitted = 0

    public init(_ severity: Severity, file: String, location: SourceLocation? = nil, recordID: String? = nil, message: String,
                alsoOmitted: Int = 0) {
        self.severity = severity
        self.file = file
        self.location = location
        self.recordID = recordID
        self.message = message
        self.alsoOmitted = alsoOmitted
    }

    /// How many problems of a severity the list stands for: the ones kept and those they stand for.
    public static func count(_ problems: some Sequence<Diagnostic>, _ severity: Severity) -> Int {
        problems.reduce(0) { $0 + ($1.severity == severity ? 1 + $1.alsoOmitted : 0) }
    }

    /// What the problem is, apart from the values it names: `forum: "a" is not the id of any record`
    /// and `forum: "b" is not the id of any record` are one kind (quoted values and numbers set aside),
    /// so a thousand of one mistake can be told in a few lines.
    public var kind: String { Self.kind(of: message, severity: severity.rawValue) }

    /// The kind of a message, as `kind` says it (shared with the importer's problems, which are lines).
    /// Every problem found is counted by its kind, so this is made for each: an ASCII message (nearly
    /// all) is read as bytes; one with other characters as characters, where a digit may be any
    /// script's.
    public static func kind(of message: String, severity: String) -> String {
        var message = message
        if let kind = message.withUTF8({ asciiKind(of: $0, severity: severity) }) { return kind }
        var result = severity + ": "
        var quoted = false
        for character in message {
            if character == "\"" {
                quoted.toggle()
                if quoted { result += "\"…\"" }
            } else if quoted {
                continue
            } else if character.isNumber {
                if result.last != "#" { result.append("#") }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `kind` of an ASCII message, from its bytes; nil for one with any other byte.
    private static func asciiKind(of message: UnsafeBufferPointer<UInt8>, severity: String) -> String? {
        var result: [UInt8] = Array(severity.utf8) + [0x3A, 0x20]
        result.reserveCapacity(result.count + message.count)
        var quoted = false
        for byte in message {
            guard byte < 0x80 else { return nil }
            if byte == 0x22 {
                quoted.toggle()
                if quoted { result += [0x22, 0xE2, 0x80, 0xA6, 0x22] }  // "…"
            } else if quoted {
                continue
            } else if byte >= 0x30 && byte <= 0x39 {
                if result.last != 0x23 { result.append(0x23) }  // #
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// What messages of one kind have in common, for the line that counts the ones not printed: their
    /// values (quoted words, numbers) kept where every message has the same, "…" or "#" where they
    /// differ ("leads: "…" is not the id of any record", but "a state without its ISO 3166-1 alpha-3
    /// "country" code"). Issue 32: every quoted word was a placeholder, so `write {"id": …}` read
    /// `write {"…": "…"}`.
    public static func common(_ messages: some Sequence<String>) -> String {
        var merged: [(value: Bool, quoted: Bool, text: String, same: Bool)]?
        for message in messages {
            let parts = Self.parts(of: message)
            guard var kept = merged else {
                merged = parts.map { ($0.value, $0.quoted, $0.text, true) }
                continue
            }
            for (index, part) in parts.enumerated() where index < kept.count && kept[index].value && kept[index].text != part.text {
                kept[index].same = false
            }
            merged = kept
        }
        return (merged ?? []).map { part in
            guard part.value else { return part.text }
            if part.same { return part.quoted ? "\"" + part.text + "\"" : part.text }
            return part.quoted ? "\"…\"" : "#"
        }.joined()
    }

    /// A message split as `kind` splits it: literal text, and values (a quoted word, a run of digits).
    static func parts(of message: String) -> [(value: Bool, quoted: Bool, text: String)] {
        var parts: [(value: Bool, quoted: Bool, text: String)] = []
        var current = ""
        var quoted = false
        var digits = false
        func flush(value: Bool, quoted: Bool) {
            if !current.isEmpty || quoted { parts.append((value, quoted, current)) }
            current = ""
        }
        for character in message {
            if character == "\"" {
                if quoted { flush(value: true, quoted: true) } else { flush(value: digits, quoted: false) }
                quoted.toggle()
                digits = false
            } else if quoted {
                current.append(character)
            } else if character.isNumber != digits {
                flush(value: digits, quoted: false)
                digits = character.isNumber
                current.append(character)
            } else {
                current.append(character)
            }
        }
        flush(value: quoted || digits, quoted: quoted)
        return parts
    }

    /// `articles.json:12:5: error: [id] message`, the shape compilers use, which editors can jump to.
    public var description: String {
        var text: String
        if let location {
            text = "\(location.file):\(location.line):\(location.column): "
        } else {
            text = "\(file): "
        }
        text += "\(severity.rawValue): "
        if let recordID { text += "\(recordID): " }
        text += message
        return text
    }
}

private func openReadOnly(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

/// How filling a buffer from a file went (`fill`): every byte read, the file ended first, or a read
/// failed (with `strerror`'s reason).
package enum FileFill: Equatable {
    case complete
    case endedEarly
    case failed(String)

    /// Reads `buffer.count` bytes at `offset`, going on after a partial read or an interruption; also
    /// gives how many bytes were read.
    package static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32, at offset: Int) -> (read: Int, outcome: FileFill) {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                return (done, .failed(String(cString: strerror(errno))))
            }
            if count == 0 { return (done, .endedEarly) }
            done += count
        }
        return (done, .complete)
    }

    /// `count` bytes at `offset`, read straight into a new array's storage (no zeroing first: a large
    /// file is read once), and how the reading went.
    package static func bytes(from descriptor: Int32, _ range: Range<Int>) -> ([UInt8], FileFill) {
        var outcome = FileFill.complete
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            (initialized, outcome) = fill(UnsafeMutableRawBufferPointer(buffer), from: descriptor, at: range.lowerBound)
        }
        return (bytes, outcome)
    }
}

/// Opens a FIFO without waiting for a writer to open its other end.
private func openWithoutWaiting(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
}

private func readChunk(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
