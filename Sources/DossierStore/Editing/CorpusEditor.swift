import DossierCorpus
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A change to one record, as text: what the editing layer writes, and what undoes it.
public enum RecordEdit: Sendable, Equatable {
    /// A record's text added before the record at `at` (at the end when nil).
    case add(RecordKind, text: String, at: Int?)
    case replace(RecordKind, id: String, text: String)
    case remove(RecordKind, id: String)
}

/// Why an edit was not made; nothing was written. Each is located or names the id at fault.
public enum EditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The edit would make the corpus invalid: the validator's messages (exit 65).
    case refused([String])
    /// Something the edit names is not there or not of the kind it needs (exit 65).
    case invalid(String)
    /// The record the command is about has no such id (exit 1, as for `show`).
    case unknown(String)
    /// The corpus cannot be read (exit 66).
    case unreadable(String)
    /// Writing failed; the corpus is as it was (exit 74).
    case writing(String)

    public var description: String {
        switch self {
        case .refused(let messages): return (messages + ["the edit would leave the corpus invalid; nothing was written"]).joined(separator: "\n")
        case .invalid(let message), .unknown(let message), .unreadable(let message), .writing(let message): return message
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .refused, .invalid: return 65
        case .unknown: return 1
        case .unreadable: return 66
        case .writing: return 74
        }
    }
}

/// What an edit did: the record edits made (in order), those that undo it (to be made in order), and
/// the corpus as written.
public struct EditOutcome: Sendable {
    public var made: [RecordEdit]
    public var undo: [RecordEdit]
    public var corpus: Corpus
    /// The ids added, for the status line and the CLI.
    public var added: [String]
    /// The log's entry for it (nil for a dry run, or an editor without a log).
    public var logged: EditLogEntry?
    /// Why the edit, made, could not be logged (a full or unwritable state folder): said to the user.
    public var logProblem: String?
}

/// The one editing layer, shared by the explorer and the `dossier add`/`remove` commands: edits a
/// corpus directory's records in place (`RecordFile`), checks the result with the validator before
/// anything is written, and writes the files it changed as one transaction (`CorpusTransaction`),
/// under the directory's lock, so two editors take turns and a kill leaves before or after.
public struct CorpusEditor: Sendable {
    public let directory: String
    /// Where every edit is recorded (a line of JSON each: when, who, what changed), if anywhere.
    public var log: (path: String, author: String)?

    public init(directory: String, log: (path: String, author: String)? = nil) throws(EditError) {
        self.log = log
        guard CorpusLoader.isDirectory(directory) else {
            throw .invalid("\(directory): not a corpus directory (editing writes to a directory of five JSON files; `dossier init DIR --from-bundled` makes one from the bundled corpus)")
        }
        self.directory = directory
    }

    func fileName(_ kind: RecordKind) -> String { kind.collectionName + ".json" }

