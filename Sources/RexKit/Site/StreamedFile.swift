import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binder or the search data of a site build, written into the staging folder as their parts come: each
/// procedure's page leaves its chapter and search entries, and they go to the file (in order: a part that comes
/// early waits for the ones before it) instead of being held until the last page is rendered. So a build holds
/// the model and the pages in flight, not a second copy of every chapter and entry (50 MB at 3 000 documents).
/// The file is hashed as it is written; parts no page gave (a document whose page is not in the plan, as with a
/// repeated id) are made at the end. Pages finish in about the file's order, so few parts wait; a custom binder
/// template that shows a late chapter early makes the chapters after it wait in memory until it comes.
final class StreamedFile: @unchecked Sendable {
    private let file: PartedFile
    private let path: String
    /// Guards all that follows: parts come from both cores.
    private let lock = NSLock()
    private var assembly: PartAssembly
    private var descriptor: Int32
    private var hash = BuildManifest.ContentHash()
    private var size = 0
    private var parts: [Pieces.Part] = []

    /// Creates the file at `path` (it must not exist yet).
    init(_ file: PartedFile, at path: String) throws {
        (self.file, self.path, assembly) = (file, path, PartAssembly(file.layout))
        descriptor = try SiteFiles.create(path)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Adds the part of the document whose page is `page` (made or kept), if this file has one.
    func addPart(ofPage page: String) throws {
        if let index = file.partOfPage[page] { try add(index) }
    }

    /// Adds the parts no page gave (made on all cores), closes the file, and says what it holds.
    func finish() throws -> (content: String, size: Int, parts: [Pieces.Part]) {
        let missing = lock.withLock { assembly.missing }
        for result in parallelMap(missing, { index in Result { try self.add(index) } }) { try result.get() }
        return try lock.withLock {
            try assembly.advance(to: append)  // the bytes after the last part (or of a file without parts)
            precondition(assembly.isComplete, "a parted file finished with parts missing")
            close(descriptor)
            descriptor = -1
            return (hash.hex, size, parts)
        }
    }

    private func add(_ index: Int) throws {
        let data = try file.part(index)  // outside the lock: it may render
        try lock.withLock { try assembly.offer(index, data, to: append) }
    }

    /// Called with the lock held.
    private func append(_ data: Data, keptAs key: String?) throws {
        try SiteFiles.write(data, to: descriptor, path: path)
        hash.update(data)
        if let key { parts.append(Pieces.Part(key: key, offset: size, length: data.count)) }
        size += data.count
    }
}
