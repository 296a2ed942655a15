import Foundation
import Testing
@testable import RexKit
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and accidental input: every case ends in a located diagnostic (or loads), quickly and in bounded
/// memory. The time bounds are generous (each case takes well under a second on 2 cores) so that they
/// cannot flake; they catch a hang or a blow-up, not a slowdown.
@Suite("Robustness")
struct RobustnessTests {
    static let bound: Duration = .seconds(10)

    // MARK: Nesting

    @Test("block sequences nested 20 000 levels deep stop at the 65th level")
    func deepBlockNesting() throws {
        let handbook = try Scratch(["procedures/p.yml": String(repeating: "- ", count: 20_000) + "x\n"])
        try handbook.expect(["procedures/p.yml:1:129: error: nesting deeper than 64 levels [too-deep]"])
    }

    /// libyaml's own guard (1 000 levels) trips first here, while its scanner looks ahead over the run of
    /// `[`: the line is right, the column is where its parser stood (65 levels give 1:69, see the golden case).
    @Test("flow sequences nested 20 000 levels deep")
    func deepFlowSequences() throws {
        let text = "id: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        let handbook = try Scratch(["procedures/p.yml": text])
        try handbook.expect(["procedures/p.yml:1:6: error: nesting deeper than 64 levels [too-deep]"])
    }

    @Test("flow mappings nested 20 000 levels deep")
    func deepFlowMappings() throws {
        let text = String(repeating: "{a: ", count: 20_000) + "b" + String(repeating: "}", count: 20_000) + "\n"
        let handbook = try Scratch(["incidents/i.yml": text])
        try handbook.expect(["incidents/i.yml:1:257: error: nesting deeper than 64 levels [too-deep]"])
    }

    @Test("block mappings indented one space per level, deeper than the limit")
    func deepBlockMappings() throws {
        let text = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        let handbook = try Scratch(["procedures/p.yml": text])
        try handbook.expect(["procedures/p.yml:65:65: error: nesting deeper than 64 levels [too-deep]"])
    }

