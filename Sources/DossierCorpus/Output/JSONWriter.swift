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

    /// A string's JSON: `"`, `\\` and the control characters escaped, and the characters that
    /// reorder or break lines unseen (bidirectional marks and isolates, U+2028/9, C1 controls) written
    /// as `\\u` escapes, so a diff of a corpus file shows them. Built from the UTF-8 bytes, copying
    /// everything else as it is (a 100 MB body was written a scalar at a time: issue 33).
    static func writeString(_ text: String, into output: inout String) {
        var text = text
        let escaped: [UInt8] = text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 2)
            result.append(0x22)
            func unicodeEscape(_ value: UInt32) {
                let hex = Array(String(value, radix: 16, uppercase: true).utf8)
                result += Array("\\u".utf8) + Array(repeating: 0x30, count: 4 - hex.count) + hex
            }
            // Runs that need no escape are copied whole.
            var runStart = 0
            var index = 0
            func flush(to end: Int) {
                if end > runStart { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C {
                    index += 1
                    continue
                }
                if byte < 0x80 {
                    flush(to: index)
                    switch byte {
                    case 0x22: result += [0x5C, 0x22]
                    case 0x5C: result += [0x5C, 0x5C]
                    case 0x0A: result += [0x5C, 0x6E]
                    case 0x0D: result += [0x5C, 0x72]
                    case 0x09: result += [0x5C, 0x74]
                    default: unicodeEscape(UInt32(byte))
                    }
                    index += 1
                    runStart = index
                    continue
                }
                // A scalar of two to four bytes (the string is valid UTF-8).
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                switch value {
                case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x061C:
                    flush(to: index)
                    unicodeEscape(value)
                    index += length
                    runStart = index
                default:
                    index += length
                }
            }
            flush(to: index)
            result.append(0x22)
            return result
        }
        output += String(decoding: escaped, as: UTF8.self)
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
