import Foundation

extension PartedLayout {
    /// The layout of a page rendered with a marker where each part goes — one of `markers` (a NUL and a nonce of the
    /// build: no handbook text can hold it), a payload without NUL, a NUL — each marker replaced by the part
    /// `part(marker, payload)` names. A marker it names no part for stays as text. The binder's chapters
    /// (`ChapterSplice`) and the index's rows (`IndexRows`) are put in this way.
    init(frame: String, markers: [String], keys: [String], part: (_ marker: Int, _ payload: ArraySlice<UInt8>) -> Int?) {
        let markers = markers.map { Array($0.utf8) }
        let bytes = Array(frame.utf8)
        var pieces: [Piece] = []
        var copied = 0, position = 0
        while let start = bytes[position...].firstIndex(of: 0) {
            position = start + 1
            guard let which = markers.indices.first(where: { bytes[start...].starts(with: markers[$0]) }),
                  let end = bytes[(start + markers[which].count)...].firstIndex(of: 0),
                  let index = part(which, bytes[(start + markers[which].count)..<end])
            else { continue }
            pieces.append(.bytes(Data(bytes[copied..<start])))
            pieces.append(.part(index))
            copied = end + 1
            position = copied
        }
        pieces.append(.bytes(Data(bytes[copied...])))
        self.init(pieces: pieces, keys: keys)
    }
}
