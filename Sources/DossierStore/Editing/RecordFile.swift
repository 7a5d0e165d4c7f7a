import DossierCorpus
/// A corpus file (a JSON array of records) as bytes, changed one record at a time: a record added,
/// replaced or removed changes only its own lines, and every other byte is kept, so a corpus kept in
/// git shows a small diff.
public struct RecordFile {
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
            records.append(Record(id: Self.id(of: node.value), range: node.offset..<(end + 1), value: node.value))
        }
        self.records = records
    }

    /// A record as the data format writes it: two spaces in, members one to a line.
    public static func text(of value: JSONValue) -> String {
        JSONWriter.write(value, indent: 1)
    }

    func index(of id: String) -> Int? {
        records.firstIndex { $0.id == id }
    }

    func text(at index: Int) -> String {
        String(decoding: bytes[records[index].range], as: UTF8.self)
    }

    /// A record's id ("" when it has none).
    static func id(of value: JSONValue) -> String {
        if case .object(let members) = value, case .string(let id)? = members.first(where: { $0.key == "id" })?.node.value { return id }
        return ""
    }

    /// A record as the file holds it once `text` is at `start` (its id read from the text itself).
    static func record(_ text: String, at start: Int) -> Record {
        let value = (try? JSONParser.parse(Array(text.utf8)).value) ?? .null
        return Record(id: id(of: value), range: start..<(start + text.utf8.count), value: value)
    }

    /// Moves the records from `index` on by `delta` bytes (text was added or taken out before them).
    private mutating func shift(from index: Int, by delta: Int) {
        for later in index..<records.count {
            records[later].range = (records[later].range.lowerBound + delta)..<(records[later].range.upperBound + delta)
        }
    }

    /// Inserts a record's text before the record at `index` (at the end when `index` is nil or past it).
    /// The file is not parsed again: the records after it move by what was inserted.
    mutating func insert(_ text: String, at index: Int?) {
        if let index, index < records.count {
            let start = records[index].range.lowerBound
            // The same separator as between the records already there (", then a new line and two spaces").
            let separator = records.count > 1 ? Array(bytes[records[0].range.upperBound..<records[1].range.lowerBound]) : Array(",\n  ".utf8)
            let inserted = Array(text.utf8) + separator
            bytes.replaceSubrange(start..<start, with: inserted)
            shift(from: index, by: inserted.count)
            records.insert(Self.record(text, at: start), at: index)
        } else {
            // Nothing before the last record changes, so the records there keep their places.
            let (appended, starts) = Self.appending([text], to: bytes)!
            bytes = appended
            records.append(Self.record(text, at: starts[0]))
        }
    }

    mutating func replace(at index: Int, with text: String) {
        let old = records[index].range
        bytes.replaceSubrange(old, with: Array(text.utf8))
        records[index] = Self.record(text, at: old.lowerBound)
        shift(from: index + 1, by: text.utf8.count - old.count)
    }

    /// Removes a record and the separator that went with it.
    mutating func remove(at index: Int) {
        let range = records[index].range
        let removed: Range<Int>
        if records.count == 1 {
            // The only record: the array is left empty, "[" and "]" on lines of their own.
            let open = bytes.firstIndex(of: UInt8(ascii: "["))!
            let close = bytes.lastIndex(where: { !Self.isSpace($0) })!
            bytes.replaceSubrange((open + 1)..<close, with: Array("\n".utf8))
            records = []
            return
        } else if index + 1 < records.count {
            removed = range.lowerBound..<records[index + 1].range.lowerBound
        } else {
            removed = records[index - 1].range.upperBound..<range.upperBound
        }
        bytes.removeSubrange(removed)
        records.remove(at: index)
        shift(from: index, by: -removed.count)
    }

    /// The bytes of a JSON array with record texts inserted before its closing `]`, each on a line of
    /// its own two spaces in, as the data format writes them; every byte before the last record is
    /// kept. Also returns where each text begins. Nil when the bytes do not end an array.
    public static func appending(_ texts: [String], to bytes: [UInt8]) -> (bytes: [UInt8], starts: [Int])? {
        guard let close = bytes.lastIndex(where: { !isSpace($0) }), bytes[close] == UInt8(ascii: "]"),
              let last = bytes[..<close].lastIndex(where: { !isSpace($0) }) else { return nil }
        let empty = bytes[last] == UInt8(ascii: "[")
        var result = Array(bytes[...last])
        var starts: [Int] = []
        for (number, text) in texts.enumerated() {
            result += Array((number == 0 && empty ? "\n  " : ",\n  ").utf8)
            starts.append(result.count)
            result += Array(text.utf8)
        }
        result += Array("\n".utf8)
        result += bytes[close...]
        return (result, starts)
    }
}
