import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reading at any offset, from any thread, until the last holder lets it go: a record or a
/// part is read when it is taken, so the file is never held whole in memory. Read, not mapped: a mapped file cut
/// short by another program, or on a network share that drops, would end the build with SIGBUS where a read gives an
/// error or the bytes. Replaced by name meanwhile, the open file still reads the bytes it had.
final class ReadOnlyFile: Sendable {
    let descriptor: Int32
    /// Its stamp and size when it was opened.
    let stamp: FileStamp

    /// Nil when there is no regular file at `path` that can be opened.
    init?(_ path: String) {
        guard case .success(let (descriptor, status)) = BoundedFileReader.openRegularFile(path) else { return nil }
        self.descriptor = descriptor
        stamp = FileStamp(status)
    }

    deinit { close(descriptor) }

    var size: Int { Int(stamp.size) }

    /// Whether the open file still has the size and modification time it had when opened: nothing wrote to it since
    /// (but within the tick of its times).
    var isAsOpened: Bool {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        let now = FileStamp(status)
        return now.size == stamp.size && now.modified == stamp.modified
    }

    /// `length` bytes at `offset`; nil when they cannot all be read (the file was cut short since, or cannot be read).
    func read(offset: Int, length: Int) -> Data? {
        guard offset >= 0, length >= 0 else { return nil }
        var data = Data(count: length)
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var count = 0
            while count < length {
                let got = pread(descriptor, buffer.baseAddress! + count, length - count, off_t(offset + count))
                if got < 0, errno == EINTR { continue }
                if got <= 0 { return false }
                count += got
            }
            return true
        }
        return complete ? data : nil
    }
}
