import Foundation
import Testing
@testable import RexKit

@Suite("Binder chapters put in after rendering")
struct ChapterSpliceTests {
    let chapters: [(key: String, html: Data)] = [("a", Data("<h2>Arrêt</h2>".utf8)), ("b", Data("<h2>Reprise</h2>".utf8))]

    private func spliced(_ page: String, with splice: ChapterSplice) -> Pieces {
        splice.layout(page, keys: chapters.map(\.key)).assembled(chapters.map(\.html))
    }

    @Test func eachMarkerBecomesItsChapterAndItsPlaceIsRecorded() {
        let splice = ChapterSplice()
        let page = "<main>\(splice.marker(0))|\(splice.marker(1))</main>"
        let bytes = spliced(page, with: splice)
        let data = bytes.joined, parts = bytes.parts
        #expect(String(decoding: data, as: UTF8.self) == "<main><h2>Arrêt</h2>|<h2>Reprise</h2></main>")
        #expect(parts.map(\.key) == ["a", "b"])
        for (part, chapter) in zip(parts, chapters) {
            #expect(data[part.offset ..< part.offset + part.length] == chapter.html)
        }
    }

    /// A template may show a chapter twice: both places get it, the first is recorded.
    @Test func aChapterShownTwiceIsPutInTwiceAndRecordedOnce() {
        let splice = ChapterSplice()
        let bytes = spliced("\(splice.marker(1))\(splice.marker(1))", with: splice)
        let data = bytes.joined, parts = bytes.parts
        #expect(String(decoding: data, as: UTF8.self) == "<h2>Reprise</h2><h2>Reprise</h2>")
        #expect(parts == [BuildManifest.Part(key: "b", offset: 0, length: chapters[1].html.count,
                                             hash: sha256("<h2>Reprise</h2>"))])
    }

    /// Text that only looks like a marker (a title may hold NUL characters, written "\0" in YAML), another
    /// build's marker, or a chapter number out of range stays as it is.
    @Test func textThatIsNotThisBuildsMarkerIsLeftAlone() {
        let splice = ChapterSplice(), other = ChapterSplice()
        let page = "\u{0}x 1\u{0}\(other.marker(0))\(splice.marker(7))\(splice.marker(99999999999))\u{0}"
        let bytes = spliced(page, with: splice)
        let data = bytes.joined, parts = bytes.parts
        #expect(String(decoding: data, as: UTF8.self) == page)
        #expect(parts.isEmpty)
    }
}