    /// Reads the corpus as it is now (under the lock), asks `build` for the record edits, makes them,
    /// validates, and writes. The corpus may have problems already; an edit is refused only when it
    /// adds one.
    /// `build` is given the corpus and each record's JSON as it is written (to change a statement).
    /// A dry run does all of that but write (and log): the outcome says what the edit would do.
    /// `undoing` an entry of the log: the files it changed must be as it left them, and the edit must
    /// give them back as they were before it, byte for byte; otherwise nothing is written.
    public func apply(dryRun: Bool = false, undoing: EditLogEntry? = nil,
                      _ build: (Corpus, _ record: (RecordKind, String) -> JSONValue?) throws(EditError) -> [RecordEdit]) throws(EditError) -> EditOutcome {
        try CorpusTransaction.withLock(directory, exclusive: true) { () throws(EditError) -> EditOutcome in
            CorpusTransaction.recover(in: directory)
            // Every file's bytes are read (the result is validated whole); a file is parsed into records
            // only when the edit changes it or reads a record of it (a large articles file is left alone
            // by an edit of excerpts and statements).
            var bytes: [RecordKind: [UInt8]] = [:]
            for kind in RecordKind.allCases {
                let path = CorpusTransaction.path(directory, fileName(kind))
                guard let read = try? SourceFile.open(path).readBytes() else { throw .unreadable("cannot read \(path)") }
                bytes[kind] = read
            }
            if let undoing {
                for (name, print) in undoing.after.sorted(by: { $0.key < $1.key }) {
                    guard let kind = RecordKind.allCases.first(where: { fileName($0) == name }), let current = bytes[kind] else { continue }
                    guard EditLog.fingerprint(current) == print else {
                        throw .invalid("\(CorpusTransaction.path(directory, name)) has changed since that edit (\(undoing.at), \(undoing.summary)): undo only takes back an edit whose files are as it left them; nothing was written")
                    }
                }
            }
            let original = bytes
            var parsed: [RecordKind: RecordFile] = [:]
            func file(_ kind: RecordKind) throws(EditError) -> RecordFile {
                if let known = parsed[kind] { return known }
                guard let file = RecordFile(bytes[kind]!) else {
                    throw .unreadable("\(CorpusTransaction.path(directory, fileName(kind))): not a JSON array of records; fix it (dossier validate) before editing")
                }
                parsed[kind] = file
                return file
            }
            let before = load(bytes)
            let edits = try build(before.corpus) { kind, id in
                guard let records = try? file(kind) else { return nil }
                return records.index(of: id).map { records.records[$0].value }
            }
            var undo: [RecordEdit] = []
            var added: [String] = []
            var changed: Set<RecordKind> = []
            for edit in edits {
                switch edit {
                case .add(let kind, let text, let at):
                    var records = try file(kind)
                    records.insert(text, at: at)
                    parsed[kind] = records
                    let id = RecordFile.record(text, at: 0).id
                    undo.insert(.remove(kind, id: id), at: 0)
                    added.append(id)
                    changed.insert(kind)
                case .replace(let kind, let id, let text):
                    var records = try file(kind)
                    guard let index = records.index(of: id) else { throw .invalid("no \(kind.rawValue) has the id “\(id)”") }
                    undo.insert(.replace(kind, id: id, text: records.text(at: index)), at: 0)
                    records.replace(at: index, with: text)
                    parsed[kind] = records
                    changed.insert(kind)
                case .remove(let kind, let id):
                    var records = try file(kind)
                    guard let index = records.index(of: id) else { throw .invalid("no \(kind.rawValue) has the id “\(id)”") }
                    undo.insert(.add(kind, text: records.text(at: index), at: index), at: 0)
                    records.remove(at: index)
                    parsed[kind] = records
                    changed.insert(kind)
                }
                for kind in changed { bytes[kind] = parsed[kind]!.bytes }
            }
            let after = load(bytes)
            // Refused when it adds an error the corpus did not have (the same message about the same record).
            let known = Set(before.errors.map(Self.key))
            let new = after.errors.filter { !known.contains(Self.key($0)) }
            guard new.isEmpty else { throw .refused(new.map(\.description)) }
            // Actors first, then excerpts, then what cites them: the order a reader of the files would
            // least mind, though the journal makes any order safe.
            let order: [RecordKind] = [.actor, .article, .excerpt, .event, .statement]
            let changes = order.filter(changed.contains).map { (name: fileName($0), bytes: bytes[$0]!) }
            var beforePrints: [String: String] = [:], afterPrints: [String: String] = [:]
            for kind in changed {
                beforePrints[fileName(kind)] = EditLog.fingerprint(original[kind] ?? [])
                afterPrints[fileName(kind)] = EditLog.fingerprint(bytes[kind] ?? [])
            }
            if let undoing {
                for (name, print) in undoing.before.sorted(by: { $0.key < $1.key }) where afterPrints[name] != print {
                    throw .invalid("undoing that edit (\(undoing.at), \(undoing.summary)) would not give back \(CorpusTransaction.path(directory, name)) as it was before it; nothing was written")
                }
            }
            // Nothing changed (a repair with nothing to repair): nothing to write or log.
            if dryRun || edits.isEmpty { return EditOutcome(made: edits, undo: undo, corpus: after.corpus, added: added) }
            let logged: (entry: EditLogEntry?, problem: String?)
            do {
                try CorpusTransaction.commit(changes, in: directory)
                logged = record(edits, undo: undo, before: beforePrints, after: afterPrints, undoes: undoing?.id)
            } catch {
                // Part written: put back what was (the journal names it), as the next writer would.
                CorpusTransaction.recover(in: directory)
                throw .writing("\(error) (the corpus is as it was)")
            }
            return EditOutcome(made: edits, undo: undo, corpus: after.corpus, added: added, logged: logged.entry, logProblem: logged.problem)
        }
    }

