/// Writes JSON text, pretty-printed with two-space indents and keys in the order given. Control, C1 and
/// bidi characters are written as \u escapes, so the output is safe to print on a terminal.
public enum JSONWriter {
    public static func write(_ value: JSONValue, indent: Int = 0) -> String {
        var output = ""
        write(value, indent: indent, into: &output)
        return output
    }

    /// The value on one line, with no spaces beyond those in its strings.
    public static func compact(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): return "[" + elements.map { compact($0.value) }.joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { member in
                var key = ""
                writeString(member.key, into: &key)
                return key + ":" + compact(member.node.value)
            }.joined(separator: ",") + "}"
        default: return write(value)
        }
    }

    static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): writeString(text, into: &output)
        case .deferredString:
            // Only the parser makes these, for text it leaves in the file; output is built from text.
            preconditionFailure("a deferred string has no text of its own to write")
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                write(element.value, indent: indent + 1, into: &output)
                output += index < elements.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                writeString(member.key, into: &output)
                output += ": "
                write(member.node.value, indent: indent + 1, into: &output)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x061C:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// Small builders so that record encoders read like the format they produce.
extension JSONValue {
    public static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in
            value.map { JSONMember(key: key, keyOffset: 0, node: JSONNode($0, offset: 0)) }
        })
    }

    public static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { JSONNode(.string($0), offset: 0) })
    }

    public static func list(_ values: [JSONValue]) -> JSONValue {
        .array(values.map { JSONNode($0, offset: 0) })
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
}
