#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says about a file, used like git's index: when every field is unchanged
/// the file is trusted to be unchanged and is neither hashed nor parsed again.
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    /// Status-change time in nanoseconds: catches rewrites that restore the old mtime.
    public var changedNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64 = 0, inode: UInt64, device: UInt64 = 0) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
        self.device = device
    }

    /// Stats `path`, following symlinks (a linked statement is read through its link).
    /// Returns nil when the file cannot be stat'ed; the caller reports it as unreadable.
    public static func of(path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let m = st.st_mtimespec, c = st.st_ctimespec
        #else
        let m = st.st_mtim, c = st.st_ctim
        #endif
        return FileStamp(
            size: Int64(st.st_size),
            modifiedNanoseconds: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
            changedNanoseconds: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec),
            inode: UInt64(st.st_ino),
            device: UInt64(st.st_dev))
    }
}
