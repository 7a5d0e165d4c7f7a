/// A corpus file (a JSON array of records) as bytes, changed one record at a time: a record added,
/// replaced or removed changes only its own lines, and every other byte is kept, so a corpus kept in
/// git shows a small diff.
struct RecordFile {
    struct Record {
        var id: String
        /// The record's bytes, from its `{` to its `}`.
        var range: Range<Int>
        var value: JSONValue
    }

    private(set) var bytes: [UInt8]
    private(set) var records: [Record]

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Nil when the bytes are not a JSON array.
    init?(_ bytes: [UInt8]) {
        guard case .array(let nodes)? = try? JSONParser.parse(bytes).value else { return nil }
        self.bytes = bytes
        var records: [Record] = []
        guard let close = bytes.lastIndex(where: { !Self.isSpace($0) }), bytes[close] == UInt8(ascii: "]") else { return nil }
        for (index, node) in nodes.enumerated() {
            // A record ends at the last byte before the comma that follows it (or the closing bracket).
            var end = index + 1 < nodes.count ? nodes[index + 1].offset : close
            end -= 1
            while end > node.offset && Self.isSpace(bytes[end]) { end -= 1 }
            if index + 1 < nodes.count {
                guard bytes[end] == UInt8(ascii: ",") else { return nil }
                end -= 1
                while end > node.offset && Self.isSpace(bytes[end]) { end -= 1 }
            }
            var id = ""
            if case .object(let members) = node.value, case .string(let text)? = members.first(where: { $0.key == "id" })?.node.value { id = text }
            records.append(Record(id: id, range: node.offset..<(end + 1), value: node.value))
        }
        self.records = records
    }

    /// A record as the data format writes it: two spaces in, members one to a line.
    static func text(of value: JSONValue) -> String {
        JSONWriter.write(value, indent: 1)
    }

    func index(of id: String) -> Int? {
        records.firstIndex { $0.id == id }
    }

    func text(at index: Int) -> String {
        String(decoding: bytes[records[index].range], as: UTF8.self)
    }

    /// Inserts a record's text before the record at `index` (at the end when `index` is nil or past it).
    mutating func insert(_ text: String, at index: Int?) {
        let new = Array(text.utf8)
        if let index, index < records.count {
            let start = records[index].range.lowerBound
            // The same separator as between the records already there (", then a new line and two spaces").
            let separator = records.count > 1 ? Array(bytes[records[0].range.upperBound..<records[1].range.lowerBound]) : Array(",\n  ".utf8)
            bytes.replaceSubrange(start..<start, with: new + separator)
        } else {
            let close = bytes.lastIndex(where: { !Self.isSpace($0) })!
            if let last = records.last {
                bytes.replaceSubrange(last.range.upperBound..<last.range.upperBound, with: Array(",\n  ".utf8) + new)
            } else {
                let open = bytes.firstIndex(of: UInt8(ascii: "["))!
                bytes.replaceSubrange((open + 1)..<close, with: Array("\n  ".utf8) + new + Array("\n".utf8))
            }
        }
        self = RecordFile(bytes)!
    }

    mutating func replace(at index: Int, with text: String) {
        bytes.replaceSubrange(records[index].range, with: Array(text.utf8))
        self = RecordFile(bytes)!
    }

    /// Removes a record and the separator that went with it.
    mutating func remove(at index: Int) {
        let range = records[index].range
        if records.count == 1 {
            let open = bytes.firstIndex(of: UInt8(ascii: "["))!
            let close = bytes.lastIndex(where: { !Self.isSpace($0) })!
            bytes.replaceSubrange((open + 1)..<close, with: Array("\n".utf8))
        } else if index + 1 < records.count {
            bytes.removeSubrange(range.lowerBound..<records[index + 1].range.lowerBound)
        } else {
            bytes.removeSubrange(records[index - 1].range.upperBound..<range.upperBound)
        }
        self = RecordFile(bytes)!
    }
}
