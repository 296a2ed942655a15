import Foundation
import Testing
@testable import RexKit

/// The one-pass reader against the reference reader (Yams composing, as Rex read YAML before): the same nodes
/// and the same diagnostics on every YAML file of the repository and on inputs chosen to be awkward. The fuzzer
/// (`make fuzz`) compares the two on every input it makes.
@Suite("YAML readers")
struct YAMLReaderTests {
    /// Every `.yml` file of the shipped handbook, the fixtures and the golden corpus.
    static let corpus: [String] = {
        var paths: [String] = []
        for folder in ["procedures", "incidents", "Tests/fixtures", "Tests/golden"] {
            let walker = FileManager.default.enumerator(atPath: repositoryRoot.appending(path: folder).path)
            while let path = walker?.nextObject() as? String {
                if path.hasSuffix(".yml") { paths.append("\(folder)/\(path)") }
            }
        }
        return ["rex.yml"] + paths.sorted()
    }()

    private func read(_ data: Data, with reader: YAMLReader) -> (node: YAMLNode?, diagnostics: [String]) {
        let file = SourceFile(path: "procedures/p.yml")
        let node = YAMLReading.compose(data, file: file, reader: reader)
        return (node, file.diagnostics.map(\.description))
    }

    private func expectSameReading(_ data: Data, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let fast = read(data, with: .onePass), reference = read(data, with: .reference)
        #expect(fast.node == reference.node, "\(what): nodes differ", sourceLocation: sourceLocation)
        #expect(fast.diagnostics == reference.diagnostics, "\(what)", sourceLocation: sourceLocation)
    }

    @Test func everyRepositoryFileReadsTheSameAndWellFormedOnesInOnePass() throws {
        #expect(Self.corpus.count > 60)
        var onePass = 0
        // Files the golden corpus makes unreadable on purpose (a folder, a link leading outside) are skipped.
        for path in Self.corpus {
            guard let data = try? Data(contentsOf: repositoryRoot.appending(path: path)) else { continue }
            expectSameReading(data, path)
            if case .document = data.withUnsafeBytes({ YAMLEventReader.read($0) }) { onePass += 1 }
        }
        // The shipped handbook is well formed: none of it needs the reference reader.
        for path in Self.corpus where path.hasPrefix("procedures/") || path.hasPrefix("incidents/") || path == "rex.yml" {
            let data = try Data(contentsOf: repositoryRoot.appending(path: path))
            #expect(data.withUnsafeBytes { YAMLEventReader.read($0) } != .unusual, "\(path)")
        }
        #expect(onePass > Self.corpus.count / 2)
    }

    @Test("awkward inputs read the same", arguments: [
        "", "# only a comment\n", "~\n", "null", "id: x\n---\nid: y\n", "a: 1\n...\n]",
        "\u{FEFF}id: x\ntitle: y\n", "\u{FEFF}\u{FEFF}id: x\n", "id: \"\u{FEFF}x\"\n", "id: \"a\\0b\"\n",
        "id: x\nid: y\n", "id: x\n!!str id: y\n", "!foo id: x\nid: y\n", "? [a]\n: b\n", "? {a: 1}\n: b\n",
        "a: &x 1\nb: *x\n", "a: *x\n", "a: [1, {b: 2}, \"c\"]\n", "a:\n\t- b\n", "a: 'unclosed\n", "a: b: c\n",
        "- a\n- b: [c, d]\n", "a: |\n  line\n  \n  two\n", "a: >-\n  folded\n  text\n", "key: é\nkey: e\u{301}\n",
        "%YAML 1.1\n--- \na: 1\n", "a: 1 # comment\n\u{1}", String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        (1...40).map { "k\($0): v\n" }.joined() + "k7: again\n", "a: !!int 3\nb: !!binary aGk=\n",
    ])
    func awkwardInput(_ text: String) {
        expectSameReading(Data(text.utf8), text.debugDescription)
    }

