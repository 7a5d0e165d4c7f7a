import DossierCorpus
/// The lines of a notes file (docs/notes.md):
///
///     {"op":"add","id":"n-…","kind":"note","target":{"record":"st-…","quote":"…","prefix":"…","suffix":"…","start":12,"end":40},
///      "text":"check against the UN record #verify","author":"ana","at":"2026-11-30T00:50:00Z"}
///     {"op":"edit","id":"n-…","text":"…","author":"ana","at":"…"}
///     {"op":"delete","id":"n-…","author":"ana","at":"…"}
///     {"op":"restore","id":"n-…","author":"ana","at":"…"}
enum NoteCoding {
    static func value(of change: NoteChange) -> JSONValue {
        switch change {
        case .add(let note):
            var target: [(String, JSONValue?)] = [("record", .string(note.target.record)), ("part", note.target.part.map(JSONValue.string))]
            target += [("quote", note.target.quote.map(JSONValue.string)), ("prefix", note.target.prefix.map(JSONValue.string)),
                       ("suffix", note.target.suffix.map(JSONValue.string)), ("start", note.target.start.map(JSONValue.int)),
                       ("end", note.target.end.map(JSONValue.int))]
            return .object([("op", .string("add")), ("id", .string(note.id)), ("kind", .string(note.kind.rawValue)),
                            ("target", .object(target)), ("text", .string(note.text)), ("author", .string(note.author)),
                            ("at", .string(note.created)), ("updated", note.updated == note.created ? nil : .string(note.updated)),
                            ("deleted", note.deleted ? .bool(true) : nil)])
        case .edit(let id, let text, let author, let at):
            return .object([("op", .string("edit")), ("id", .string(id)), ("text", .string(text)), ("author", .string(author)), ("at", .string(at))])
        case .delete(let id, let author, let at):
            return .object([("op", .string("delete")), ("id", .string(id)), ("author", .string(author)), ("at", .string(at))])
        case .restore(let id, let author, let at):
            return .object([("op", .string("restore")), ("id", .string(id)), ("author", .string(author)), ("at", .string(at))])
        }
    }

    static func change(from value: JSONValue) -> NoteChange? {
        guard case .object(let members) = value else { return nil }
        func string(_ key: String, in members: [JSONMember]) -> String? {
            guard case .string(let text)? = members.first(where: { $0.key == key })?.node.value else { return nil }
            return text
        }
        func int(_ key: String, in members: [JSONMember]) -> Int? {
            guard case .number(let text)? = members.first(where: { $0.key == key })?.node.value else { return nil }
            return Int(text)
        }
        guard let op = string("op", in: members), let id = string("id", in: members) else { return nil }
        let author = string("author", in: members) ?? ""
        let at = string("at", in: members) ?? ""
        switch op {
        case "add":
            guard case .object(let target)? = members.first(where: { $0.key == "target" })?.node.value,
                  let record = string("record", in: target), let text = string("text", in: members) else { return nil }
            var note = Note(id: id, kind: Note.Kind(rawValue: string("kind", in: members) ?? "note") ?? .note,
                            target: NoteTarget(record: record, part: string("part", in: target), quote: string("quote", in: target), prefix: string("prefix", in: target),
                                               suffix: string("suffix", in: target), start: int("start", in: target), end: int("end", in: target)),
                            text: text, author: author, created: at, updated: string("updated", in: members) ?? at)
            if case .bool(true)? = members.first(where: { $0.key == "deleted" })?.node.value { note.deleted = true }
            return .add(note)
        case "edit":
            guard let text = string("text", in: members) else { return nil }
            return .edit(id: id, text: text, author: author, at: at)
        case "delete": return .delete(id: id, author: author, at: at)
        case "restore": return .restore(id: id, author: author, at: at)
        default: return nil
        }
    }
}