    @Test("64 levels are still read")
    func nestingAtTheLimit() throws {
        let handbook = try Scratch(["procedures/p.yml": "id: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)])
        let diagnostics = try handbook.diagnostics()
        #expect(!diagnostics.contains { $0.hasSuffix("[too-deep]") }, "\(diagnostics)")
    }

    // MARK: Aliases

    @Test("a billion laughs is refused at its first anchor")
    func billionLaughs() throws {
        var lines = ["lol0: &lol0 lol"]
        for level in 1...9 {
            lines.append("lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("title: *lol9")
        let handbook = try Scratch(["procedures/p.yml": lines.joined(separator: "\n") + "\n"])
        try handbook.expect(["procedures/p.yml:1:7: error: anchor '&lol0': YAML anchors and aliases are not allowed in a "
                             + "handbook file; write the value out [yaml-anchor]"])
    }

    @Test("an alias bomb used as mapping keys, which Yams would hash in full, is refused before composing")
    func aliasBombAsKeys() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x]"]
        for level in 1...12 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", ") + "]")
        }
        lines += ["? *a12", ": 1", "? *a12", ": 2"]
        let handbook = try Scratch(["incidents/i.yml": lines.joined(separator: "\n") + "\n"])
        try handbook.expect(["incidents/i.yml:1:5: error: anchor '&a0': YAML anchors and aliases are not allowed in a "
                             + "handbook file; write the value out [yaml-anchor]"])
    }

    @Test("an alias without its anchor")
    func lonelyAlias() throws {
        let handbook = try Scratch(["rex.yml": "name: *nom\n"], settings: nil)
        try handbook.expect(["rex.yml:1:7: error: alias '*nom': YAML anchors and aliases are not allowed in a handbook "
                             + "file; write the value out [yaml-anchor]"])
    }

    // MARK: Size and bytes

    @Test("a 10 MB file is refused without parsing it")
    func tenMegabytes() throws {
        let line = "# " + String(repeating: "x", count: 1_021) + "\n"
        let handbook = try Scratch(["procedures/big.yml": String(repeating: line, count: 10 * 1_024)])
        try handbook.expect(["procedures/big.yml:1:1: error: file is 10485760 bytes; a handbook file may hold at most "
                             + "2097152 bytes (2 MiB) [file-too-large]"])
    }

    @Test("a 100 GiB sparse file is refused without reading it")
    func hugeSparseFile() throws {
        let handbook = try Scratch([:])
        let url = handbook.root.appending(path: "procedures/huge.yml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100 * 1_024 * 1_024 * 1_024)
        try handle.close()
        try handbook.expect(["procedures/huge.yml:1:1: error: file is 107374182400 bytes; a handbook file may hold at "
                             + "most 2097152 bytes (2 MiB) [file-too-large]"])
    }

    @Test("binary garbage is located at its first invalid byte")
    func binaryGarbage() throws {
        var generator = SplitMix(seed: 5)
        let bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let handbook = try Scratch([:])
        try handbook.write("procedures/bin.yml", Data([0x69, 0x64, 0x3A, 0x20] + bytes))
        let diagnostics = try handbook.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("procedures/bin.yml:1:") == true)
        #expect(diagnostics.first?.hasSuffix(": error: file is not valid UTF-8 text (save it as UTF-8) [not-utf8]") == true)
    }

    @Test("control characters in valid UTF-8 are a located syntax error")
    func controlCharacters() throws {
        let handbook = try Scratch(["procedures/p.yml": "id: p\ntitle: a\u{1}b\n"])
        try handbook.expect(["procedures/p.yml:1:1: error: YAML reader: control characters are not allowed [yaml-syntax]"])
    }

    // MARK: Files that are not files

    @Test("a folder named like a file")
    func folderNamedYML() throws {
        let handbook = try Scratch([:])
        try FileManager.default.createDirectory(at: handbook.root.appending(path: "procedures/x.yml"),
                                                withIntermediateDirectories: true)
        try handbook.expect(["procedures/x.yml:1:1: error: is a folder, not a file [unreadable]"])
    }

    @Test("a FIFO named like a file does not block the loader")
    func fifo() throws {
        let handbook = try Scratch([:])
        #expect(mkfifo(handbook.root.appending(path: "incidents/pipe.yml").path, 0o644) == 0)
        try handbook.expect(["incidents/pipe.yml:1:1: error: is not a regular file (a pipe, socket or device); not read "
                             + "[unreadable]"])
    }

    @Test("a file without read permission", .enabled(if: geteuid() != 0, "root reads any file: see danglingLink"))
    func unreadable() throws {
        let handbook = try Scratch(["procedures/secret.yml": "id: secret\n"])
        let path = handbook.root.appending(path: "procedures/secret.yml").path
        #expect(chmod(path, 0) == 0)
        try handbook.expect(["procedures/secret.yml:1:1: error: cannot read file: Permission denied [unreadable]"])
    }

    /// As root, permission bits do not stop a read (CAP_DAC_OVERRIDE), so a file that cannot be opened is
    /// made another way: a link to a file that does not exist takes the same path through the loader.
    @Test("a link to a file that does not exist")
    func danglingLink() throws {
        let handbook = try Scratch([:])
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appending(path: "procedures/gone.yml").path,
                                                   withDestinationPath: "deleted.yml")
        try handbook.expect(["procedures/gone.yml:1:1: error: cannot read file: No such file or directory [unreadable]"])
    }

    @Test("a link that points at itself")
    func linkLoop() throws {
        let handbook = try Scratch([:])
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appending(path: "procedures/loop.yml").path,
                                                   withDestinationPath: "loop.yml")
        try handbook.expect(["procedures/loop.yml:1:1: error: cannot read file: Too many levels of symbolic links "
                             + "[unreadable]"])
    }

    @Test("links leading outside the handbook are not followed")
    func linksOutside() throws {
        let handbook = try Scratch([:])
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appending(path: "procedures/passwd.yml").path,
                                                   withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appending(path: "incidents/zero.yml").path,
                                                   withDestinationPath: "/dev/zero")
        try handbook.expect([
            "incidents/zero.yml:1:1: error: symbolic link to '/dev/zero' leads outside the handbook; not followed [link-outside]",
            "procedures/passwd.yml:1:1: error: symbolic link to '/etc/passwd' leads outside the handbook; not followed "
                + "[link-outside]",
        ])
    }

    @Test("a settings file that is a link outside the handbook")
    func settingsLinkOutside() throws {
        let handbook = try Scratch([:], settings: nil)
        try FileManager.default.createSymbolicLink(atPath: handbook.root.appending(path: "rex.yml").path,
                                                   withDestinationPath: "/etc/hostname")
        try handbook.expect(["rex.yml:1:1: error: symbolic link to '/etc/hostname' leads outside the handbook; not "
                             + "followed [link-outside]"])
    }

    // MARK: Volume

    @Test("3 000 small procedures load")
    func thousandsOfFiles() throws {
        var files: [String: String] = [:]
        for number in 0..<3_000 {
            files["procedures/p\(number).yml"] = """
                id: p\(number)
                title: Procédure \(number)
                kind: downtime
                version: 1
                status: draft
                owner: Qualité
                when: Jamais.
                sections:
                  - title: Seule
                    steps:
                      - { id: a, do: Faire. }
                      - { id: b, do: Refaire., goto: end }
                """
        }
        let handbook = try Scratch(files)
        var result: LoadResult?
        let elapsed = try ContinuousClock().measure { result = try handbook.load() }
        // ~3.5 s for `rex validate` on these files on 2 busy cores; three times the usual bound, as this test
        // shares the cores with the whole parallel suite.
        #expect(elapsed < Self.bound * 3, "took \(elapsed)")
        #expect(result?.diagnostics.isEmpty == true, "\(result?.diagnostics.prefix(3) ?? [])")
        #expect(result?.handbook.procedures.count == 3_000)
    }

    /// Fifty times the longest real procedure; every check must stay linear (ReferenceRule once compared every
    /// reference with every id: 25 s here).
    @Test("a procedure of 10 000 steps that jump about is checked")
    func manySteps() throws {
        var lines = ["id: p", "title: Longue", "kind: routine", "version: 1", "status: draft", "owner: Q", "when: Toujours.",
                     "sections:", "  - title: Tout", "    steps:"]
        for number in 0..<10_000 {
            let target = number == 9_999 ? "end" : "s\((number * 7_919 + 1) % 10_000)"
            lines.append("      - { id: s\(number), do: Étape \(number), goto: \(target), "
                         + "record: [{ id: f\(number), label: F, type: number, must_match: f\((number + 1) % 10_000) }] }")
        }
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count < LoadLimits.maxFileBytes)
        let handbook = try Scratch(["procedures/p.yml": text])
        _ = try handbook.diagnostics()
    }

    /// (100 000 take ~25 s in a debug build: each unknown key is compared with every known one for a suggestion.)
    @Test("a mapping of 10 000 unknown keys")
    func manyUnknownKeys() throws {
        let text = "id: p\n" + (0..<10_000).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        let handbook = try Scratch(["procedures/p.yml": text])
        let diagnostics = try handbook.diagnostics()
        #expect(diagnostics.count > 10_000)
        #expect(diagnostics.contains("procedures/p.yml:2:1: error: unknown key 'k0' in a procedure [unknown-key]"))
    }
}

