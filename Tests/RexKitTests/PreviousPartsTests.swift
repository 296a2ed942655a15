import Foundation
import Testing
@testable import RexKit

/// A new process takes the unchanged chapters and search entries back from the site it replaces, reading each from
/// the old file when the new file takes it: only from a file whose bytes are the recorded ones, and never losing a
/// part it cannot read (it is made again).
@Suite("Parts taken back from the previous site")
struct PreviousPartsTests {
    let bytes = Data("<html>chapter one|chapter two|</html>".utf8)

    private func file(_ data: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "rex-previous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appending(path: "binder.html").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func entry(_ data: Data) -> BuildManifest.Entry {
        BuildManifest.Entry(key: "k", bytes: Pieces(data))
    }

    @Test func aPartIsReadFromTheFileItsManifestRecorded() throws {
        let path = try file(bytes)
        let previous = try #require(PreviousFile(path, recordedBy: entry(bytes)))
        let part = KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one"))
        #expect(part.read() == Data("chapter one".utf8))
        // The new site takes the old one's place while parts are still to be read: the open file reads the old bytes.
        try Data("replaced".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        #expect(KeptPart(file: previous, offset: 18, length: 11, hash: sha256("chapter two")).read() == Data("chapter two".utf8))
        #expect(KeptPart(file: previous, offset: 30, length: 100, hash: sha256("gone")).read() == nil, "past the end: made again")
    }

    /// Larger than the megabyte it is hashed by, so that the hash is of all its pieces.
    @Test func aFileWhoseBytesAreNotTheRecordedOnesGivesNothing() throws {
        let large = Data((0..<(3 << 19)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        #expect(PreviousFile(try file(large), recordedBy: entry(large)) != nil)
        var altered = large
        altered[altered.count - 2] ^= 1
        #expect(PreviousFile(try file(altered), recordedBy: entry(large)) == nil, "same size, other bytes")
        #expect(PreviousFile(try file(large.dropLast()), recordedBy: entry(large)) == nil, "other size")
        #expect(PreviousFile(try file(large) + ".missing", recordedBy: entry(large)) == nil)
    }

    /// A file still as the build left it (its size, modification time and inode recorded: `Entry.isPlaced`) is taken
    /// as it is (its hash is not even taken: here the recorded one is of other bytes); a file placed otherwise is
    /// hashed and, hashing otherwise, refused.
    @Test func aFileAsItsBuildLeftItIsNotHashedAgainAndOneAlteredSinceIs() throws {
        let path = try file(bytes)
        let placed = BuildManifest.Placement(try #require(FileStamp(path: path)))
        func recorded(_ data: Data, placed: BuildManifest.Placement) -> BuildManifest.Entry {
            var entry = entry(data)
            entry.placed = placed
            return entry
        }
        let otherBytes = Data("<html>chapter ONE|chapter two|</html>".utf8)
        let previous = try #require(PreviousFile(path, recordedBy: recorded(otherBytes, placed: placed)))
        #expect(KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one")).read() == Data("chapter one".utf8))
        var earlier = placed, elsewhere = placed
        earlier.modified -= 1_000_000_000  // written to since
        elsewhere.inode &+= 1  // a copy put in its place since, with the same size and times
        for other in [earlier, elsewhere] {
            #expect(PreviousFile(path, recordedBy: recorded(otherBytes, placed: other)) == nil)
            #expect(PreviousFile(path, recordedBy: recorded(bytes, placed: other)) != nil, "hashed: the recorded bytes")
        }
    }

    /// A file with parts is hashed part by part against its recorded hash (`BuildManifest.ContentHash`): a byte
    /// changed in a part or between parts, and it gives nothing.
    @Test func aFileWithPartsIsCheckedPartByPart() throws {
        var pieces = Pieces()
        pieces.append(Data("<html>".utf8))
        pieces.append(Data("chapter one".utf8), keptAs: "one")
        pieces.append(Data("|".utf8))
        pieces.append(Data("chapter two".utf8), keptAs: "two")
        pieces.append(Data("|</html>".utf8))
        #expect(pieces.joined == bytes)
        let recorded = BuildManifest.Entry(key: "k", bytes: pieces)
        #expect(recorded.content != entry(bytes).content, "not the SHA-256 of the bytes: of their stretches and parts")
        #expect(PreviousFile(try file(bytes), recordedBy: recorded, parts: pieces.parts) != nil)
        for place in [2, 8, 17, 20, 33] {
            var altered = bytes
            altered[place] ^= 0x20
            #expect(PreviousFile(try file(altered), recordedBy: recorded, parts: pieces.parts) == nil, "byte \(place)")
        }
        #expect(PreviousFile(try file(bytes), recordedBy: recorded) == nil, "hashed without its parts: another hash")
    }

    /// A cache kept between builds (`--watch`) reads a kept part at once, or makes it when it cannot be read; a
    /// one-off build's gives it as it is, for the new file to copy.
    @Test func aPartThatCannotBeReadIsMadeAgain() throws {
        let previous = try #require(PreviousFile(try file(bytes), recordedBy: entry(bytes)))
        let kept = RenderCache(keepingParts: true)
        kept.seed("one", KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one")))
        kept.seed("gone", KeptPart(file: previous, offset: 30, length: 100, hash: sha256("gone")))
        #expect(kept.part("one") { Data("made".utf8) }.made == Data("chapter one".utf8))
        #expect(kept.part("gone") { Data("made".utf8) }.made == Data("made".utf8))
        let oneOff = RenderCache(keepingParts: false)
        oneOff.seed("one", KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one")))
        guard case .kept(let part) = oneOff.part("one", { Data("made".utf8) }) else {
            Issue.record("read, not given as it is")
            return
        }
        #expect(part.offset == 6 && part.length == 11)
    }

    /// A new file takes the kept parts through the system's copy, neither read nor hashed: its bytes, hash and
    /// recorded parts are those of the file made whole at once. A kept part whose bytes are no longer there (the
    /// previous file cut short since) is made anew, over whatever the copy had written.
    @Test func aStreamedFileCopiesKeptPartsAndMakesAgainTheOnesItCannotCopy() throws {
        let previous = try #require(PreviousFile(try file(bytes), recordedBy: entry(bytes)))
        let cache = RenderCache(keepingParts: false)
        cache.seed("one", KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one")))
        cache.seed("three", KeptPart(file: previous, offset: 30, length: 100, hash: sha256("chapter three")))
        let layout = PartedLayout(pieces: [.bytes(Data("<p>".utf8)), .part(0), .bytes(Data("|".utf8)), .part(1),
                                           .bytes(Data("|".utf8)), .part(2), .bytes(Data("</p>".utf8))],
                                  keys: ["one", "two", "three"])
        let made = ["made one", "chapter two", "chapter three"].map { Data($0.utf8) }
        let target = try file(Data()) + ".new"
        let streamed = try StreamedFile(PartedFile(layout: layout, partOfPage: [:], cache: cache) { made[$0] }, at: target)
        let (content, size, parts) = try streamed.finish()
        let whole = layout.assembled(["chapter one", "chapter two", "chapter three"].map { Data($0.utf8) })
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self)
                == "<p>chapter one|chapter two|chapter three</p>")
        #expect(content == BuildManifest.Entry(key: "", bytes: whole).content && size == whole.count)
        #expect(parts == whole.parts)

        #if os(Linux)
        // Copied, not read: the part's recorded hash is what the new file records, whatever its bytes would give.
        let copying = RenderCache(keepingParts: false)
        copying.seed("one", KeptPart(file: previous, offset: 6, length: 11, hash: "recorded"))
        let again = try StreamedFile(PartedFile(layout: layout, partOfPage: [:], cache: copying) { made[$0] },
                                     at: target + ".again")
        #expect(try again.finish().parts.first == BuildManifest.Part(key: "one", offset: 3, length: 11, hash: "recorded"))
        #endif
    }

    /// A previous file written to after it was found as recorded — a hand in the site while a build copies parts from
    /// it — stops the new file, and the build with it: the copied bytes may not be the ones their recorded hashes say.
    @Test func aPreviousFileWrittenToDuringTheBuildStopsTheFileTakingItsParts() throws {
        let path = try file(bytes)
        let previous = try #require(PreviousFile(path, recordedBy: entry(bytes)))
        let layout = PartedLayout(pieces: [.bytes(Data("<p>".utf8)), .part(0), .bytes(Data("</p>".utf8))], keys: ["one"])
        func streamed() throws -> StreamedFile {
            let cache = RenderCache(keepingParts: false)  // a part it gives is given once
            cache.seed("one", KeptPart(file: previous, offset: 6, length: 11, hash: sha256("chapter one")))
            return try StreamedFile(PartedFile(layout: layout, partOfPage: [:], cache: cache) { _ in Data("made".utf8) },
                                    at: try file(Data()) + ".new")
        }
        #expect(try streamed().finish().size == "<p>chapter one</p>".utf8.count, "as found: taken")
        let taking = try streamed()
        waitUntilSettled([path])
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 6)
        try handle.write(contentsOf: Data("CHAPTER".utf8))
        try handle.close()
        #expect(throws: SiteFiles.Failure.self) { try taking.finish() }
    }

    /// Kept parts that follow each other in the previous file as in the new one (an index's rows) are copied
    /// together; when the copy cannot be made whole (the second part would end past the end of the previous file,
    /// cut short since), each is read, or made anew, and the file is still the one made whole.
    @Test(arguments: [false, true])
    func keptPartsThatFollowEachOtherAreCopiedTogether(secondPastTheEnd: Bool) throws {
        let previous = try #require(PreviousFile(try file(bytes), recordedBy: entry(bytes)))
        let cache = RenderCache(keepingParts: false)
        // "chapter one|" and "chapter two": one after the other in the previous file.
        cache.seed("one", KeptPart(file: previous, offset: 6, length: 12, hash: "recorded one"))
        cache.seed("two", KeptPart(file: previous, offset: 18, length: secondPastTheEnd ? 30 : 11, hash: "recorded two"))
        let layout = PartedLayout(pieces: [.bytes(Data("<p>".utf8)), .part(0), .part(1), .bytes(Data("</p>".utf8))],
                                  keys: ["one", "two"])
        let made = ["made one|", "made two"].map { Data($0.utf8) }
        let target = try file(Data()) + ".new"
        let (content, size, parts) = try StreamedFile(PartedFile(layout: layout, partOfPage: [:], cache: cache) { made[$0] },
                                                      at: target).finish()
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self)
        let expected = secondPastTheEnd ? ["chapter one|", "made two"] : ["chapter one|", "chapter two"]
        #expect(text == "<p>" + expected.joined() + "</p>")
        #expect(size == text.utf8.count)
        #if os(Linux)
        if !secondPastTheEnd {
            // Copied, not read: the new file records the recorded hashes, whatever the bytes would give.
            #expect(parts.map(\.hash) == ["recorded one", "recorded two"])
            #expect(parts.map(\.offset) == [3, 15])
            return
        }
        #endif
        let whole = layout.assembled(expected.map { Data($0.utf8) })
        #expect(content == BuildManifest.Entry(key: "", bytes: whole).content && parts == whole.parts)
    }

    /// A damaged manifest may give a part any place and length: a part that does not lie within its file is not
    /// taken, and nothing overflows.
    @Test func aPartOutsideItsFileIsNotTaken() throws {
        let path = try file(bytes)
        let site = URL(fileURLWithPath: path).deletingLastPathComponent()
        let outside = [BuildManifest.Part(key: "one", offset: 6, length: Int.max, hash: sha256("chapter one")),
                       BuildManifest.Part(key: "two", offset: Int.max, length: 1, hash: sha256("chapter two"))]
        #expect(PreviousFile(path, recordedBy: entry(bytes), parts: outside) == nil, "hashed by its parts: refused")
        var manifest = BuildManifest(sources: "", today: "", timeZone: "UTC", procedures: 0, incidents: 0, diagnostics: [],
                                     files: ["binder.html": entry(bytes)])
        (manifest.parts, manifest.salt) = (["binder.html": outside], "salt")
        manifest.files["binder.html"]?.placed = BuildManifest.Placement(try #require(FileStamp(path: path)))  // trusted as left
        let cache = RenderCache(keepingParts: false)
        PreviousParts.seedParts(cache, from: manifest, in: site, salt: "salt")
        #expect(cache.isEmpty)
    }
}
