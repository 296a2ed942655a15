import Crypto
import Foundation

/// The binder's chapters, the search data's entries and the catalog lines' hashes of the site a build replaces,
/// taken back by key (`BuildManifest.Part`, `BuildManifest.catalogLines`), so that a new `rex build-site` after a
/// one-procedure change renders one chapter and describes one document, not every one. The site is the cache: a
/// file whose bytes are not the ones its manifest recorded gives nothing.
enum PreviousParts {
    /// The catalog lines' hashes: their keys name everything they depend on.
    static func seedCatalog(_ cache: RenderCache, from manifest: BuildManifest) {
        for (key, hash) in manifest.catalogLines { cache.seed(key, hash) }
    }

    /// The chapters, index rows and search entries, when the manifest's salt is `salt` (otherwise none of their keys
    /// could match). Each file is kept open, after its placement or its hash (taken a piece at a time) showed it to be
    /// as recorded: a part is read from it when the new file takes it (`KeptPart`), so a build never holds the
    /// previous binder and search data (50 MB at 3 000 documents), and reads the bytes it takes once.
    static func seedParts(_ cache: RenderCache, from manifest: BuildManifest, in site: URL, salt: String) {
        guard manifest.salt == salt else { return }
        // The files are checked each on a core (hashed only when they are not as the build left them).
        let site = site.path + "/"
        _ = parallelMap(Array(manifest.parts)) { path, parts in
            guard let entry = manifest.files[path],
                  let file = PreviousFile(site + path, recordedBy: entry, parts: parts) else { return }
            for part in parts where part.fits(in: entry.size) {
                cache.seed(part.key, KeptPart(file: file, offset: part.offset, length: part.length, hash: part.hash))
            }
        }
    }
}

extension BuildManifest.Part {
    /// Whether the part lies within a file of `size` bytes (a damaged manifest may say anything; nothing overflows).
    func fits(in size: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= size && length <= size - offset
    }
}

/// A chapter or search entry of the previous site, copied or read from its file when the new file takes it.
struct KeptPart: Sendable {
    let file: PreviousFile
    let offset: Int
    let length: Int
    /// The SHA-256 (hex) of its bytes, as the manifest recorded it.
    let hash: String

    /// Its bytes; nil when they cannot be read whole (the part is then made again).
    func read() -> Data? { file.read(offset: offset, length: length) }
}

/// A file of the previous site whose bytes are the ones its manifest recorded, open for reading until the last part
/// taken from it is let go (the file may meanwhile be replaced by the new site: the open file still reads the old bytes).
final class PreviousFile: Sendable {
    private let file: ReadOnlyFile
    /// Open for reading (and for the system to copy from: `StreamedFile`).
    var descriptor: Int32 { file.descriptor }
    /// Whether nothing wrote to the file since it was found as recorded (`ReadOnlyFile.isAsOpened`).
    var isAsFound: Bool { file.isAsOpened }

    /// Nil when the file cannot be opened, is not a regular file, or does not have the recorded size and hash (its
    /// `parts` as the manifest recorded them). A file still as the build left it (`Entry.isPlaced`) is not hashed:
    /// its bytes are the ones written.
    init?(_ path: String, recordedBy entry: BuildManifest.Entry, parts: [BuildManifest.Part] = []) {
        guard let file = ReadOnlyFile(path) else { return nil }
        self.file = file
        guard file.size == entry.size, entry.isPlaced(as: file.stamp) || hashed(size: entry.size, parts: parts) == entry.content
        else { return nil }
    }

    /// The file's `BuildManifest.ContentHash` (hex), read a megabyte at a time; nil when it cannot be read whole or
    /// the parts are out of order.
    private func hashed(size: Int, parts: [BuildManifest.Part]) -> String? {
        var hash = BuildManifest.ContentHash()
        var offset = 0
        func readOn(to end: Int, into update: (Data) -> Void) -> Bool {
            while offset < end {
                guard let data = read(offset: offset, length: min(1 << 20, end - offset)) else { return false }
                update(data)
                offset += data.count
            }
            return true
        }
        for part in parts {
            guard part.offset >= offset, part.fits(in: size), readOn(to: part.offset, into: { hash.update($0) }) else { return nil }
            var partHash = SHA256()
            guard readOn(to: part.offset + part.length, into: { partHash.update(data: $0) }) else { return nil }
            hash.part(hex(partHash.finalize()))
        }
        guard readOn(to: size, into: { hash.update($0) }) else { return nil }
        return hash.hex
    }

    /// `length` bytes at `offset`; nil when they cannot all be read.
    func read(offset: Int, length: Int) -> Data? { file.read(offset: offset, length: length) }
}
