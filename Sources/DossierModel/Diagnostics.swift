/// One input file as the loader read it: its name as shown in messages, and its bytes, kept so that a
/// byte offset can be turned into `line:column` when (and only when) something must be reported.
#if canImport(Glibc)
import Glibc
#endif

public struct SourceFile: Sendable {
    public let name: String
    /// The file on disk, when there is one: its bytes can then be let go after parsing and read again
    /// if a message needs a line and column.
    let path: String?
    private let storage: Storage

    public init(name: String, bytes: [UInt8], path: String? = nil) {
        self.name = name
        self.path = path
        self.storage = Storage(bytes)
    }

    public var bytes: [UInt8] { storage.bytes(rereadingFrom: path) }

    /// Frees the bytes once the file is parsed (a corpus is as large as its files): the strings parsed
    /// from them are copies. Only for files that can be read again; the loader never writes them.
    func releaseBytes() {
        if path != nil { storage.release() }
    }

    final class Storage: @unchecked Sendable {
        // The lock guards `held`, which a staged load may release on one thread while another reads.
        private let lock = NSLockLike()
        private var held: [UInt8]?

        init(_ bytes: [UInt8]) { held = bytes }

        func bytes(rereadingFrom path: String?) -> [UInt8] {
            lock.locked {
                if let held { return held }
                let reread = path.flatMap { try? CorpusLoader.readFile($0) } ?? []
                held = reread
                return reread
            }
        }

        func release() { lock.locked { held = nil } }
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, as editors do, so a
    /// line holding "Türk" or CJK text points at the same place an editor shows.
    public func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
        let bytes = self.bytes  // once: the property may reread a released file
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count lead bytes only: one per scalar
            }
            index += 1
        }
        return (line, column)
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

    public init(_ severity: Severity, file: String, location: SourceLocation? = nil, recordID: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.recordID = recordID
        self.message = message
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

/// A pthread mutex, so the model needs no Foundation lock for one small critical section.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
