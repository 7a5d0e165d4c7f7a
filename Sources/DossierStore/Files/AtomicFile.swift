import DossierCorpus
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file so that it is never seen half written: a temporary file in the same directory,
/// flushed to the disk, then renamed over the target (or linked to it, when an existing file must not
/// be replaced), and the directory flushed so the new name survives a power cut.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The target exists and replacing it was not asked for.
        public var exists: Bool

        public var description: String { "cannot write \(path): \(reason)" }

        package init(path: String, reason: String, exists: Bool) {
            self.path = path
            self.reason = reason
            self.exists = exists
        }
    }

    /// Writes every byte to an open descriptor, going on after a partial write or an interruption;
    /// false on an error (`errno` says which).
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// `writeAll` for bytes wherever they are.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        var offset = 0
        while offset < bytes.count {
            let count = writeChunk(descriptor, base + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// `mkdir -p`: every missing folder of `path`, made with `mode` (folders already there are left as
    /// they are).
    public static func makeFolders(_ path: String, mode: mode_t) throws(Failure) {
        var built = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            built += part + "/"
            if mkdir(built, mode) != 0 && errno != EEXIST {
                throw Failure(path: built, reason: "cannot create the folder: \(describe(errno: errno))", exists: false)
            }
            // There already, but a file: say so rather than fail later with "No such file or directory".
            var status = stat()
            if stat(built, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
                throw Failure(path: built, reason: "cannot create the folder: a file is there, not a folder", exists: false)
            }
        }
    }

    /// A temporary file beside `path` (`.NAME` + `marker` + six random characters, in the same folder so
    /// a rename can put it in place) holding `bytes`, flushed to the disk, with permissions `mode`.
    /// Returns its path; nothing is left behind when it fails.
    public static func temporaryCopy(_ bytes: [UInt8], beside path: String, marker: String = ".", mode: mode_t) throws(Failure) -> String {
        let (descriptor, temporary) = try temporaryFile(beside: path, marker: marker)
        defer { close(descriptor) }
        fchmod(descriptor, mode)
        guard writeAll(bytes, to: descriptor), fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason, exists: false)
        }
        return temporary
    }

    /// A new, empty temporary file beside `path` (`.NAME` + `marker` + six random characters, 0600),
    /// open for writing: its descriptor, which the caller closes, and its path.
    public static func temporaryFile(beside path: String, marker: String = ".") throws(Failure) -> (descriptor: Int32, path: String) {
        let (directory, name) = split(path)
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name)\(marker)XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno)), exists: false) }
        return (descriptor, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The folder a path is in ("." for a bare name), and its last component.
    package static func split(_ path: String) -> (directory: String, name: String) {
        let slash = path.lastIndex(of: "/")
        return (slash.map { String(path[..<$0]) } ?? ".", slash.map { String(path[path.index(after: $0)...]) } ?? path)
    }

    /// `mode`: the new file's permissions (a file written in place of another keeps the other's).
    public static func write(_ bytes: [UInt8], to path: String, replacing: Bool, mode: mode_t = 0o644) throws(Failure) {
        let directory = split(path).directory
        func fail(_ reason: String, exists: Bool = false) -> Failure {
            Failure(path: path, reason: reason, exists: exists)
        }
        // Only a regular file is ever replaced: renaming over a device, a FIFO, a socket, a folder or
        // a link would put our file where something not ours was (run as root, /dev/full itself).
        if replacing, let kind = notRegularFile(path) {
            throw fail("it is \(kind), not a regular file: only a regular file is replaced", exists: true)
        }
        let temporary = try temporaryCopy(bytes, beside: path, mode: mode)
        var done = false
        defer { if !done { unlink(temporary) } }
        if replacing {
            guard rename(temporary, path) == 0 else { throw fail(String(cString: strerror(errno))) }
        } else {
            // link() refuses an existing name: no moment where someone else's file could be replaced.
            guard link(temporary, path) == 0 else {
                let exists = errno == EEXIST
                throw fail(exists ? "it exists (add --force to replace it)" : String(cString: strerror(errno)), exists: exists)
            }
            unlink(temporary)
        }
        done = true
        syncFolder(directory.isEmpty ? "/" : directory)
    }

    /// What is at `path` when it is there and not a regular file ("a character device", "a FIFO",
    /// "a symbolic link"…), said as a message names it; nil for a regular file or nothing.
    public static func notRegularFile(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Opens a file of Dossier's own (notes, the edit log, copies) for appending, creating it: never
    /// through a symbolic link (another file, `.dossier-lock` say, would be written into), nor anything
    /// but a regular file. The descriptor, or the reason it was refused.
    public static func openOwnFile(_ path: String, flags: Int32) -> (descriptor: Int32, refusal: String?) {
        if let kind = notRegularFile(path) {
            return (-1, "it is \(kind): Dossier writes only to a regular file of its own (name the file itself)")
        }
        let descriptor = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 { return (-1, describe(errno: errno)) }
        return (descriptor, nil)
    }

    /// An error number in words, with what usually causes it.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ELOOP: return "it is a symbolic link: Dossier writes only to a regular file of its own"
        case ENOSPC: return "no space left on the disk"
        case EROFS: return "the file system is read-only"
        default: return String(cString: strerror(code))
        }
    }

    /// Appends an entry to a journal (the copies file, the edit log), making its folder (0700) and the
    /// file (0600) if need be: under an exclusive lock, so two writers append whole entries one after
    /// the other, and flushed to the disk before it returns. After a torn tail (a writer killed
    /// mid-entry) `separator` comes first, so the entry still starts on a line of its own.
    public static func append(_ entry: [UInt8], to path: String, afterTornTail separator: [UInt8]) throws(Failure) {
        let directory = split(path).directory
        try makeFolders(directory, mode: 0o700)
        let (descriptor, refusal) = openOwnFile(path, flags: O_RDWR | O_APPEND | O_CREAT)
        guard descriptor >= 0 else { throw Failure(path: path, reason: "cannot open: \(refusal ?? "")", exists: false) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        var size = stat()
        var last: UInt8 = 0x0A
        if fstat(descriptor, &size) == 0, size.st_size > 0 { _ = pread(descriptor, &last, 1, size.st_size - 1) }
        guard writeAll((last == 0x0A ? [] : separator) + entry, to: descriptor), fsync(descriptor) == 0 else {
            throw Failure(path: path, reason: String(cString: strerror(errno)), exists: false)
        }
    }

    /// Flushes a folder, so that names made, renamed or removed in it survive a power cut.
    public static func syncFolder(_ directory: String) {
        let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

private func writeChunk(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
