import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says about a file that changes whenever its content may have: size, modification and
/// status-change times to the nanosecond, inode. Equal stamps are taken to mean the same content, as `make`
/// and `rsync` do (a change of content with both times put back by hand would go unseen).
struct FileStamp: Hashable, Sendable, CustomStringConvertible {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64

    /// The stamp of the file a path names (links followed); nil when there is none.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }

    /// The stamp `stat(2)` or `fstat(2)` gave.
    init(_ status: stat) {
        size = Int64(status.st_size)
        inode = UInt64(status.st_ino)
        #if canImport(Darwin)
        modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        changed = Int64(status.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(status.st_ctimespec.tv_nsec)
        #else
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        #endif
    }

    var description: String { "\(size) \(modified) \(changed) \(inode)" }
}
