import Crypto
import Foundation

/// A file's bytes as the pieces it was put together from — the binder's chapters, the search data's entries —
/// hashed and written piece by piece, so a large file is never copied into one buffer (at 3 000 documents the
/// binder and the search data are 25 MB each; assembling them held a second copy of each).
struct Pieces: Sendable {
    /// A piece kept by key (`RenderCache`) that the next build may take back from the written file
    /// (`PreviousParts`): its bytes are `file[offset ..< offset + length]`, and `hash` is their SHA-256 (hex), so
    /// that the file they are taken into is hashed without reading them (`BuildManifest.ContentHash`).
    struct Part: Equatable, Sendable {
        var key: String
        var offset: Int
        var length: Int
        var hash: String

        init(key: String, offset: Int, length: Int, hash: String) {
            (self.key, self.offset, self.length, self.hash) = (key, offset, length, hash)
        }

        /// The part whose bytes are `bytes`, at `offset`.
        init(key: String, offset: Int, bytes: Data) {
            self.init(key: key, offset: offset, length: bytes.count, hash: Self.hash(of: bytes))
        }

        /// A part's hash, as the manifest records it.
        static func hash(of bytes: Data) -> String {
            hex(SHA256.hash(data: bytes))
        }
    }

    private(set) var chunks: [Data] = []
    /// The number of bytes.
    private(set) var count = 0
    /// The pieces appended with a key, where they stand.
    private(set) var parts: [Part] = []

    init() {}

    init(_ data: Data) { append(data) }

    /// Appends `data`; with a key, its place is recorded as a part.
    mutating func append(_ data: Data, keptAs key: String? = nil) {
        guard !data.isEmpty else { return }
        if let key { parts.append(Part(key: key, offset: count, bytes: data)) }
        chunks.append(data)
        count += data.count
    }

    /// All the bytes in one buffer, indexed from 0.
    var joined: Data {
        if chunks.count == 1, chunks[0].startIndex == 0 { return chunks[0] }
        return chunks.reduce(into: Data(capacity: count)) { $0.append($1) }
    }
}
