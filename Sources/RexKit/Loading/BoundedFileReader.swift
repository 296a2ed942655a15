import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a handbook file could not be read.
enum FileReadProblem: Error, Equatable {
    case folder
    /// A FIFO, socket or device: reading one can block forever or never end.
    case notRegular
    case tooLarge(bytes: Int)
    case failed(String)
    /// Opened with `followingLinks: false`, the name is a symbolic link (the caller resolves it and decides).
    case symbolicLink

    var message: String {
        switch self {
        case .folder: "is a folder, not a file"
        case .notRegular: "is not a regular file (a pipe, socket or device); not read"
        case .tooLarge(let bytes): LoadLimits.tooLargeMessage(bytes: bytes)
        case .failed(let reason): "cannot read file: \(reason)"
        case .symbolicLink: "is a symbolic link"
        }
    }

    var rule: String {
        if case .tooLarge = self { return "file-too-large" }
        return "unreadable"
    }
}

/// Reads a whole file only when it is a regular file no larger than `LoadLimits.maxFileBytes`, and never
/// more than that many bytes: the type and size are checked on the opened descriptor (no race with a file
/// swapped in between), and opening does not wait for a writer when the name is a FIFO.
enum BoundedFileReader {
    static func read(_ path: String, limit: Int = LoadLimits.maxFileBytes,
                     followingLinks: Bool = true) -> Result<Data, FileReadProblem> {
        let descriptor: Int32, status: stat
        switch openRegularFile(path, followingLinks: followingLinks) {
        case .success(let opened): (descriptor, status) = opened
        case .failure(let problem): return .failure(problem)
        }
        defer { close(descriptor) }
        if Int(status.st_size) > limit { return .failure(.tooLarge(bytes: Int(status.st_size))) }
        // The file may grow after fstat: read at most one byte past the limit to notice.
        var data = Data(capacity: Int(status.st_size))
        // Chunks the file's size (and one byte) fits in: most files are read by one call, and one more finds the end.
        var chunk = [UInt8](repeating: 0, count: min(64 * 1024, max(4 * 1024, Int(status.st_size) + 1)))
        while data.count <= limit {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(reason(errno))
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        if data.count > limit { return .failure(.tooLarge(bytes: data.count)) }
        return .success(data)
    }

    /// A regular file opened for reading, with what `fstat` says of it: the type and size are those of the file
    /// opened, not of one swapped in after a check by name, and opening does not wait for a writer when the name
    /// is a FIFO. The caller closes the descriptor.
    static func openRegularFile(_ path: String, followingLinks: Bool = true)
        -> Result<(descriptor: Int32, status: stat), FileReadProblem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else {
            return !followingLinks && errno == ELOOP ? .failure(.symbolicLink) : .failure(.failed(reason(errno)))
        }
        var status = stat()
        let problem: FileReadProblem? = if fstat(descriptor, &status) != 0 {
            .failed(reason(errno))
        } else {
            switch status.st_mode & S_IFMT {
            case S_IFREG: nil
            case S_IFDIR: .folder
            default: .notRegular
            }
        }
        guard let problem else { return .success((descriptor, status)) }
        close(descriptor)
        return .failure(problem)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

private extension Result where Failure == FileReadProblem {
    static func failed(_ reason: String) -> Self { .failure(.failed(reason)) }
}

/// `read(2)`, named apart from `BoundedFileReader.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
