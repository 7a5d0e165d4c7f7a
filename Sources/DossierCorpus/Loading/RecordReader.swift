/// Reads the fields of one JSON object into typed values, reporting each missing field, wrong type,
/// unknown key or bad value at its own line:column and carrying on, so one run lists every problem.
struct RecordReader {
    /// How the object is named in messages: "an article", "counts[2]".
    let noun: String
    let file: SourceFile
    let objectOffset: Int
    let collector: DiagnosticCollector
    /// The object's members in source order. Records have a handful of fields, so a linear lookup
    /// beats building a dictionary for every record.
    private let memberOrder: [JSONMember]
    /// The record's id once read, used to name the record in every later message.
    private(set) var id: String?

    /// Returns nil (after reporting) when the node is not an object.
    init?(noun: String, node: JSONNode, file: SourceFile, collector: DiagnosticCollector, id: String? = nil) {
        guard case .object(let members) = node.value else {
            collector.error(in: file, at: node.offset, id: id, "expected \(noun) to be an object, found \(node.value.typeName)")
            return nil
        }
        self.noun = noun
        self.id = id
        self.file = file
        self.objectOffset = node.offset
        self.collector = collector
        self.memberOrder = members
    }

    func error(at offset: Int?, _ message: String) {
        collector.error(in: file, at: offset ?? objectOffset, id: id, message)
    }

    func warning(at offset: Int?, _ message: String) {
        collector.warning(in: file, at: offset ?? objectOffset, id: id, message)
    }

    func node(_ key: String) -> JSONNode? {
        for member in memberOrder where member.key == key { return member.node }
        return nil
    }

    /// Reports every key that the format does not define, most often a typo ("signatorys").
    /// Keys beginning with `x-` are the user's own and are kept (see `extraFields`).
    func rejectUnknownKeys(allowed: [String]) {
        for member in memberOrder where !allowed.contains(member.key) && !member.key.hasPrefix("x-") {
            var message = "unknown field \"\(member.key.prefix(80))\" in \(noun)"
            if let suggestion = closestMatch(to: member.key, in: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; known fields: " + allowed.joined(separator: ", ")
            }
            collector.error(in: file, at: member.keyOffset, id: id, message)
        }
    }

    /// `supplied`: a note for the whole record (a string), or notes for some of its fields (an object
    /// of field name to note, each a field the record kind has).
    func supplied(fields known: [String]) -> Supplied? {
        guard let node = node("supplied") else { return nil }
        switch node.value {
        case .null: return nil
        case .string(let note):
            guard !isBlank(note) else {
                error(at: node.offset, "field \"supplied\" must not be empty: say where the fact comes from")
                return nil
            }
            return Supplied(record: note)
        case .object(let members):
            var fields: [(String, String)] = []
            for member in members {
                guard known.contains(member.key) && member.key != "supplied" && member.key != "id" else {
                    var message = "supplied: \"\(member.key.prefix(80))\" is not a field of \(noun)"
                    if let suggestion = closestMatch(to: member.key, in: known) { message += "; did you mean \"\(suggestion)\"?" }
                    error(at: member.keyOffset, message)
                    continue
                }
                guard case .string(let note) = member.node.value, !isBlank(note) else {
                    error(at: member.node.offset, "supplied.\(member.key) must be a note saying where the fact comes from, found \(member.node.value.typeName)")
                    continue
                }
                fields.append((member.key, note))
            }
            return Supplied(fields: fields)
        default:
            error(at: node.offset, "field \"supplied\" must be a note (a string) or an object of field names to notes, found \(node.value.typeName)")
            return nil
        }
    }

    /// The user's own fields (keys beginning with `x-`), in file order.
    func extraFields() -> [ExtraField] {
        memberOrder.filter { $0.key.hasPrefix("x-") }.map { ExtraField(key: $0.key, value: $0.node.value) }
    }

    mutating func readID() -> String? {
        guard let text = string("id", required: true) else { return nil }
        let offset = node("id")?.offset
        if let problem = IdentifierRules.problem(with: text) {
            error(at: offset, "id \"\(text)\" \(problem)")
            return nil
        }
        id = text
        return text
    }

