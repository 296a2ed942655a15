import Foundation

/// A file's bytes as the pieces it was put together from — the binder's chapters, the search data's entries —
/// hashed and written piece by piece, so a large file is never copied into one buffer (at 3 000 documents the
/// binder and the search data are 25 MB each; assembling them held a second copy of each).
struct Pieces: Sendable {
    private(set) var chunks: [Data] = []
    /// The number of bytes.
    private(set) var count = 0

    init() {}

    init(_ data: Data) { append(data) }

    mutating func append(_ data: Data) {
        guard !data.isEmpty else { return }
        chunks.append(data)
        count += data.count
    }

    /// All the bytes in one buffer, indexed from 0.
    var joined: Data {
        if chunks.count == 1, chunks[0].startIndex == 0 { return chunks[0] }
        return chunks.reduce(into: Data(capacity: count)) { $0.append($1) }
    }
}
