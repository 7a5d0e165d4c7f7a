/// A parsed JSON value that remembers where it stood in its file, so that type and semantic errors found
/// later can be reported as `file:line:column` and not only by coding path.
public struct JSONNode: Sendable {
    public var value: JSONValue
    /// Byte offset of the value's first byte in the source.
    public var offset: Int

    public init(_ value: JSONValue, offset: Int) {
        self.value = value
        self.offset = offset
    }
}

public struct JSONMember: Sendable {
    public var key: String
    public var keyOffset: Int
    public var node: JSONNode

    package init(key: String, keyOffset: Int, node: JSONNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.node = node
    }
}

public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number's text as written (RFC 8259 grammar already checked), converted on use.
    case number(String)
    case string(String)
    /// A string checked but not copied (see `JSONParser.parseElements(_:deferring:_:)`).
    case deferredString(JSONStringSpan)
    case array([JSONNode])
    /// Members in source order; duplicate keys are rejected by the parser.
    case object([JSONMember])

    /// The JSON type name used in error messages ("expected a string, found an array").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string, .deferredString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Where a string the parser checked, but did not copy, stands in its source: an article body, read
/// again from the file when it is needed.
public struct JSONStringSpan: Sendable, Hashable {
    /// The string's bytes in the source, both quotation marks included.
    public var range: Range<Int>
    /// Holds escape sequences: decode it with `JSONParser.decodeString`; without, the bytes between the
    /// quotation marks are the text.
    public var hasEscapes: Bool
    /// Nothing in it was seen to be other than white space (it may still hold non-ASCII text).
    public var mayBeBlank: Bool

    package init(range: Range<Int>, hasEscapes: Bool, mayBeBlank: Bool) {
        self.range = range
        self.hasEscapes = hasEscapes
        self.mayBeBlank = mayBeBlank
    }
}
