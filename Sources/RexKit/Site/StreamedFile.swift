import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index, the binder or the search data of a site build, written into the staging folder as their parts come:
/// each document's page leaves its index row and search entries, each checklist its binder chapter, and they go to
/// the file (in order: a part that comes early waits for the ones before it) instead of being held until the last
/// page is rendered. So a build holds the model and the pages in flight, not a second copy of every chapter and
/// entry (50 MB at 3 000 documents).
/// The file is hashed as it is written (`BuildManifest.ContentHash`); a part kept from the previous site is copied
/// by the system from that site's file (parts that follow each other there and here, such as the index's rows, in
/// one call), neither read nor hashed again: its recorded hash stands for the bytes copied, as the previous file
/// was found to be as recorded (`PreviousFile`) and a site is only ever replaced whole. Parts no page gave (a
/// document whose page is not in the plan, as with a repeated id) are made at the end. Pages finish in about the
/// file's order, so few parts wait; a custom binder template that shows a late chapter early makes the chapters
/// after it wait in memory until it comes.
final class StreamedFile: @unchecked Sendable {
    /// The layout's own bytes, or a part with its number (to make it anew if a kept one cannot be copied).
    private enum Piece: AssemblyContent {
        case frame(Data)
        case part(PartBytes, index: Int)

        init(frame: Data) { self = .frame(frame) }

        var isEmpty: Bool {
            switch self {
            case .frame(let data): data.isEmpty
            case .part(let bytes, _): bytes.isEmpty
            }
        }
    }

    private let file: PartedFile
    private let path: String
    /// Guards all that follows: parts come from both cores.
    private let lock = NSLock()
    private var assembly: PartAssembly<Piece>
    private var descriptor: Int32
    private var hash = BuildManifest.ContentHash()
    private var size = 0
    private var parts: [Pieces.Part] = []
    /// Kept parts that lie one after the other in the previous file as in this one (an index's rows): copied in one
    /// call when anything else comes, instead of one call each.
    private var keptRun: [(part: KeptPart, index: Int, key: String)] = []
    /// Bytes taken but not yet handed to the system: parts go out `writeSize` bytes at a time, not a system call each
    /// (it is a `--watch` rebuild, whose chapters and entries are held in memory, that gains; a one-off build's time
    /// and memory were measured unchanged).
    private var unwritten = Data()
    private let writeSize: Int
    /// The previous site's files kept parts were taken from, by identity.
    private var takenFrom: [ObjectIdentifier: PreviousFile] = [:]

    /// Creates the file at `path` (it must not exist yet); bytes reach it `writeSize` at a time (0: as they come).
    init(_ file: PartedFile, at path: String, writeSize: Int = 1 << 16) throws {
        (self.file, self.path, assembly, self.writeSize) = (file, path, PartAssembly(file.layout), writeSize)
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
            try copyKeptRun()
            try flush()
            // Written to since it was found as recorded (a hand in the site during the build): what was copied from it
            // may not be the bytes its parts' recorded hashes say. Nothing is put in place; the next build finds it so.
            if takenFrom.values.contains(where: { !$0.isAsFound }) {
                throw SiteFiles.Failure(description: "'\(path)': a file of the previous site it takes parts from was "
                                        + "written to during the build; build again")
            }
            close(descriptor)
            descriptor = -1
            return (hash.hex, size, parts)
        }
    }

    private func add(_ index: Int) throws {
        // Outside the lock: it may render, or read.
        var bytes = try file.part(index)
        if case .kept(let kept) = bytes {
            lock.withLock { takenFrom[ObjectIdentifier(kept.file)] = kept.file }
            if !SiteFiles.copiesBetweenFiles { bytes = .made(try file.data(bytes, of: index)) }
        }
        try lock.withLock { try assembly.offer(index, .part(bytes, index: index), to: append) }
    }

    /// Called with the lock held.
    private func append(_ piece: Piece, keptAs key: String?) throws {
        if case .part(.kept(let kept), let index) = piece, let key {
            if let last = keptRun.last?.part, last.file !== kept.file || last.offset + last.length != kept.offset {
                try copyKeptRun()
            }
            keptRun.append((kept, index, key))
            return
        }
        try copyKeptRun()
        switch piece {
        case .frame(let data), .part(.made(let data), _):
            try write(data, keptAs: key)
        case .part(.held(let held), _):
            try write(held.data, keptAs: key, hash: held.hash)
        case .part(.kept(let kept), let index):
            try write(file.data(.kept(kept), of: index), keptAs: key)
        }
    }

    /// Has the system copy the kept parts waiting, in one call; those it cannot copy whole are read, or made anew.
    private func copyKeptRun() throws {
        guard let first = keptRun.first?.part else { return }
        let run = keptRun
        keptRun = []
        try flush()  // the system copies to where the file ends
        if SiteFiles.copy(run.reduce(0) { $0 + $1.part.length }, at: first.offset, of: first.file.descriptor, to: descriptor) {
            for (kept, _, key) in run {
                hash.part(kept.hash)
                parts.append(Pieces.Part(key: key, offset: size, length: kept.length, hash: kept.hash))
                size += kept.length
            }
            return
        }
        try SiteFiles.truncate(descriptor, to: size, path: path)  // whatever the copy wrote is written over
        for (kept, index, key) in run { try write(file.data(.kept(kept), of: index), keptAs: key) }
    }

    /// `hash`: the part's, when it is known already.
    private func write(_ data: Data, keptAs key: String?, hash partHash: String? = nil) throws {
        if unwritten.count + data.count > writeSize { try flush() }
        if data.count >= writeSize {
            try SiteFiles.write(data, to: descriptor, path: path)
        } else {
            unwritten.append(data)
        }
        if let key {
            let part = partHash.map { Pieces.Part(key: key, offset: size, length: data.count, hash: $0) }
                ?? Pieces.Part(key: key, offset: size, bytes: data)
            hash.part(part.hash)
            parts.append(part)
        } else {
            hash.update(data)
        }
        size += data.count
    }

    private func flush() throws {
        guard !unwritten.isEmpty else { return }
        try SiteFiles.write(unwritten, to: descriptor, path: path)
        unwritten.removeAll(keepingCapacity: true)
    }
}
