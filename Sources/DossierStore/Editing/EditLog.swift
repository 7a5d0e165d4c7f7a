import DossierCorpus
import Foundation

/// One edit of a corpus as the edit log keeps it (a line of JSON each, appended): when, who, what it
/// changed, and what takes it back: the record edits that undo it and a fingerprint of each file it
/// changed, before and after, so `dossier undo` reverts it byte for byte or refuses when the files
/// changed since.
public struct EditLogEntry: Sendable, Equatable {
    public var id: String
    public var at: String
    public var author: String
    public var corpus: String
    /// "added excerpt x-…", "changed statement st-…", "removed actor …", in order.
    public var changes: [String]
    /// The record edits that undo it, to be made in order (empty in a line an older Dossier wrote).
    public var undo: [RecordEdit]
    /// A fingerprint (`EditLog.fingerprint`) of each file the edit changed, by file name.
    public var before: [String: String]
    public var after: [String: String]
    /// The entry this one undid, when it is an undo.
    public var undoes: String?

    public init(id: String, at: String, author: String, corpus: String, changes: [String], undo: [RecordEdit],
                before: [String: String], after: [String: String], undoes: String? = nil) {
        self.id = id
        self.at = at
        self.author = author
        self.corpus = corpus
        self.changes = changes
        self.undo = undo
        self.before = before
        self.after = after
        self.undoes = undoes
    }

    /// What it did, in a few words ("added excerpt x-…, changed statement st-…").
    public var summary: String {
        (undoes == nil ? "" : "undid an edit: ") + changes.joined(separator: ", ")
    }
}

public enum EditLog {
    /// FNV-1a, 64 bits, of a file's bytes, as 16 hex digits: enough to tell that a file is not what an
    /// edit left (this guards against mistakes, not against an adversary).
    public static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The entry as one line of JSON, ending in a newline.
    public static func line(_ entry: EditLogEntry) -> String {
        func edit(_ edit: RecordEdit) -> JSONValue {
            switch edit {
            case .add(let kind, let text, let at):
                return .object([("add", .string(kind.rawValue)), ("text", .string(text)), ("at", at.map(JSONValue.int))])
            case .replace(let kind, let id, let text):
                return .object([("replace", .string(kind.rawValue)), ("id", .string(id)), ("text", .string(text))])
            case .remove(let kind, let id):
                return .object([("remove", .string(kind.rawValue)), ("id", .string(id))])
            }
        }
        func files(_ fingerprints: [String: String]) -> JSONValue {
            .object(fingerprints.keys.sorted().map { ($0, .string(fingerprints[$0]!)) })
        }
        return JSONWriter.compact(.object([
            ("id", .string(entry.id)), ("at", .string(entry.at)), ("author", .string(entry.author)), ("corpus", .string(entry.corpus)),
            ("changes", .strings(entry.changes)), ("undoes", entry.undoes.map(JSONValue.string)),
            ("undo", .list(entry.undo.map(edit))), ("before", files(entry.before)), ("after", files(entry.after)),
        ])) + "\n"
    }

    /// The entries of a log, in order. A line that is not an entry (torn by a writer killed mid-line,
    /// or written by hand) is passed over; a missing log has none.
    public static func read(_ path: String) -> [EditLogEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries: [EditLogEntry] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let parsed = try? JSONParser.parse(Array(line)).value, case .object(let members) = parsed else { continue }
            func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.node.value }
            func string(_ key: String) -> String? { if case .string(let text)? = value(key) { return text } else { return nil } }
            func strings(_ key: String) -> [String] {
                guard case .array(let nodes)? = value(key) else { return [] }
                return nodes.compactMap { if case .string(let text) = $0.value { return text } else { return nil } }
            }
            func files(_ key: String) -> [String: String] {
                guard case .object(let files)? = value(key) else { return [:] }
                var result: [String: String] = [:]
                for file in files { if case .string(let print) = file.node.value { result[file.key] = print } }
                return result
            }
            guard let at = string("at"), let corpus = string("corpus") else { continue }
            var undo: [RecordEdit] = []
            var readable = true
            if case .array(let nodes)? = value("undo") {
                for node in nodes {
                    guard let edit = recordEdit(node.value) else {
                        readable = false
                        break
                    }
                    undo.append(edit)
                }
            }
            entries.append(EditLogEntry(id: string("id") ?? "", at: at, author: string("author") ?? "", corpus: corpus, changes: strings("changes"),
                                        undo: readable ? undo : [], before: files("before"), after: files("after"), undoes: string("undoes")))
        }
        return entries
    }

    static func recordEdit(_ value: JSONValue) -> RecordEdit? {
        guard case .object(let members) = value else { return nil }
        func string(_ key: String) -> String? {
            if case .string(let text)? = members.first(where: { $0.key == key })?.node.value { return text }
            return nil
        }
        if let kind = string("add").flatMap(RecordKind.init(rawValue:)), let text = string("text") {
            var at: Int?
            if case .number(let number)? = members.first(where: { $0.key == "at" })?.node.value { at = Int(number) }
            return .add(kind, text: text, at: at)
        }
        if let kind = string("replace").flatMap(RecordKind.init(rawValue:)), let id = string("id"), let text = string("text") {
            return .replace(kind, id: id, text: text)
        }
        if let kind = string("remove").flatMap(RecordKind.init(rawValue:)), let id = string("id") { return .remove(kind, id: id) }
        return nil
    }

    /// The last edit that can still be undone in a corpus's log (one log a corpus): the newest entry
    /// that is not an undo and that no later entry undid. Nil when there is none; `why` says why not.
    public static func lastUndoable(in entries: [EditLogEntry]) -> (entry: EditLogEntry?, why: String) {
        let mine = entries
        let undone = Set(mine.compactMap(\.undoes))
        guard let entry = mine.last(where: { $0.undoes == nil && !undone.contains($0.id) }) else {
            return (nil, mine.isEmpty ? "the log has no edit of this corpus" : "every edit of this corpus in the log is undone")
        }
        guard !entry.id.isEmpty, !entry.undo.isEmpty || entry.changes.isEmpty else {
            return (nil, "the last edit (\(entry.at), \(entry.summary)) was logged without what undoes it (by an older Dossier)")
        }
        return (entry, "")
    }
}
