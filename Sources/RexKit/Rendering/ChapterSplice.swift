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
        PartedLayout(frame: page, markers: [prefix], keys: keys) { _, number in
            guard (1...9).contains(number.count), number.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let index = Int(String(decoding: number, as: UTF8.self)), index < keys.count else { return nil }
            return index
        }
    }
}
