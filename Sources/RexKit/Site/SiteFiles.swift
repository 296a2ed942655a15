import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations a site build makes, straight to the system: write a new file, hard-link an unchanged
/// one, replace one in place atomically.
enum SiteFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes a new file (it must not exist yet); its stamp once written.
    @discardableResult
    static func write(_ data: Data, to path: String) throws -> FileStamp {
        try write(Pieces(data), to: path)
    }

    /// Writes a new file (it must not exist yet) from its pieces, one after the other; its stamp once written.
    @discardableResult
    static func write(_ bytes: Pieces, to path: String) throws -> FileStamp {
        try write(to: path) { sink in
            for chunk in bytes.chunks { try sink(chunk) }
        }
    }

    /// Writes a new file (it must not exist yet) from what `produce` hands its sink, piece by piece, as it comes;
    /// its stamp once written and closed (a file server may set the modification time as the file closes).
    @discardableResult
    static func write(to path: String, _ produce: (_ sink: (Data) throws -> Void) throws -> Void) throws -> FileStamp {
        let descriptor = try create(path)
        do {
            try produce { try write($0, to: descriptor, path: path) }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0, let stamp = FileStamp(path: path) else { throw failure("cannot write", path) }
        return stamp
    }

    /// A new file (it must not exist yet), open for writing: the caller closes it.
    static func create(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create", path) }
        return descriptor
    }

    /// Writes all of `data` to an open file (`path` names it in errors).
    static func write(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write", path)
                }
                offset += count
            }
        }
    }

    /// How `link(_:to:)` gave a file its second name.
    enum Linked {
        /// The same file (inode) under two names.
        case sameFile
        /// A copy: the file system has no hard links.
        case copy
    }

    /// A second name for an existing file (same bytes, same modification time); where the file system has no
    /// hard links, a copy with the original's modification time. Nil when neither worked.
    static func link(_ existing: String, to path: String) -> Linked? {
        if systemLink(existing, path) == 0 { return .sameFile }
        guard let data = FileManager.default.contents(atPath: existing), (try? write(data, to: path)) != nil else {
            return nil
        }
        var status = stat()
        guard stat(existing, &status) == 0 else { return .copy }
        #if canImport(Darwin)
        var times = [status.st_atimespec, status.st_mtimespec]
        #else
        var times = [status.st_atim, status.st_mtim]
        #endif
        _ = utimensat(AT_FDCWD, path, &times, 0)
        return .copy
    }

    /// Puts the existing file in the place of `path`, which has the same bytes (so the file keeps its inode and
    /// modification time). False, and `path` left as it was, when that cannot be done.
    static func replace(_ path: String, withLinkTo existing: String) -> Bool {
        let temporary = path + ".same"
        unlink(temporary)
        guard systemLink(existing, temporary) == 0 else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Replaces a file's content in one step (a sibling written, then renamed over it).
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".new-\(getpid())"
        unlink(temporary)
        try write(data, to: temporary)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot replace", path)
        }
    }

    /// Whether `copy` can work here (Linux's `sendfile`); elsewhere a kept part is read and written.
    static let copiesBetweenFiles: Bool = {
        #if os(Linux)
        true
        #else
        false
        #endif
    }()

    /// Has the system copy `length` bytes at `offset` of the open file `source` to where the open file `descriptor`
    /// stands, without reading them into memory. False when not all of them could be (the caller then cuts the file
    /// back, `truncate(_:to:path:)`, and writes them itself).
    static func copy(_ length: Int, at offset: Int, of source: Int32, to descriptor: Int32) -> Bool {
        #if os(Linux)
        var position = off_t(offset), left = length
        while left > 0 {
            let count = sendfile(descriptor, source, &position, left)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return false }
            left -= count
        }
        return true
        #else
        return false
        #endif
    }

    /// Cuts the open file `descriptor` back to `size` bytes, and writes on from there.
    static func truncate(_ descriptor: Int32, to size: Int, path: String) throws {
        guard ftruncate(descriptor, off_t(size)) == 0, lseek(descriptor, off_t(size), SEEK_SET) == off_t(size) else {
            throw failure("cannot write", path)
        }
    }

    /// How many entries (files and folders, at any depth) `folder` holds; nil when it cannot be read. Names only, as
    /// the system lists them: no entry is stat'ed but a folder's of a file system that does not say its kind.
    static func entryCount(in folder: String) -> Int? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            count += 1
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                isFolder = Self.isFolder(folder + "/" + name)
            }
            if isFolder {
                guard let inside = entryCount(in: folder + "/" + name) else { return nil }
                count += inside
            }
        }
        return count
    }

    /// The folders a site's files are in (`procedures` for `procedures/a.html`): a site's files lie one folder deep.
    static func folders(of paths: some Sequence<String>) -> Set<String> {
        // On the UTF-8 bytes: `split` on characters was a hundredth of a one-procedure rebuild.
        Set(paths.compactMap { path in
            let parts = path.utf8.split(separator: UInt8(ascii: "/"))
            return parts.count > 1 ? String(Substring(parts[0])) : nil
        })
    }

    /// Whether `path` is a folder itself (not a symbolic link to one).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// The permission bits of what is at `path` (`lstat(2)`'s, as `chmod` sets them). Foundation's attributes would
    /// also look its owner and group up by name, reading the system's user and group files.
    static func mode(of path: String) throws -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw failure("cannot read the mode of", path) }
        return status.st_mode & 0o7777
    }

    /// Sets them on a folder, opened without following a symbolic link: one put in its place since it was looked at
    /// is refused, never followed out of the site.
    static func setFolderMode(_ mode: mode_t, of path: String) throws {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { throw failure("cannot open the folder", path) }
        defer { close(folder) }
        guard fchmod(folder, mode) == 0 else { throw failure("cannot set the mode of", path) }
    }

    /// Removes a site's folder, its folders each on a core: a folder's entries are unlinked one after another.
    static func removeFolder(_ folder: URL) {
        let path = folder.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        _ = parallelMap(names) { try? FileManager.default.removeItem(atPath: path + "/" + $0) }
        try? FileManager.default.removeItem(at: folder)
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) '\(path)': \(String(cString: strerror(errno)))")
    }
}

/// `link(2)`, named apart from `SiteFiles.link`.
private func systemLink(_ existing: String, _ path: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.link(existing, path)
    #else
    Darwin.link(existing, path)
    #endif
}

/// `write(2)`, named apart from `SiteFiles.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
