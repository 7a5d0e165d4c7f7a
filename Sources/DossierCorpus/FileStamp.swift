#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A corpus file's identity, size and times as `stat` gives them: what the persistent index checks, as
/// git checks its own index, to tell whether a file is still the one it was built from. A file edited
/// in place changes its size or times; one renamed over it changes its inode; one touched back to its
/// old modification time still has a new change time (which no program can set back).
public struct FileStamp: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modified: Int64
    public var modifiedNanoseconds: Int64
    public var changed: Int64
    public var changedNanoseconds: Int64

    public init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        modified = Int64(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec)
        changedNanoseconds = Int64(status.st_ctim.tv_nsec)
    }

    package init(device: UInt64, inode: UInt64, size: Int, modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changed = changed
        self.changedNanoseconds = changedNanoseconds
    }

    /// The later of its modification and change times, in nanoseconds since 1970.
    package var newest: Int64 {
        max(modified * 1_000_000_000 + modifiedNanoseconds, changed * 1_000_000_000 + changedNanoseconds)
    }
}
