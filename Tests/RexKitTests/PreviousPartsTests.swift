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
        let part = KeptPart(file: previous, offset: 6, length: 11)
        #expect(part.read() == Data("chapter one".utf8))
        // The new site takes the old one's place while parts are still to be read: the open file reads the old bytes.
        try Data("replaced".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        #expect(KeptPart(file: previous, offset: 18, length: 11).read() == Data("chapter two".utf8))
        #expect(KeptPart(file: previous, offset: 30, length: 100).read() == nil, "past the end: made again")
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

    /// A file that still has the stamp recorded once it was written is taken as it is (its hash is not even taken:
    /// here the recorded one is of other bytes); a file with another stamp is hashed and, hashing otherwise, refused.
    @Test func aFileWithItsRecordedStampIsNotHashedAgainAndOneWithAnotherIs() throws {
        let path = try file(bytes)
        let stamp = try #require(FileStamp(path: path))
        let otherBytes = entry(Data("<html>chapter ONE|chapter two|</html>".utf8))
        let previous = try #require(PreviousFile(path, recordedBy: otherBytes, stamp: stamp))
        #expect(KeptPart(file: previous, offset: 6, length: 11).read() == Data("chapter one".utf8))
        var earlier = stamp
        earlier.changed -= 1_000_000_000  // altered in place since, say, with its modification time put back
        #expect(PreviousFile(path, recordedBy: otherBytes, stamp: earlier) == nil)
        #expect(PreviousFile(path, recordedBy: entry(bytes), stamp: earlier) != nil, "hashed: the recorded bytes")
    }

    /// A kept part that cannot be read is made; one that can is not.
    @Test func aPartThatCannotBeReadIsMadeAgain() throws {
        let previous = try #require(PreviousFile(try file(bytes), recordedBy: entry(bytes)))
        for keeping in [false, true] {
            let cache = RenderCache(keepingParts: keeping)
            cache.seed("one", KeptPart(file: previous, offset: 6, length: 11))
            cache.seed("gone", KeptPart(file: previous, offset: 30, length: 100))
            #expect(cache.part("one") { Data("made".utf8) } == Data("chapter one".utf8))
            #expect(cache.part("gone") { Data("made".utf8) } == Data("made".utf8))
        }
    }
}
