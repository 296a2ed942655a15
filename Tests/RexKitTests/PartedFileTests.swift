import Foundation
import Testing
@testable import RexKit

/// The binder and the search data are written as the pages give their parts, in whatever order the two cores
/// finish them: the file must be the bytes of the whole file assembled at once, whatever that order.
@Suite("Files written as their parts come")
struct PartedFileTests {
    /// Like the search data: a frame, three documents' entries (the second has none), commas between entries.
    let search = PartedLayout(pieces: [.bytes(Data("[".utf8)), .part(0), .part(1), .part(2), .bytes(Data("]".utf8))],
                              keys: ["a", "b", "c"], joiner: Data(",".utf8))
    let entries = [Data("{\"a\":1}".utf8), Data(), Data("{\"c\":3}".utf8)]

    /// Offers `parts` in `order`, then hands on the rest; what was handed on, and after which offer.
    private func assemble(_ layout: PartedLayout, _ parts: [Data], in order: [Int]) -> (bytes: Pieces, handedOn: [Int]) {
        var assembly = PartAssembly<Data>(layout), bytes = Pieces(), handedOn: [Int] = []
        for index in order {
            assembly.offer(index, parts[index]) { bytes.append($0, keptAs: $1) }
            handedOn.append(bytes.count)
        }
        assembly.advance { bytes.append($0, keptAs: $1) }
        #expect(assembly.isComplete)
        return (bytes, handedOn)
    }

    @Test(arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]])
    func partsOfferedInAnyOrderGiveTheBytesOfTheWholeFile(order: [Int]) {
        let whole = search.assembled(entries)
        #expect(String(decoding: whole.joined, as: UTF8.self) == "[{\"a\":1},{\"c\":3}]", "no comma for an empty part")
        let streamed = assemble(search, entries, in: order).bytes
        #expect(streamed.joined == whole.joined)
        #expect(streamed.parts == whole.parts)
        #expect(whole.parts.map(\.key) == ["a", "c"], "an empty part is not recorded")
    }

    /// A part that comes before its turn waits; once the parts before it come, it goes to the file with them.
    @Test func aPartComingEarlyWaitsForTheOnesBeforeIt() {
        let (bytes, handedOn) = assemble(search, entries, in: [2, 1, 0])
        #expect(handedOn == [1, 1, bytes.count], "the opening bracket at once, the rest when part 0 comes")
    }

    /// A template may show a chapter twice: the part goes to both places and is recorded at the first; offered
    /// again (a page rendered twice), it is not put in a third time.
    @Test func aPartShownTwiceIsPutInTwiceAndRecordedOnce() {
        let layout = PartedLayout(pieces: [.part(1), .bytes(Data("|".utf8)), .part(0), .part(1)], keys: ["a", "b"])
        let parts = [Data("A".utf8), Data("B".utf8)]
        var assembly = PartAssembly<Data>(layout), bytes = Pieces()
        for index in [1, 1, 0, 1] {
            assembly.offer(index, parts[index]) { bytes.append($0, keptAs: $1) }
        }
        #expect(assembly.isComplete)
        #expect(String(decoding: bytes.joined, as: UTF8.self) == "B|AB")
        #expect(bytes.parts == [Pieces.Part(key: "b", offset: 0, length: 1, hash: sha256("B")),
                                Pieces.Part(key: "a", offset: 2, length: 1, hash: sha256("A"))])
    }

    /// The parts no page gave are named, in the order the file needs them, so the build can make them at the end.
    @Test func thePartsStillMissingAreNamedInTheirOrder() {
        var assembly = PartAssembly<Data>(search)
        #expect(assembly.missing == [0, 1, 2])
        assembly.offer(1, entries[1]) { _, _ in }
        #expect(assembly.missing == [0, 2])
        assembly.offer(0, entries[0]) { _, _ in }
        #expect(assembly.missing == [2])
        #expect(!assembly.isComplete)
    }

    /// A page done before the file is there leaves its part to the hand-off, which adds it once the file is: the
    /// file holds it at once (written as parts come; a build's file gathers 64 KB first), before
    /// anything asks for the parts still missing.
    @Test func aPageDoneBeforeTheFileIsThereGivesItsPartOnceItIs() throws {
        let file = PartedFile(layout: search, partOfPage: ["a.html": 0, "b.html": 1, "c.html": 2]) { entries[$0] }
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let path = folder.url.appending(path: "search-data.js").path
        let handOff = PartHandOff()
        try handOff.addParts(ofPage: "a.html")
        try handOff.addParts(ofPage: "b.html")
        let streamed = try StreamedFile(file, at: path, writeSize: 0)
        try handOff.open([streamed])
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "[{\"a\":1}")
        try handOff.addParts(ofPage: "c.html")
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == "[{\"a\":1},{\"c\":3}]")
        #expect(try streamed.finish().size == 17)
    }

    /// The binder and the search data are written from both cores: whatever order the pages come in — some before
    /// the file is there (`PartHandOff`), the others while it is handed over, on another thread — and with some
    /// pages never coming (their parts made at the end), the file, its hash, size and recorded parts are those of
    /// the whole file assembled at once, whether its bytes go out as they come, a few at a time or all at the end.
    @Test(arguments: [0, 7, 1 << 16])
    func aFileWrittenFromBothCoresInAnyOrderIsTheWholeFile(writeSize: Int) throws {
        let count = 300
        let keys = (0..<count).map { "k\($0)" }
        let parts = (0..<count).map { Data(($0 % 7 == 0 ? "" : "{\"n\":\($0)}").utf8) }
        let layout = PartedLayout(pieces: [.bytes(Data("[".utf8))] + keys.indices.map(PartedLayout.Piece.part)
                                      + [.bytes(Data("]".utf8))], keys: keys, joiner: Data(",".utf8))
        let pages = (0..<count).map { SitePaths.incidentPage("i\($0)") }
        let file = PartedFile(layout: layout, partOfPage: Dictionary(uniqueKeysWithValues: zip(pages, pages.indices))) {
            parts[$0]
        }
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let path = folder.url.appending(path: "search-data.js").path
        let streamed = try StreamedFile(file, at: path, writeSize: writeSize)
        let given = Array(pages.indices.shuffled().dropFirst(count / 10))
        let handOff = PartHandOff()
        for place in given.prefix(count / 3) { try handOff.addParts(ofPage: pages[place]) }
        let opening = Pending { try handOff.open([streamed]) }
        for result in parallelMap(Array(given.dropFirst(count / 3)), { place in Result { try handOff.addParts(ofPage: pages[place]) } }) {
            try result.get()
        }
        try opening.get()
        let (content, size, recorded) = try streamed.finish()
        let whole = try file.assembled()
        let expected = BuildManifest.Entry(key: "", bytes: whole)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole.joined)
        #expect(content == expected.content && size == expected.size)
        #expect(recorded == whole.parts)
    }
}