    /// Makes record edits as they are (the undo of an earlier outcome, typically).
    public func apply(_ edits: [RecordEdit]) throws(EditError) -> EditOutcome {
        try apply { _, _ throws(EditError) in edits }
    }

    /// One line in the log: when, who, the corpus, each record added, changed or removed, what undoes
    /// it and the changed files' fingerprints. The edit is made already: a log that cannot be written
    /// does not undo it, but the problem is returned to be said.
    func record(_ edits: [RecordEdit], undo: [RecordEdit], before: [String: String], after: [String: String],
                undoes: String?) -> (entry: EditLogEntry?, problem: String?) {
        guard let log else { return (nil, nil) }
        let changes: [String] = edits.map { edit in
            switch edit {
            case .add(let kind, let text, _): return "added \(kind.rawValue) " + RecordFile.record(text, at: 0).id
            case .replace(let kind, let id, _): return "changed \(kind.rawValue) \(id)"
            case .remove(let kind, let id): return "removed \(kind.rawValue) \(id)"
            }
        }
        let at = EditLogClock.now()
        let entry = EditLogEntry(id: "e-" + at.filter(\.isNumber) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16), at: at,
                                 author: log.author, corpus: directory, changes: changes, undo: undo, before: before, after: after, undoes: undoes)
        // A line torn by a writer killed mid-line is ended first, so this one stays whole JSON.
        do {
            try AtomicFile.append(Array(EditLog.line(entry).utf8), to: log.path, afterTornTail: Array("\n".utf8))
            return (entry, nil)
        } catch {
            return (nil, "the edit was made, but it could not be logged to \(log.path): \(error)")
        }
    }

    static func key(_ diagnostic: Diagnostic) -> String { (diagnostic.recordID ?? "") + "|" + diagnostic.message }

    /// The corpus the files hold, tolerantly (an edit to a corpus with problems is still checked).
    func load(_ files: [RecordKind: [UInt8]]) -> (corpus: Corpus, errors: [Diagnostic]) {
        var sources: [String: SourceFile] = [:]
        for (kind, bytes) in files {
            sources[kind.collectionName] = SourceFile(name: CorpusTransaction.path(directory, fileName(kind)), bytes: bytes)
        }
        do {
            let loaded = try CorpusLoader.load(directoryFiles: sources, mode: .tolerant)
            return (loaded.corpus, loaded.problems.filter { $0.severity == .error })
        } catch {
            let diagnostics: [Diagnostic]
            switch error {
            case .invalid(let found): diagnostics = found
            case .unreadable(let path, let reason): diagnostics = [Diagnostic(.error, file: path, message: reason)]
            }
            return (Corpus(articles: [], actors: [], statements: [], events: [], excerpts: []), diagnostics.filter { $0.severity == .error })
        }
    }
}

/// The time an edit is logged at, as ISO 8601 in UTC.
enum EditLogClock {
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
