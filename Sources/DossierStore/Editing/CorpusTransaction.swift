import DossierCorpus
#if canImport(Glibc)
import Glibc
#endif

/// The writing side of a corpus directory's transactions (the reading side, the lock and what a reader
/// opens, is in DossierCorpus, beside the loader that uses it).
extension CorpusTransaction {
    /// Replaces the named files (names within `directory`) with new contents, all at once. The caller
    /// holds the exclusive lock (`withLock(directory, exclusive: true)`), has rolled back what an earlier
    /// writer left (`recover`), and has checked that the result is valid.
    public static func commit(_ changes: [(name: String, bytes: [UInt8])], in directory: String) throws(AtomicFile.Failure) {
        guard !changes.isEmpty else { return }
        var temporaries: [String] = []
        var committed = false
        defer {
            if !committed { for temporary in temporaries { unlink(temporary) } }
        }
        // 1. The new contents, beside their targets, flushed.
        for change in changes {
            let target = path(directory, change.name)
            var status = stat()
            let mode = stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o644
            let temporary = try AtomicFile.temporaryCopy(change.bytes, beside: target, marker: ".edit-", mode: mode)
            temporaries.append(temporary)
            CrashPoint.reached("written \(change.name)")
        }
        // 2. Backups (links: no copying), then the journal, whole.
        for change in changes {
            let backup = path(directory, backupName(change.name))
            unlink(backup)
            guard link(path(directory, change.name), backup) == 0 else {
                throw AtomicFile.Failure(path: backup, reason: String(cString: strerror(errno)), exists: false)
            }
        }
        AtomicFile.syncFolder(directory)
        CrashPoint.reached("backed up")
        let journal = JSONWriter.compact(.object([("dossier-edit", .int(1)), ("files", .strings(changes.map(\.name)))])) + "\n"
        try AtomicFile.write(Array(journal.utf8), to: path(directory, journalName), replacing: true)
        CrashPoint.reached("journal written")
        // 3. The new files in place.
        for (change, temporary) in zip(changes, temporaries) {
            guard rename(temporary, path(directory, change.name)) == 0 else {
                throw AtomicFile.Failure(path: path(directory, change.name), reason: String(cString: strerror(errno)), exists: false)
            }
            CrashPoint.reached("renamed \(change.name)")
        }
        committed = true
        AtomicFile.syncFolder(directory)
        CrashPoint.reached("renamed all")
        // 4. The commit point, then the backups.
        unlink(path(directory, journalName))
        AtomicFile.syncFolder(directory)
        CrashPoint.reached("committed")
        for change in changes { unlink(path(directory, backupName(change.name))) }
        AtomicFile.syncFolder(directory)
    }

    /// Rolls back an edit a killed writer left unfinished: each backup its journal names goes back over
    /// its target, then the journal goes. Stray backups and temporary files are removed. Call it holding
    /// the exclusive lock.
    public static func recover(in directory: String) {
        let names = unfinished(in: directory)
        for name in names where access(path(directory, backupName(name)), F_OK) == 0 {
            rename(path(directory, backupName(name)), path(directory, name))
        }
        AtomicFile.syncFolder(directory)
        unlink(path(directory, journalName))
        // What a writer killed before its journal, or after its commit, left behind.
        if let folder = opendir(directory) {
            defer { closedir(folder) }
            var leftovers: [String] = []
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                // Only names this writer makes: a backup or a temporary file of one of the five files, or a
                // journal's temporary file; anything else in the folder is the user's.
                let ours = RecordKind.allCases.contains { kind in
                    let file = kind.collectionName + ".json"
                    return name == backupName(file) || name.hasPrefix("." + file + ".edit-")
                }
                // The journal's temporary file is `.` + its name + `.XXXXXX` (AtomicFile's way): `..dossier-edit.…`.
                if ours || name.hasPrefix(journalName + ".") || name.hasPrefix("." + journalName + ".") { leftovers.append(name) }
            }
            for name in leftovers { unlink(path(directory, name)) }
        }
        AtomicFile.syncFolder(directory)
    }
}

/// Where a test may have a writer killed, to check that what it leaves reads as before or after:
/// `DOSSIER_TEST_KILL_AT=N` kills the process (SIGKILL, as a power cut would stop it) at the N-th point
/// reached, counting from 1. Unset, it costs one look-up per process.
public enum CrashPoint {
    nonisolated(unsafe) private static var remaining: Int? = {
        guard let text = getenv("DOSSIER_TEST_KILL_AT") else { return nil }
        return Int(String(cString: text))
    }()

    public static func reached(_ what: String) {
        guard let left = remaining else { return }
        if left <= 1 { kill(getpid(), SIGKILL) }
        remaining = left - 1
    }
}

/// What a corpus directory's files are now (each file's inode, size and change time), to notice
/// another editor's change without reading them.
public struct CorpusSignature: Equatable, Sendable {
    private var files: [String: [Int]]

    public static func of(_ directory: String) -> CorpusSignature {
        var files: [String: [Int]] = [:]
        for kind in RecordKind.allCases {
            var status = stat()
            let path = CorpusTransaction.path(directory, kind.collectionName + ".json")
            if stat(path, &status) == 0 {
                files[kind.collectionName] = [Int(status.st_ino), Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec),
                                              Int(status.st_ctim.tv_sec), Int(status.st_ctim.tv_nsec)]
            }
        }
        // An edit under way: the corpus is being changed; it is read when the change is whole.
        var status = stat()
        if stat(CorpusTransaction.path(directory, CorpusTransaction.journalName), &status) == 0 { files["journal"] = [1] }
        return CorpusSignature(files: files)
    }

    /// True while an edit is under way (its journal is there).
    public var isMidEdit: Bool { files["journal"] != nil }
}