    func string(_ key: String, required: Bool, allowEmpty: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { error(at: nil, "missing required field \"\(key)\" in \(noun)") }
            return nil
        }
        if !required, case .null = node.value { return nil }
        let text: String
        switch node.value {
        case .string(let value): text = value
        case .deferredString(let span):
            // Read where the parser left it (the file's bytes are held while it is parsed).
            guard let value = try? JSONParser.decodeString(Array(file.bytes[span.range])) else { return nil }
            text = value
        default:
            error(at: node.offset, "field \"\(key)\" must be a string, found \(node.value.typeName)")
            return nil
        }
        if !allowEmpty && isBlank(text) {
            error(at: node.offset, "field \"\(key)\" must not be empty")
            return nil
        }
        return text
    }

    /// An article body: left in its file when the parser deferred it (checked, not copied), else text.
    func body(_ key: String) -> ArticleBody? {
        guard let node = node(key), case .deferredString(let span) = node.value else {
            return string(key, required: true).map(ArticleBody.init)
        }
        // White space only? Only a string that may be blank is read to tell.
        if span.mayBeBlank, string(key, required: true) == nil { return nil }
        return ArticleBody(stored: file.storage, span)
    }

    /// An array of strings; a missing optional array reads as empty.
    func strings(_ key: String, required: Bool) -> [String] {
        stringsWithOffsets(key, required: required).map(\.text)
    }

    func stringsWithOffsets(_ key: String, required: Bool) -> [(text: String, offset: Int)] {
        guard let node = node(key) else {
            if required { error(at: nil, "missing required field \"\(key)\" in \(noun)") }
            return []
        }
        return stringElements(of: node, named: key)
    }

    func stringElements(of node: JSONNode, named name: String) -> [(text: String, offset: Int)] {
        guard case .array(let elements) = node.value else {
            error(at: node.offset, "field \"\(name)\" must be an array of strings, found \(node.value.typeName)")
            return []
        }
        var result: [(String, Int)] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element.value else {
                error(at: element.offset, "\(name)[\(index)] must be a string, found \(element.value.typeName)")
                continue
            }
            if isBlank(text) {
                error(at: element.offset, "\(name)[\(index)] must not be empty")
                continue
            }
            result.append((text, element.offset))
        }
        return result
    }

    func date(_ key: String) -> PartialDate? {
        guard let text = string(key, required: true) else { return nil }
        switch PartialDate.parse(text) {
        case .success(let date): return date
        case .failure(let problem):
            error(at: node(key)?.offset, "field \"\(key)\": \(problem)")
            return nil
        }
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type, required: Bool = true) -> E? where E.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        if let value = E(rawValue: text) { return value }
        let known = E.allCases.map(\.rawValue)
        var message = "field \"\(key)\" has unknown value \"\(text)\"; expected one of: " + known.joined(separator: ", ")
        if let suggestion = closestMatch(to: text, in: known) { message += " (did you mean \"\(suggestion)\"?)" }
        error(at: node(key)?.offset, message)
        return nil
    }

    /// One role of a statement (a lead, an addressee): an actor's id, with where it stands, and the
    /// excerpts naming the actor in that role (none for a plain id, which the caller warns about).
    struct RoleEntry {
        var actor: (text: String, offset: Int)
        var excerpts: [(text: String, offset: Int)]
        /// Given as a plain id, not `{actor, excerpts}`.
        var plain: Bool
    }

    /// An array of roles: each a plain actor id (the old form) or `{"actor": id, "excerpts": [ids]}`,
    /// as signatories are.
    func roles(_ key: String, required: Bool) -> [RoleEntry] {
        guard let node = node(key) else {
            if required { error(at: nil, "missing required field \"\(key)\" in \(noun)") }
            return []
        }
        guard case .array(let elements) = node.value else {
            error(at: node.offset, "field \"\(key)\" must be an array of actor ids or {\"actor\", \"excerpts\"} objects, found \(node.value.typeName)")
            return []
        }
        var result: [RoleEntry] = []
        for (index, element) in elements.enumerated() {
            switch element.value {
            case .string(let text) where !isBlank(text):
                result.append(RoleEntry(actor: (text, element.offset), excerpts: [], plain: true))
            case .object:
                guard let reader = RecordReader(noun: "\(key)[\(index)]", node: element, file: file, collector: collector, id: id) else { continue }
                reader.rejectUnknownKeys(allowed: FieldNames.role)
                let actor = reader.string("actor", required: true)
                let excerpts = reader.stringsWithOffsets("excerpts", required: true)
                if reader.node("excerpts") != nil && excerpts.isEmpty {
                    reader.error(at: reader.node("excerpts")?.offset, "\(reader.noun) names no excerpt; give the excerpt that names the actor in this role")
                }
                guard let actor else { continue }
                result.append(RoleEntry(actor: (actor, reader.node("actor")?.offset ?? element.offset), excerpts: excerpts, plain: false))
            default:
                error(at: element.offset, "\(key)[\(index)] must be an actor id or an {\"actor\", \"excerpts\"} object, found \(element.value.typeName)")
            }
        }
        return result
    }

    /// The elements of an array of objects, each read by `body` with a reader of its own that names the
    /// element ("counts[2]") and this record's id; a missing optional array reads as empty.
    func objects<T>(_ key: String, required: Bool, _ body: (inout RecordReader) -> T?) -> [T] {
        guard let node = node(key) else {
            if required { error(at: nil, "missing required field \"\(key)\" in \(noun)") }
            return []
        }
        guard case .array(let elements) = node.value else {
            error(at: node.offset, "field \"\(key)\" must be an array, found \(node.value.typeName)")
            return []
        }
        var result: [T] = []
        for (index, element) in elements.enumerated() {
            guard var reader = RecordReader(noun: "\(key)[\(index)]", node: element, file: file, collector: collector, id: id) else { continue }
            if let value = body(&reader) { result.append(value) }
        }
        return result
    }
}

/// What an id may look like. Ids end up in messages, command lines and file names, so they are kept to
/// a safe, printable alphabet.
public enum IdentifierRules {
    public static let maximumLength = 200

    /// Nil when the id is acceptable, otherwise the reason it is not.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.utf8.count > maximumLength { return "is longer than \(maximumLength) bytes" }
        for (index, byte) in id.utf8.enumerated() {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if index == 0 && !isAlphanumeric { return "must start with a letter or digit" }
            if !isAlphanumeric && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: ".") && byte != UInt8(ascii: ":") {
                return "may hold only ASCII letters, digits and - _ . :"
            }
        }
        return nil
    }
}

/// The known word nearest to a misspelt one, if it is near enough to be a likely typo.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    guard word.utf8.count <= 64 else { return nil }  // a huge hostile key is no typo worth the time
    let lowered = Array(word.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in candidates {
        // A candidate whose length differs by more than the distance allowed cannot be near enough.
        let limit = max(1, candidate.count / 3)
        guard abs(candidate.unicodeScalars.count - lowered.count) <= limit else { continue }
        let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
        if distance <= limit, distance < (best?.1 ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Nothing but white space (or nothing). Most text starts with a visible ASCII character, which
/// settles it without walking the text's characters.
@inline(__always)
func isBlank(_ text: String) -> Bool {
    if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
    return text.allSatisfy(\.isWhitespace)
}
