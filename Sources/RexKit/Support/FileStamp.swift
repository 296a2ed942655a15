import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says about a file that changes whenever its content may have: size, modification and
/// status-change times to the nanosecond, inode. Equal stamps are taken to mean the same content, as `make`
/// and `rsync` do (a change of content with both times put back by hand would go unseen), once the stamp is
/// settled (`isSettled(at:)`).
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

    /// The clock file times are kept by, in nanoseconds: read it before taking the stamps it judges.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Whether any later change of the file will show in its stamp, judged at `now` (read before the stamp was
    /// taken). A file system keeps times to a tick: a second change within the tick of the first, keeping the
    /// size, leaves the stamp as it was (Git's "racily clean" files). A stamp whose times are both older than their
    /// tick can be trusted; until then, equal stamps prove nothing, and the file must be read again. Times in whole
    /// seconds come from a file system that keeps seconds (ext3, HFS+, a share whose server does) or two (FAT):
    /// their tick is taken as 2 s; other times' as 0.1 s (Linux stamps files from a clock that moves every 1 to
    /// 10 ms). Times ahead of `now` never settle. A file server whose clock runs behind this one's by more than the
    /// tick defeats the rule, as it does Git's.
    func isSettled(at now: Int64) -> Bool {
        func settled(_ time: Int64) -> Bool {
            time <= now - (time % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000)
        }
        return settled(modified) && settled(changed)
    }
}