    /// The one-pass reader checks the bytes itself and hands them to libyaml already read (`YAMLReadableText`):
    /// every character libyaml's own reader refuses must be refused, every one it reads read, the same way.
    @Test func bytesCheckedFirstReadAsLibyamlsReaderReadsThem() throws {
        let edges: [UInt32] = [0x7E, 0x7F, 0x80, 0x84, 0x85, 0x86, 0x9F, 0xA0, 0xFF, 0x100, 0x7FF, 0x800, 0x2028,
                               0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
        let characters = (0...0x7F).map { Array(String(UnicodeScalar(UInt8($0))).utf8) }
            + edges.map { Array(String(UnicodeScalar($0)!).utf8) }
        let notUTF8: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80],
                                  [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xEF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF],
                                  [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xF0, 0x9F, 0x98]]
        var outcomes: [YAMLEventReader.Outcome] = []
        for character in characters + notUTF8 {
            // As a plain value, a long one (read eight bytes at a time around it), a quoted one, a block one, and
            // the file's very last bytes.
            let long = Array("abcdefghijklmnopqrstuvwxyz".utf8)
            for input in [Array("a: x".utf8) + character + Array("y\n".utf8), Array("a: ".utf8) + long + character + long + [0x0A],
                          Array("a: \"".utf8) + character + Array("\"\n".utf8),
                          Array("a: |\n  ".utf8) + character + Array("\n".utf8), Array("a: b\n#".utf8) + character] {
                let first = input.withUnsafeBytes { YAMLEventReader.read($0) }
                let libyamls = input.withUnsafeBytes { YAMLEventReader.read($0, readFirst: false) }
                #expect(first == libyamls, "\(input)")
                outcomes.append(first)
            }
        }
        // Long files, around the size of libyaml's own buffer (48 KiB) and well past it, read the same both ways.
        let long = Array("a: |\n".utf8) + Array(repeating: Array("  é line of text\n".utf8), count: 4_000).flatMap { $0 }
        let nearLimit = (49_140...49_148).flatMap { size in
            let text = Array("a: |\n".utf8) + Array(repeating: Array("  line of text\n".utf8), count: 3_500).flatMap { $0 }
            let fitted = Array(text.prefix(size - 1))
            return [fitted + [0x0A], fitted + [0x01]]
        }
        for input in [long, long + Array("b: c\n".utf8), long + [0x01]] + nearLimit {
            let first = input.withUnsafeBytes { YAMLEventReader.read($0) }
            #expect(first == input.withUnsafeBytes { YAMLEventReader.read($0, readFirst: false) })
            outcomes.append(first)
        }
        #expect(outcomes.contains(.unusual) && outcomes.contains { $0 != .unusual })
        // libyaml counts characters, not bytes, and so must what it is handed.
        #expect(Array("é€\u{1F600}a\r\n".utf8).withUnsafeBytes(YAMLReadableText.characterCount) == 6)
        for path in Self.corpus {
            guard let data = try? Data(contentsOf: repositoryRoot.appending(path: path)) else { continue }
            #expect(data.withUnsafeBytes { YAMLEventReader.read($0) } == data.withUnsafeBytes { YAMLEventReader.read($0, readFirst: false) },
                    "\(path)")
        }
    }

    /// Eight bytes are read at once only when each is printable ASCII: every byte value in every place of a word.
    @Test func eightBytesAtATimeOnlyWhenEachIsPrintable() {
        for place in 0..<8 {
            for byte in 0...255 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = UInt8(byte)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(YAMLReadableText.isPrintableASCII(word) == (0x20...0x7E).contains(byte), "\(byte) at \(place)")
            }
        }
    }

    @Test func bytesThatAreNotUTF8ReadTheSame() {
        expectSameReading(Data([0x69, 0x64, 0x3A, 0x20, 0xE9, 0x0A]), "Latin-1")
    }

    /// The whole loader, both ways, on every golden case: same model, same diagnostics.
    @Test("the golden corpus loads the same with both readers", arguments: GoldenCorpusTests.cases)
    func goldenCase(_ name: String) throws {
        let folder = GoldenCorpusTests.corpus.appending(path: name)
        let fast = try HandbookLoader.load(root: folder, reader: .onePass)
        let reference = try HandbookLoader.load(root: folder, reader: .reference)
        #expect(fast.diagnostics == reference.diagnostics)
        #expect(fast.handbook.settings == reference.handbook.settings)
        #expect(fast.handbook.procedures == reference.handbook.procedures)
        #expect(fast.handbook.incidents == reference.handbook.incidents)
    }
}
