/// One input file as the loader read it: its name as shown in messages, and its bytes, kept so that a
/// byte offset can be turned into `line:column` when (and only when) something must be reported.
public struct SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, as editors do, so a
    /// line holding "Türk" or CJK text points at the same place an editor shows.
    public func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
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
