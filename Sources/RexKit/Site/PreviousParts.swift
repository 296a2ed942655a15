import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binder's chapters, the search data's entries and the catalog lines' hashes of the site a build replaces,
/// taken back by key (`BuildManifest.Part`, `BuildManifest.catalogLines`), so that a new `rex build-site` after a
/// one-procedure change renders one chapter and describes one document, not every one. The site is the cache: a
/// file whose bytes are not the ones its manifest recorded gives nothing.
enum PreviousParts {
    /// The catalog lines' hashes: their keys name everything they depend on.
    static func seedCatalog(_ cache: RenderCache, from manifest: BuildManifest) {
        for (key, hash) in manifest.catalogLines { cache.seed(key, hash) }
    }

    /// The chapters and search entries, when the manifest's salt is `salt` (otherwise none of their keys could match).
    /// Each file is kept open, after its stamp or its hash (taken a piece at a time) showed it to be as recorded: a
    /// part is read from it when the new file takes it (`KeptPart`), so a build never holds the previous binder and
    /// search data (50 MB at 3 000 documents), and reads the bytes it takes once.
    static func seedParts(_ cache: RenderCache, from manifest: BuildManifest, in site: URL, salt: String) {
        guard manifest.salt == salt else { return }
        // The binder and the search data are checked each on a core of its own (hashed only when their stamp changed).
        _ = parallelMap(Array(manifest.parts)) { path, parts in
            guard let entry = manifest.files[path],
                  let file = PreviousFile(site.path + "/" + path, recordedBy: entry, stamp: manifest.stamps[path])
            else { return }
            for part in parts where part.offset >= 0 && part.length >= 0 && part.offset + part.length <= entry.size {
                cache.seed(part.key, KeptPart(file: file, offset: part.offset, length: part.length))
            }
        }
    }
}

/// A chapter or search entry of the previous site, read from its file when the new file takes it.
struct KeptPart: Sendable {
    let file: PreviousFile
    let offset: Int
    let length: Int

    /// Its bytes; nil when they cannot be read whole (the part is then made again).
    func read() -> Data? { file.read(offset: offset, length: length) }
}

/// A file of the previous site whose bytes are the ones its manifest recorded, open for reading until the last part
/// taken from it is let go (the file may meanwhile be replaced by the new site: the open file still reads the old bytes).
final class PreviousFile: Sendable {
    private let descriptor: Int32

    /// Nil when the file cannot be opened, is not a regular file, or does not have the recorded size and hash. A file
    /// that still has the stamp it had once written (`stamp`) is not hashed: its bytes are the ones written.
    init?(_ path: String, recordedBy entry: BuildManifest.Entry, stamp: FileStamp? = nil) {
        guard case .success(let (descriptor, status)) = BoundedFileReader.openRegularFile(path) else { return nil }
        self.descriptor = descriptor
        guard Int(status.st_size) == entry.size, FileStamp(status) == stamp || hashed() == entry.content
        else { return nil }  // deinit closes it
    }

    deinit { close(descriptor) }

    /// The SHA-256 (hex) of the whole file, read a megabyte at a time; nil when it cannot be read or changes size.
    private func hashed() -> String? {
        var hash = BuildManifest.ContentHash()
        let chunk = 1 << 20
        var offset = 0
        while true {
            guard let data = read(offset: offset, length: chunk, allowingShort: true) else { return nil }
            if data.isEmpty { return hash.hex }
            hash.update(data)
            offset += data.count
        }
    }

    /// `length` bytes at `offset` (fewer at the end of the file when `allowingShort`).
    func read(offset: Int, length: Int, allowingShort: Bool = false) -> Data? {
        var data = Data(count: length)
        var count = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while count < length {
                let got = pread(descriptor, buffer.baseAddress! + count, length - count, off_t(offset + count))
                if got < 0, errno == EINTR { continue }
                if got < 0 { return false }
                if got == 0 { return allowingShort }
                count += got
            }
            return true
        }
        guard complete else { return nil }
        if count < length { data.count = count }
        return data
    }
}
