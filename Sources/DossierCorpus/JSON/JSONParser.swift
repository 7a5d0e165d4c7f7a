#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Why our own: Foundation's decoders report type errors by coding path only, and the corpus format
/// promises `file:line:column` for every syntax and type error. Keeping each value's byte offset also
/// lets semantic checks (dangling ids, unfound quotes) point at the exact value at fault.
/// Hostile input is expected: nesting depth is bounded, invalid UTF-8 and lone surrogates are errors.
public struct JSONParser {
    public struct SyntaxError: Error, Sendable, Equatable {
        public var offset: Int
        public var message: String
    }

    /// Deeper nesting than this is refused rather than risking the stack.
    public static let maximumDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONNode in
            var parser = Cursor(bytes: buffer)
            return try parser.parseDocument()
        }
    }

    /// Parses a document whose top level is an array one element at a time, handing each element to
    /// `each` and keeping nothing, so a large file never becomes one large tree. Returns false, having
    /// called nothing, when the top level is not an array (parse the whole document to say what it is).
    /// The grammar and every error are the same as `parse`'s.
    ///
    /// The string value of a member named `deferring` in an element object is checked like any other
    /// but not copied: it comes as `.deferredString`, its place in `bytes` (article bodies are most of
    /// a corpus, and are read again from the file when shown).
    public static func parseElements(_ bytes: [UInt8], deferring deferredKey: String? = nil, _ each: (JSONNode) -> Void) throws(SyntaxError) -> Bool {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> Bool in
            var parser = Cursor(bytes: buffer)
            parser.deferredKey = deferredKey
            return try parser.parseTopLevelElements(each)
        }
    }

    /// The UTF-8 of one JSON string given with its quotation marks, its escapes undone, appended to
    /// `text`. Not checked to be valid UTF-8 (that was done when the string was first parsed): for
    /// reading a deferred string again where no `String` is needed.
    static func appendUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, to text: inout [UInt8]) throws(SyntaxError) {
        var parser = Cursor(bytes: bytes)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { throw parser.fail("expected a string") }
        let end = bytes.count - 1
        var position = 1
        // From one escape to the next (memchr), each run between copied whole.
        while position < end {
            guard let found = memchr(bytes.baseAddress! + position, Int32(UInt8(ascii: "\\")), end - position) else { break }
            let escape = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<escape]))
            parser.position = escape
            try parser.parseEscape(into: &text)
            position = parser.position
        }
        guard position <= end else { throw parser.fail("expected the end of the string") }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
    }

    /// The text of one JSON string given with its quotation marks (a deferred string's bytes).
    public static func decodeString(_ bytes: [UInt8]) throws(SyntaxError) -> String {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> String in
            var parser = Cursor(bytes: buffer)
            guard buffer.first == UInt8(ascii: "\""), buffer.count >= 2 else { throw parser.fail("expected a string") }
            let text = try parser.parseString()
            guard parser.position == buffer.count else { throw parser.fail("expected the end of the string") }
            return text
        }
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// The member whose string value is deferred in objects that are elements of the top-level array.
    var deferredKey: String?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONParser.SyntaxError {
        JSONParser.SyntaxError(offset: offset ?? position, message: message)
    }

    mutating func parseDocument() throws(JSONParser.SyntaxError) -> JSONNode {
        try startDocument()
        let node = try parseValue()
        try endDocument()
        return node
    }

    /// Skips a byte order mark (most editors may write one) and white space; an empty document is an error.
    mutating func startDocument() throws(JSONParser.SyntaxError) {
        if let encoding = Cursor.otherEncoding(bytes) {
            throw fail("the file is \(encoding), not UTF-8; save it as UTF-8 (JSON files are UTF-8)", at: 0)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        if position == bytes.count {
            throw fail(bytes.isEmpty ? "the file is empty; expected a JSON value" : "expected a JSON value, found only white space")
        }
    }

    /// UTF-16 or UTF-32, told by a byte order mark or by the zero bytes around the first ASCII
    /// character (RFC 4627's way): a file saved so would otherwise get a bewildering first error.
    static func otherEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 2 else { return nil }
        let head = Array(bytes.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - bytes.count))
        let (a, b, c, d) = (head[0], head[1], head[2], head[3])
        let four = bytes.count >= 4
        if (a, b, c, d) == (0x00, 0x00, 0xFE, 0xFF) || (four && a == 0 && b == 0 && c == 0 && d != 0) { return "UTF-32 (big-endian)" }
        if (a, b, c, d) == (0xFF, 0xFE, 0x00, 0x00) || (four && a != 0 && b == 0 && c == 0 && d == 0) { return "UTF-32 (little-endian)" }
        if (a, b) == (0xFE, 0xFF) || (four && a == 0 && b != 0 && c == 0) { return "UTF-16 (big-endian)" }
        if (a, b) == (0xFF, 0xFE) || (four && a != 0 && b == 0 && d == 0) { return "UTF-16 (little-endian)" }
        return nil
    }

    mutating func endDocument() throws(JSONParser.SyntaxError) {
        skipWhitespace()
        if position != bytes.count {
            throw fail("unexpected \(describeByte(at: position)) after the end of the JSON value")
        }
    }

    mutating func parseTopLevelElements(_ each: (JSONNode) -> Void) throws(JSONParser.SyntaxError) -> Bool {
        try startDocument()
        guard bytes[position] == UInt8(ascii: "[") else { return false }
        try parseElements(each)
        try endDocument()
        return true
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 { return "a non-ASCII character" }
        return "control character 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func parseValue() throws(JSONParser.SyntaxError) -> JSONNode {
        guard position < bytes.count else { throw fail("unexpected end of file; expected a value") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"): return JSONNode(try parseObject(), offset: start)
        case UInt8(ascii: "["): return JSONNode(try parseArray(), offset: start)
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return JSONNode(.bool(true), offset: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return JSONNode(.bool(false), offset: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return JSONNode(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), offset: start)
        default:
            throw fail("unexpected \(describeByte(at: position)); expected a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParser.SyntaxError) {
        let start = position
        let utf8 = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in utf8 {
            guard position < bytes.count, bytes[position] == expected else {
                throw fail("invalid literal; expected '\(literal)'", at: start)
            }
            position += 1
        }
    }

    mutating func enter() throws(JSONParser.SyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw fail("nesting is deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    mutating func parseObject() throws(JSONParser.SyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        let open = position
        position += 1
        var members: [JSONMember] = []
        // Duplicate keys: looked for among the members so far, a set made only for a large object
        // (a set for every object was a tenth of decoding a corpus).
        var seenKeys: Set<String>?
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of file inside the object opened at byte \(open)") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw fail("unexpected \(describeByte(at: position)); expected a quoted key")
            }
            let keyOffset = position
            let key = try parseString()
            let duplicate: Bool
            if members.count < 16 {
                duplicate = members.contains { $0.key == key }
            } else {
                if seenKeys == nil { seenKeys = Set(members.map(\.key)) }
                duplicate = !seenKeys!.insert(key).inserted
            }
            if duplicate {
                throw fail("duplicate key \"\(key)\" in object", at: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("unexpected \(describeByte(at: position)); expected ':' after the key")
            }
            position += 1
            skipWhitespace()
            let node: JSONNode
            if depth == 2, key == deferredKey, position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                let start = position
                node = JSONNode(.deferredString(try scanString()), offset: start)
            } else {
                node = try parseValue()
            }
            members.append(JSONMember(key: key, keyOffset: keyOffset, node: node))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of file; expected ',' or '}'") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default:
                throw fail("unexpected \(describeByte(at: position)); expected ',' or '}'")
            }
        }
    }

    mutating func parseArray() throws(JSONParser.SyntaxError) -> JSONValue {
        var elements: [JSONNode] = []
        try parseElements { elements.append($0) }
        return .array(elements)
    }

    /// An array from its opening bracket, each element handed over as soon as it is parsed.
    mutating func parseElements(_ each: (JSONNode) -> Void) throws(JSONParser.SyntaxError) {
        try enter()
        defer { depth -= 1 }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            each(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of file; expected ',' or ']'") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                return
            default:
                throw fail("unexpected \(describeByte(at: position)); expected ',' or ']'")
            }
        }
    }

    mutating func parseNumber() throws(JSONParser.SyntaxError) -> String {
        let start = position
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw fail("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number: expected a digit in the exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Parses a string starting at the opening quote. The common case, a run with no escapes, is
    /// validated and copied in one step.
    mutating func parseString() throws(JSONParser.SyntaxError) -> String {
        let open = position
        position += 1
        var runStart = position
        var pieces: [UInt8] = []
        var hasEscapes = false
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while true {
            // Eight bytes at a time while none ends the string, starts an escape or is a control
            // character, as `scanString` does: an article body read again is a long run of plain text.
            while position + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                if Self.hasByte(0x22, in: word) || Self.hasByte(0x5C, in: word) || Self.hasByteBelowSpace(word) { break }
                position += 8
            }
            guard position < bytes.count else { throw fail("unterminated string", at: open) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                position += 1
                if !hasEscapes { return try makeString(run, startingAt: runStart) }
                pieces.append(contentsOf: run)
                return try pieces.withUnsafeBufferPointer { (text) throws(JSONParser.SyntaxError) -> String in try makeString(text, startingAt: open + 1) }
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                pieces.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try parseEscape(into: &pieces)
                runStart = position
            } else if byte < 0x20 {
                throw fail("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped inside a string")
            } else {
                position += 1
            }
        }
    }

    /// Checks a string from its opening quote as `parseString` does (same errors), without copying it.
    mutating func scanString() throws(JSONParser.SyntaxError) -> JSONStringSpan {
        let open = position
        position += 1
        var runStart = position
        var hasEscapes = false
        var visible = false
        var escaped: [UInt8] = []
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while true {
            // Eight bytes at a time while none ends the string, starts an escape or is a control
            // character (bodies are long runs of plain text); once text was seen, that is all to check.
            if visible {
                while position + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    if Self.hasByte(0x22, in: word) || Self.hasByte(0x5C, in: word) || Self.hasByteBelowSpace(word) { break }
                    position += 8
                }
            }
            guard position < bytes.count else { throw fail("unterminated string", at: open) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try validateUTF8(runStart..<position)
                position += 1
                return JSONStringSpan(range: open..<position, hasEscapes: hasEscapes, mayBeBlank: !visible)
            } else if byte == UInt8(ascii: "\\") {
                try validateUTF8(runStart..<position)
                hasEscapes = true
                escaped.removeAll(keepingCapacity: true)
                try parseEscape(into: &escaped)
                if !visible { visible = escaped.contains { $0 < 0x80 && !Self.isASCIIWhitespace($0) } }
                runStart = position
            } else if byte < 0x20 {
                throw fail("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped inside a string")
            } else {
                if !visible && byte < 0x80 && byte != 0x20 { visible = true }
                position += 1
            }
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes is `byte` (the exact "has zero byte" test on the word xor'ed).
    @inline(__always)
    static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits != 0
    }

    /// Whether any of the eight bytes is below 0x20 (exact for a bound up to 0x80).
    @inline(__always)
    static func hasByteBelowSpace(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highBits != 0
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    /// Throws at the first byte that does not begin a well-formed UTF-8 sequence (Unicode table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF), as `makeString` would.
    func validateUTF8(_ range: Range<Int>) throws(JSONParser.SyntaxError) {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            // Eight ASCII bytes at a time: most text is ASCII.
            while index + 8 <= end, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < end else { return }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; second = 0x80...0x8F
            default: throw fail("invalid UTF-8 in string", at: index)
            }
            guard index + length <= end, second.contains(bytes[index + 1]) else { throw fail("invalid UTF-8 in string", at: index) }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 {
                throw fail("invalid UTF-8 in string", at: index)
            }
            index += length
        }
    }

    func makeString(_ utf8: UnsafeBufferPointer<UInt8>, startingAt offset: Int) throws(JSONParser.SyntaxError) -> String {
        // Not `String(validating:as:)`: being generic, it looks up type metadata on every call, and
        // a corpus makes a string of every key and value (80 ns a string against 24 here, measured).
        if let string = String._tryFromUTF8(utf8) { return string }
        // Find the first bad sequence so the error points at it.
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = utf8.makeIterator()
        var good = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) { good += encoded.count }
        throw fail("invalid UTF-8 in string", at: offset + good)
    }

    mutating func parseEscape(into pieces: inout [UInt8]) throws(JSONParser.SyntaxError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw fail("unterminated escape sequence", at: escapeStart) }
        let code = bytes[position]
        position += 1
        switch code {
        case UInt8(ascii: "\""): pieces.append(0x22)
        case UInt8(ascii: "\\"): pieces.append(0x5C)
        case UInt8(ascii: "/"): pieces.append(0x2F)
        case UInt8(ascii: "b"): pieces.append(0x08)
        case UInt8(ascii: "f"): pieces.append(0x0C)
        case UInt8(ascii: "n"): pieces.append(0x0A)
        case UInt8(ascii: "r"): pieces.append(0x0D)
        case UInt8(ascii: "t"): pieces.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = try parseHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw fail("lone high surrogate \\u\(String(scalarValue, radix: 16, uppercase: true)) has no low surrogate after it", at: escapeStart)
                }
                position += 2
                let low = try parseHex4(escapeStart: escapeStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail("high surrogate is followed by \\u\(String(low, radix: 16, uppercase: true)), not a low surrogate", at: escapeStart)
                }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw fail("lone low surrogate \\u\(String(scalarValue, radix: 16, uppercase: true))", at: escapeStart)
            }
            // The checks above leave only valid scalar values.
            let scalar = Unicode.Scalar(scalarValue)!
            pieces.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw fail("invalid escape sequence '\\\(Character(Unicode.Scalar(code)))'", at: escapeStart)
        }
    }

    mutating func parseHex4(escapeStart: Int) throws(JSONParser.SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw fail("invalid \\u escape: expected four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
