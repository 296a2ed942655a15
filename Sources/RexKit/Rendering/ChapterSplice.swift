import Foundation

/// Finds where the binder's chapters go in its rendered page. The template is given a marker for each chapter — a
/// NUL, a nonce of this build, the chapter's number, a NUL: no text of the handbook can hold it — and each marker
/// becomes the place of the chapter's bytes (`PartedLayout`). So the 25 MB binder of a large handbook is never a
/// Mustache string (copied as each section returns), where each chapter stands is known, not searched for, and
/// the page can be written before its chapters are made (`StreamedFile`).
struct ChapterSplice {
    private let prefix = "\u{0}\(UUID().uuidString) "

    /// The text the template shows in place of chapter `index`.
    func marker(_ index: Int) -> String { "\(prefix)\(index)\u{0}" }

    /// The page as a `PartedLayout`: the text between markers as bytes, each marker as its chapter's part
    /// (`keys[index]`). Where chapters stand is known before any is rendered.
    func layout(_ page: String, keys: [String]) -> PartedLayout {
        var page = page
        return page.withUTF8 { bytes in
            var pieces: [PartedLayout.Piece] = []
            var copied = 0, position = 0
            while let start = bytes[position...].firstIndex(of: 0) {
                guard let (index, end) = chapterMarker(in: bytes, at: start), index < keys.count else {
                    position = start + 1
                    continue
                }
                pieces.append(.bytes(Data(bytes[copied..<start])))
                pieces.append(.part(index))
                copied = end
                position = end
            }
            pieces.append(.bytes(Data(bytes[copied...])))
            return PartedLayout(pieces: pieces, keys: keys)
        }
    }

    /// The chapter number of the marker starting at `start`, and where the marker ends.
    private func chapterMarker(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        let prefix = prefix.utf8
        guard bytes.count - start > prefix.count, bytes[start..<start + prefix.count].elementsEqual(prefix) else { return nil }
        var index = 0, position = start + prefix.count
        while position < bytes.count, position - start - prefix.count < 9,
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            index = index * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        guard position > start + prefix.count, position < bytes.count, bytes[position] == 0 else { return nil }
        return (index, position + 1)
    }
}
