#if canImport(Glibc)
import Glibc
#endif
import DossierModel

/// Why an import (or `init`) did not change anything, with the exit code it ends with.
public enum ImportError: Error, CustomStringConvertible {
    /// Problems with what was to be imported, each located (`file:row:column: error: …`): exit 65.
    case invalidInput([String])
    /// The corpus imported into is not valid as it stands: fix it first (exit 65).
    case invalidCorpus([Diagnostic])
    /// A file cannot be read: exit 66.
    case unreadable(String)
    /// `init` into a folder that holds files: exit 73.
    case exists(String)
    /// Writing failed part way; what was written is named (exit 74).
    case writing(String)

    public var exitCode: Int32 {
        switch self {
        case .invalidInput, .invalidCorpus: return 65
        case .unreadable: return 66
        case .exists: return 73
        case .writing: return 74
        }
    }

    public var description: String {
        switch self {
        case .invalidInput(let lines): return lines.joined(separator: "\n")
        case .invalidCorpus(let diagnostics):
            return (diagnostics.map(\.description) + ["the corpus is not valid as it stands: fix it (dossier validate) before importing into it"]).joined(separator: "\n")
        case .unreadable(let reason), .exists(let reason), .writing(let reason): return reason
        }
    }
}

/// A corpus directory that records are added to. Adding never rewrites a record already there: the new
/// records are inserted before each file's closing `]`, every other byte kept. The whole result is
/// validated in memory before the first file is touched, and the changed files are written together
/// as one transaction under the directory's lock (`CorpusTransaction`, as `dossier add` writes): killed
/// at any instant, the corpus reads as wholly before or wholly after the import.
public struct CorpusDirectory {
    public let path: String

    public init(_ path: String) throws(ImportError) {
        guard CorpusLoader.isDirectory(path) else {
            throw .unreadable("\(path): not a corpus directory (import adds to a directory holding articles.json, actors.json, statements.json, events.json and excerpts.json; `dossier init DIR` makes one)")
        }
        self.path = path
    }

    public func file(_ kind: RecordKind) -> String {
        (path.hasSuffix("/") ? path : path + "/") + kind.collectionName + ".json"
    }

    /// The corpus as it stands; it must be valid, so that what is added is checked against sound data.
    public func load() throws(ImportError) -> Corpus {
        do {
            return try CorpusLoader.load(path: path).corpus
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw .unreadable("cannot read \(path): \(reason)")
            case .invalid(let diagnostics): throw .invalidCorpus(diagnostics.filter { $0.severity == .error })
            }
        }
    }

    /// Adds records, kind by kind in the order given, and returns the corpus as written.
    @discardableResult
    public func append(_ additions: [(RecordKind, [JSONValue])]) throws(ImportError) -> Corpus {
        try CorpusTransaction.withLock(path, exclusive: true) { () throws(ImportError) -> Corpus in
            CorpusTransaction.recover(in: path)
            return try appendLocked(additions)
        }
    }

    private func appendLocked(_ additions: [(RecordKind, [JSONValue])]) throws(ImportError) -> Corpus {
        var changed: [RecordKind: [UInt8]] = [:]
        for (kind, records) in additions where !records.isEmpty {
            let current: [UInt8]
            do {
                current = try SourceFile.open(file(kind)).bytes
            } catch {
                throw .unreadable("cannot read \(file(kind))")
            }
            guard let appended = Self.appending(records, to: changed[kind] ?? current) else {
                throw .invalidInput(["\(file(kind)): error: not a JSON array ending in ]"])
            }
            changed[kind] = appended
        }
        // The result must validate before anything is written.
        var files: [String: SourceFile] = [:]
        for kind in RecordKind.allCases {
            if let bytes = changed[kind] {
                files[kind.collectionName] = SourceFile(name: file(kind), bytes: bytes)
            } else {
                do { files[kind.collectionName] = try SourceFile.open(file(kind)) } catch { throw .unreadable("cannot read \(file(kind))") }
            }
        }
        let result: Corpus
        do {
            result = try CorpusLoader.load(directoryFiles: files).corpus
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw .unreadable("cannot read \(path): \(reason)")
            case .invalid(let diagnostics):
                // The corpus was valid before: what was to be added is at fault, and nothing is written.
                throw .invalidInput(diagnostics.filter { $0.severity == .error }.map(\.description)
                                    + ["error: the import would leave the corpus invalid; nothing was written"])
            }
        }
        let order = additions.map(\.0).filter { changed[$0] != nil }
        do {
            try CorpusTransaction.commit(order.map { (name: $0.collectionName + ".json", bytes: changed[$0]!) }, in: path)
        } catch {
            CorpusTransaction.recover(in: path)
            throw .writing("\(error.description) (nothing was changed)")
        }
        return result
    }

    /// The file's bytes with the records inserted before its closing `]`, or nil when the file is not
    /// an array. Records are written as the data format writes them, two spaces in (as an edit adds them).
    static func appending(_ records: [JSONValue], to bytes: [UInt8]) -> [UInt8]? {
        RecordFile.appending(records.map { RecordFile.text(of: $0) }, to: bytes)?.bytes
    }

    /// An id not yet taken: `base`, or `base-2`, `base-3`…, noted as taken.
    public static func unique(_ base: String, taken: inout Set<String>) -> String {
        let id = CorpusEdits.unique(base) { [taken] in taken.contains($0) }
        taken.insert(id)
        return id
    }

    /// Lower-case ASCII words of a text joined by hyphens (accents dropped, other letters left out),
    /// at most `words` of them: the readable part of a derived id, made as the editing layer makes it.
    public static func slug(_ text: String, words: Int = 6) -> String {
        CorpusEdits.slug(text, words: words)
    }
}

