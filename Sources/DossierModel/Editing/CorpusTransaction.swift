#if canImport(Glibc)
import Glibc
#endif

/// One change to several files of a corpus directory, all or nothing, whenever the process is killed
/// (a rollback journal, as SQLite keeps one). Under an exclusive lock on `.dossier-lock`:
///
/// 1. each new file is written to a temporary file beside its target and flushed;
/// 2. each target is hard-linked to a backup `.NAME.before`, and the journal `.dossier-edit`, naming
///    the files, is written whole (a temporary file renamed) and flushed: from here on a reader reads
///    the backups of the files the journal names, so it sees the corpus as it was;
/// 3. the temporary files are renamed over the targets;
/// 4. the journal is removed: the commit point, one unlink; then the backups.
///
/// Readers (`CorpusLoader.readDirectory`) open the files under a shared lock, reading backups while a
/// journal is there. The next writer rolls an unfinished change back (backups renamed over their
/// targets) before its own. Killed at any instant, the directory reads as wholly before or wholly
/// after the change.
public enum CorpusTransaction {
    public static let journalName = ".dossier-edit"
    public static let lockName = ".dossier-lock"

    static func backupName(_ name: String) -> String { "." + name + ".before" }

    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Runs `body` holding the directory's lock: exclusive for a writer, shared for a reader. A reader
    /// of a directory it may not write to (no lock file, and none can be made) reads without it: no
    /// Dossier writer can be changing such a directory either.
    public static func withLock<T, E: Error>(_ directory: String, exclusive: Bool, _ body: () throws(E) -> T) throws(E) -> T {
        let lockPath = path(directory, lockName)
        var descriptor = open(lockPath, O_RDWR | O_CLOEXEC)
        if descriptor < 0 && exclusive { descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        if descriptor < 0 { descriptor = open(lockPath, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// The files a reader must read from their backups: those a complete journal names (an edit under
    /// way, not yet committed). Empty when there is no journal.
    public static func unfinished(in directory: String) -> [String] {
        guard let data = try? SourceFile.open(path(directory, journalName)).readBytes(),
              case .object(let members)? = try? JSONParser.parse(data).value,
              members.contains(where: { $0.key == "dossier-edit" }),
              case .array(let names)? = members.first(where: { $0.key == "files" })?.node.value else { return [] }
        return names.compactMap { node in
            guard case .string(let name) = node.value, !name.contains("/") else { return nil }
            return name
        }
    }

    /// The file a reader opens for `name`: its backup while an unfinished edit names it.
    public static func readablePath(of name: String, in directory: String, unfinished: [String]) -> String {
        if unfinished.contains(name), access(path(directory, backupName(name)), F_OK) == 0 { return path(directory, backupName(name)) }
        return path(directory, name)
    }

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
