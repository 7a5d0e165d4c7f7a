import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct JSONParserTests {
    @Test func parsesEveryValueKindAndKeepsOffsets() throws {
        let node = try parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x"}"#)
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyOffset == 1)
        #expect(members[1].node.offset == 43)
        guard case .array(let elements) = members[0].node.value else { Issue.record("not an array"); return }
        #expect(elements.count == 5)
        guard case .number(let text) = elements[1].value else { Issue.record("not a number"); return }
        #expect(text == "-2.5e3")
        #expect(elements[1].offset == 10)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#)
        guard case .string(let text) = node.value else { Issue.record("not a string"); return }
        #expect(text == "a\"b\\c/d\n\té😀")
    }

    @Test func keepsNonASCIITextExact() throws {
        let node = try parse("\"Türk 新疆 Raphae\u{308}l “quoted”\"")
        guard case .string(let text) = node.value else { Issue.record("not a string"); return }
        #expect(Array(text.unicodeScalars) == Array("Türk 新疆 Raphae\u{308}l “quoted”".unicodeScalars))
    }

    @Test func toleratesAByteOrderMark() throws {
        let node = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8))
        guard case .array(let elements) = node.value else { Issue.record("not an array"); return }
        #expect(elements.isEmpty)
    }

    @Test(arguments: [
        ("", 0, "the file is empty; expected a JSON value"),
        ("  ", 2, "expected a JSON value, found only white space"),
        ("[1,]", 3, "unexpected ']'; expected a value"),
        ("[1 2]", 3, "unexpected '2'; expected ',' or ']'"),
        ("{\"a\" 1}", 5, "unexpected '1'; expected ':' after the key"),
        ("{\"a\":1,\"a\":2}", 7, "duplicate key \"a\" in object"),
        ("{a:1}", 1, "unexpected 'a'; expected a quoted key"),
        ("\"abc", 0, "unterminated string"),
        ("\"a\u{1}b\"", 2, "control character 0x1 must be escaped inside a string"),
        ("\"\\x\"", 1, "invalid escape sequence '\\x'"),
        ("\"\\u12\"", 1, "incomplete \\u escape"),
        ("\"\\u12g4\"", 1, "invalid \\u escape: expected four hexadecimal digits"),
        ("\"\\ud800\"", 1, "lone high surrogate \\uD800 has no low surrogate after it"),
        ("\"\\udc00\"", 1, "lone low surrogate \\uDC00"),
        ("01", 0, "invalid number: leading zeros are not allowed"),
        ("1.", 2, "invalid number: expected a digit after '.'"),
        ("-", 1, "invalid number: expected a digit"),
        ("tru", 0, "invalid literal; expected 'true'"),
        ("[] []", 3, "unexpected '[' after the end of the JSON value"),
        ("[", 1, "unexpected end of file; expected a value"),
    ])
    func reportsSyntaxErrorsAtTheirByte(input: String, offset: Int, message: String) {
        #expect(throws: JSONParser.SyntaxError(offset: offset, message: message)) { try parse(input) }
    }

    @Test func pointsAtTheFirstInvalidUTF8Byte() {
        let bytes: [UInt8] = Array("[\"ok\", \"caf".utf8) + [0xE9] + Array("\"]".utf8)
        #expect(throws: JSONParser.SyntaxError(offset: 11, message: "invalid UTF-8 in string")) { try JSONParser.parse(bytes) }
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONParser.SyntaxError(offset: JSONParser.maximumDepth, message: "nesting is deeper than 256 levels")) { try parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func lineAndColumnCountScalarsNotBytes() {
        let file = SourceFile(name: "f.json", bytes: Array("{\n  \"新疆\": x".utf8))
        // "x" is byte 14; on line 2 it follows two spaces, a quote, two CJK characters, a quote, colon, space.
        #expect(file.lineAndColumn(ofByte: 14) == (2, 9))
        let collector = DiagnosticCollector()
        #expect(collector.location(in: file, ofByte: 14) == SourceLocation(file: "f.json", line: 2, column: 9))
        #expect(collector.location(in: file, ofByte: 0) == SourceLocation(file: "f.json", line: 1, column: 1))
    }

    @Test func thePositionIndexAgreesWithCountingFromTheStart() {
        // Lines long and short, multi-byte characters across the 4 KB checkpoints, offsets anywhere.
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "新疆", "Türk", "\n", "\n\n", String(repeating: "x", count: 5000), "😀", "\r\n"]
        var text = ""
        while text.utf8.count < 40_000 { text += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
        let file = SourceFile(name: "f.json", bytes: Array(text.utf8))
        let index = PositionIndex(file)
        for offset in [0, 1, 4095, 4096, 4097, 8192, text.utf8.count - 1, text.utf8.count, text.utf8.count + 10]
            + (0..<300).map({ _ in Int.random(in: 0..<text.utf8.count, using: &random) }) {
            #expect(index.location(ofByte: offset) == file.lineAndColumn(ofByte: offset), "offset \(offset)")
        }
    }

    @Test func elementsComeOneAtATimeWithTheirOffsets() throws {
        var offsets: [Int] = []
        let isArray = try JSONParser.parseElements(Array(#" [ {"a": 1}, "x", [2] ] "#.utf8)) { offsets.append($0.offset) }
        #expect(isArray && offsets == [3, 13, 18])
        #expect(try JSONParser.parseElements(Array("[]".utf8)) { _ in Issue.record("no element expected") })
        #expect(try !JSONParser.parseElements(Array(#"{"a": []}"#.utf8)) { _ in Issue.record("not an array") })
    }

    @Test(arguments: ["[1,]", "[1 2]", "[{\"a\":1,\"a\":2}]", "[\"abc", "[", "[] []", "", "  ", "[\"\\ud800\"]"])
    func elementsFailExactlyAsTheWholeDocumentDoes(input: String) {
        var whole: JSONParser.SyntaxError?
        do { _ = try parse(input) } catch { whole = error }
        #expect(whole != nil)
        #expect(throws: whole!) { try JSONParser.parseElements(Array(input.utf8)) { _ in } }
    }

    /// A deferred string read again as bytes: its escapes undone as `decodeString` does, and a string
    /// that is not one (cut short, a bad escape) refused.
    @Test func unescapedBytesAreTheDecodedString() throws {
        for json in [#""plain""#, #""a\nb\"c\\d\/e\tf""#, #""\u00e9t\u00E9 \ud83d\ude00!""#, #""""#, #""\n""#, #""tail\u4e2d""#] {
            let bytes = Array(json.utf8)
            var text: [UInt8] = []
            try bytes.withUnsafeBufferPointer { try JSONParser.appendUnescaped($0, to: &text) }
            #expect(text == Array(try JSONParser.decodeString(bytes).utf8), "\(json)")
        }
        for bad in [#""abc\""#, #""\x""#, #""\u12""#, #"abc""#, #"""#, #""\ud800x""#] {
            var text: [UInt8] = []
            #expect(throws: JSONParser.SyntaxError.self, "\(bad)") {
                try Array(bad.utf8).withUnsafeBufferPointer { try JSONParser.appendUnescaped($0, to: &text) }
            }
        }
    }
}

/// Issue 33: strings are written from their UTF-8 bytes, runs copied whole (a 100 MB body was written a
/// scalar at a time). The output is the same, character for character, as the scalar-by-scalar writer
/// kept here as the reference, over every class of character it escapes and many it does not.
@Suite struct JSONStringWritingTests {
    static func reference(_ text: String) -> String {
        var output = "\""
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
        return output + "\""
    }

    @Test func theBytesWriterWritesWhatTheScalarWriterDid() {
        let pieces = ["plain words", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é", "Türk",
                      "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}", "\u{2029}", "\u{2027}",
                      "\u{202F}", "新疆", "😀", "e\u{301}", "“quoted”", "\u{FEFF}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var written = ""
            JSONWriter.writeString(text, into: &written)
            #expect(written == Self.reference(text), "\(Self.reference(text))")
        }
    }
}