/// A handbook folder under the temporary directory, removed when released; `expect` also bounds the time.
private final class Scratch {
    let root: URL

    init(_ files: [String: String], settings: String? = "name: Manuel de test\n") throws {
        root = FileManager.default.temporaryDirectory.appending(path: "rex-robustness-\(UUID().uuidString)")
        for folder in ["procedures", "incidents"] {
            try FileManager.default.createDirectory(at: root.appending(path: folder), withIntermediateDirectories: true)
        }
        if let settings { try write("rex.yml", Data(settings.utf8)) }
        for (path, text) in files { try write(path, Data(text.utf8)) }
    }

    deinit {
        // A FIFO or a link is removed like any file; permission bits are restored so that removal works.
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            for case let path as String in walker { chmod(root.appending(path: path).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func load() throws -> LoadResult {
        try HandbookLoader.load(root: root).checked(today: LocalDate(year: 2026, month: 1, day: 15)!)
    }

    func diagnostics() throws -> [String] {
        var result: LoadResult?
        let elapsed = try ContinuousClock().measure { result = try load() }
        #expect(elapsed < RobustnessTests.bound, "loading took \(elapsed)")
        return result?.diagnostics.map(\.description) ?? []
    }

    func expect(_ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let actual = try diagnostics()
        #expect(actual == expected, sourceLocation: sourceLocation)
    }
}

/// A small seeded generator, so the "random" bytes are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
