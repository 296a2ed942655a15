import Foundation
import Testing
@testable import RexKit

/// A handbook folder written under the temporary directory from YAML strings, removed when released.
/// Tests write their input next to their expectation: `TestHandbook(["procedures/p.yml": "…"])`.
final class TestHandbook {
    let root: URL

    /// The day every check runs on, so `review_by` warnings are deterministic.
    static let today = LocalDate(year: 2026, month: 1, day: 15)!

    init(_ files: [String: String] = [:], settings: String? = "name: Manuel de test\n") throws {
        root = FileManager.default.temporaryDirectory
            .appending(path: "rex-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root.appending(path: "procedures"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appending(path: "incidents"), withIntermediateDirectories: true)
        if let settings { try write("rex.yml", settings) }
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Waits until the stamps of every source written so far are settled (`waitUntilSettled`): until then a build
    /// trusts no stamp, and a test of what builds keep and take needs them trusted.
    func settle() {
        let folder = root.handbookFolder
        waitUntilSettled(SourceStamps.paths(folder: folder).map { folder.path + "/" + $0 })
    }

    func load(today: LocalDate = TestHandbook.today) throws -> LoadResult {
        try HandbookLoader.load(root: root).checked(today: today)
    }

    /// Every diagnostic as `path:line:column: severity: message [rule]`, in output order.
    func diagnostics(today: LocalDate = TestHandbook.today) throws -> [String] {
        try load(today: today).diagnostics.map(\.description)
    }

    /// A built-in page renderer over this handbook (which must load without errors).
    func renderer() throws -> (PageRenderer, Handbook) {
        let result = try load()
        #expect(result.diagnostics.map(\.description) == [], "the rendering input should be a valid handbook")
        let renderer = PageRenderer(handbook: result.handbook, templates: try TemplateSet.builtIn(),
                                    today: TestHandbook.today)
        return (renderer, result.handbook)
    }
}

/// Waits until the stamp of each path is settled (`FileStamp.isSettled(at:)`: a tenth of a second here), save times
/// ahead of the clock, which never settle; records an issue after five seconds.
func waitUntilSettled(_ paths: [String]) {
    for _ in 0..<500 {
        let now = FileStamp.now()
        let waiting = paths.filter { path in
            guard let stamp = FileStamp(path: path) else { return false }
            return !stamp.isSettled(at: now) && max(stamp.modified, stamp.changed) <= now
        }
        if waiting.isEmpty { return }
        usleep(10_000)
    }
    Issue.record("not settled after 5 s: \(paths)")
}

/// Inputs shared by many tests: a valid procedure and a valid incident, to show that one broken
/// file does not stop the others from loading.
enum Sample {
    /// `procedures/ok.yml`.
    static let procedure = """
        id: ok
        title: Procédure correcte
        kind: downtime
        version: 1
        status: draft
        owner: Qualité
        when: Le R&V est indisponible.
        sections:
          - title: Pendant l'arrêt
            steps:
              - id: note-time
                do: Noter l'heure.
        """

    /// `incidents/rex-ok.yml`.
    static let incident = """
        id: rex-ok
        title: Incident correct
        event_class: near-miss
        occurred: 2024-05-02
        status: closed
        synopsis: Rien de grave.
        """

    /// A handbook holding the two valid files plus `files`.
    static func handbook(_ files: [String: String]) throws -> TestHandbook {
        var all = ["procedures/ok.yml": procedure, "incidents/rex-ok.yml": incident]
        all.merge(files) { _, new in new }
        return try TestHandbook(all)
    }
}

/// The repository root (this file is `Tests/RexKitTests/TestHandbook.swift`): the shipped handbook.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped handbook and the test handbooks with procedures and incidents, relative to `repositoryRoot`.
let everyHandbookFolder = [".", "Tests/fixtures/runner-handbook", "Tests/fixtures/languages-handbook",
                           "Tests/fixtures/print-handbook", "Tests/golden/valid-handbook"]

/// The SHA-256 of the text's UTF-8 bytes, in hex (a part's recorded hash).
func sha256(_ text: String) -> String {
    SourceDigest(of: Data(text.utf8)).digest
}

extension PartBytes {
    /// The bytes of a part made, read at once or held by a `--watch` session; nil for one left in the previous
    /// site's file.
    var made: Data? {
        switch self {
        case .made(let data): data
        case .held(let held): held.data
        case .kept: nil
        }
    }
}

/// Every regular file under a folder (hidden ones included), by relative path; the manifest without its placements.
func snapshot(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return files }
    for case let url as URL in walker {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let name = String(path.dropFirst(base.count))
        files[name] = name == BuildManifest.name ? withoutPlacements(try Data(contentsOf: url)) : try Data(contentsOf: url)
    }
    return files
}

/// A manifest without its `file` lines' placements: they tell this copy's files (inodes, times), not what was built.
private func withoutPlacements(_ manifest: Data) -> Data {
    let lines = String(decoding: manifest, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    return Data(lines.map { line in
        guard line.hasPrefix("file\t") else { return String(line) }
        var fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        fields.removeSubrange(4..<6)  // key, content, size stay; modification time and inode go
        return fields.joined(separator: "\t")
    }.joined(separator: "\n").utf8)
}

/// The two valid sample files still load next to a broken one.
func expectOthersLoad(_ result: LoadResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(result.handbook.procedure("ok") != nil, "procedures/ok.yml should still load", sourceLocation: sourceLocation)
    #expect(result.handbook.incident("rex-ok") != nil, "incidents/rex-ok.yml should still load",
            sourceLocation: sourceLocation)
}

/// Loads the sample handbook plus `files`: exactly `expected` diagnostics, and the sample files still load.
func check(_ files: [String: String], _ expected: [String],
           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let result = try Sample.handbook(files).load()
    #expect(result.diagnostics.map(\.description) == expected, sourceLocation: sourceLocation)
    expectOthersLoad(result, sourceLocation: sourceLocation)
}
