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
}

public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number's text as written (RFC 8259 grammar already checked), converted on use.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in source order; duplicate keys are rejected by the parser.
    case object([JSONMember])

    /// The JSON type name used in error messages ("expected a string, found an array").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
