#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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

    package static func backupName(_ name: String) -> String { "." + name + ".before" }

    package static func path(_ directory: String, _ name: String) -> String {
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
}
