import Foundation
import Testing
@testable import RexKit

/// The golden corpus: `Tests/golden/<case>/` is a tiny handbook (`rex.yml`, `procedures/`, `incidents/`, any
/// of them) and `expected.txt` holds the exact diagnostics `rex validate` prints for it, one per line, without
/// the summary line. Each case is loaded with a fixed "today" so `review_by` checks do not drift.
///
/// After an intended change of wording or position, regenerate every expectation with
///
///     REX_UPDATE_GOLDEN=1 swift test --filter GoldenCorpus
///
/// and review the change with `git diff Tests/golden`: in that mode the test writes `expected.txt` instead of
/// comparing. A new case is a new folder; run the command above to create its `expected.txt`, then read it.
@Suite("Golden corpus")
struct GoldenCorpusTests {
    /// The day every case is checked on.
    static let today = LocalDate(year: 2026, month: 6, day: 1)!

    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "golden")

    /// Every case folder, by name.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static var updating: Bool { ProcessInfo.processInfo.environment["REX_UPDATE_GOLDEN"] == "1" }

    @Test("each case prints exactly its expected diagnostics", arguments: cases)
    func goldenCase(_ name: String) throws {
        let folder = Self.corpus.appending(path: name)
        let expectedURL = folder.appending(path: "expected.txt")
        let actual = try Self.diagnostics(of: folder).map(\.description)
        if Self.updating {
            try Data(actual.map { $0 + "\n" }.joined().utf8).write(to: expectedURL)
            return
        }
        guard let text = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            Issue.record("golden case '\(name)' has no expected.txt; create it with REX_UPDATE_GOLDEN=1")
            return
        }
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty }
        if actual != expected {
            let diff = lineDiff(expected: expected, actual: actual).joined(separator: "\n")
            Issue.record("golden case '\(name)' differs from expected.txt (- expected, + actual):\n\(diff)")
        }
    }

    /// `rex validate` loads without the files' SHA-256 (`digests: false`); what it finds is what a load that computes
    /// them (every other command) finds, and only the revision codes, which validate never prints, are left empty.
    @Test("a load without digests finds the same problems", arguments: cases)
    func loadWithoutDigests(_ name: String) throws {
        let folder = Self.corpus.appending(path: name)
        let withDigests = try HandbookLoader.load(root: folder).checked(today: Self.today)
        let without = try HandbookLoader.load(root: folder, digests: false).checked(today: Self.today)
        #expect(without.diagnostics.map(\.description) == withDigests.diagnostics.map(\.description))
        #expect(without.handbook.procedures.map(\.id) == withDigests.handbook.procedures.map(\.id))
        #expect(without.handbook.incidents.map(\.id) == withDigests.handbook.incidents.map(\.id))
        #expect(without.handbook.procedures.allSatisfy { $0.revision.isEmpty && $0.digest.isEmpty })
        #expect(without.handbook.incidents.allSatisfy { $0.revision.isEmpty && $0.digest.isEmpty })
        #expect(withDigests.handbook.procedures.allSatisfy { $0.revision.count == 8 && $0.digest.count == 64 })
        #expect(withDigests.handbook.incidents.allSatisfy { $0.revision.count == 8 && $0.digest.count == 64 })
    }

    /// `rex validate --format json` carries the same diagnostics as the text output, every key in every object.
    @Test("JSON output matches the text output", arguments: cases)
    func jsonOutput(_ name: String) throws {
        let diagnostics = try Self.diagnostics(of: Self.corpus.appending(path: name))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(diagnostics.jsonText().utf8)) as? [[String: Any]])
        #expect(json.count == diagnostics.count)
        for (object, diagnostic) in zip(json, diagnostics) {
            #expect(Set(object.keys) == ["path", "line", "column", "severity", "rule", "message", "suggestion"])
            #expect(object["path"] as? String == diagnostic.location.path)
            #expect(object["line"] as? Int == diagnostic.location.line)
            #expect(object["column"] as? Int == diagnostic.location.column)
            #expect(object["severity"] as? String == diagnostic.severity.rawValue)
            #expect(object["rule"] as? String == diagnostic.rule)
            #expect(object["message"] as? String == diagnostic.message)
            if let suggestion = diagnostic.suggestion {
                #expect(object["suggestion"] as? String == suggestion)
            } else {
                #expect(object["suggestion"] is NSNull)
            }
        }
    }

    /// The handbook's diagnostics, then, when the case has a `runs/` folder, those of its exported runs (`*.json`)
    /// read and checked against that handbook, as `rex draft-incident` reads them; when it has an `outage/` folder,
    /// those of its runs and board exports read and assembled as `rex reconcile` reads them (errors, else warnings).
    static func diagnostics(of folder: URL) throws -> [Diagnostic] {
        let loaded = try HandbookLoader.load(root: folder).checked(today: today)
        if let outage = outageDiagnostics(folder.appending(path: "outage"), handbook: loaded.handbook) {
            return loaded.diagnostics + outage
        }
        let runs = folder.appending(path: "runs")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runs.path) else { return loaded.diagnostics }
        let paths = names.filter { $0.hasSuffix(".json") }.sorted().map { runs.appending(path: $0).path }
        let read = RunFileReader.read(paths) { "runs/" + URL(fileURLWithPath: $0).lastPathComponent }
        let matched = RunMatching.match(read.runs, to: loaded.handbook)
        return loaded.diagnostics + (read.diagnostics + matched.diagnostics).sortedForOutput()
    }

    static func outageDiagnostics(_ folder: URL, handbook: Handbook) -> [Diagnostic]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let paths = names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appending(path: $0).path }
        let read = OutageFileReader.read(paths) { "outage/" + URL(fileURLWithPath: $0).lastPathComponent }
        let (outage, errors) = Outage.assemble(runs: read.runs, boards: read.boards, handbook: handbook)
        return (read.diagnostics + errors + (outage?.warnings ?? [])).sortedForOutput()
    }

    @Test("--strict prints warnings as errors")
    func strictMode() throws {
        let diagnostics = try HandbookLoader.load(root: Self.corpus.appending(path: "effective-after-review"))
            .checked(today: Self.today).diagnostics
        #expect(diagnostics.warningCount == 1)
        let strict = diagnostics.treatingWarningsAsErrors()
        #expect(strict.warningCount == 0 && strict.errorCount == diagnostics.count)
        #expect(strict.map(\.description).contains {
            $0.hasSuffix("error: review of 'p' was due on 2025-03-01 (today is 2026-06-01) [review-overdue]")
        })
        #expect([Diagnostic]().jsonText() == "[]")
    }

    @Test("the corpus has at least 40 cases")
    func corpusSize() {
        #expect(Self.cases.count >= 40, "only \(Self.cases.count) golden cases")
    }

    /// Every rule id written in RexKit's sources (`rule: "…"`) shows up in some case, so a new rule cannot
    /// ship without a golden case. `file-too-large` is the exception: its case would be a 2 MB file.
    @Test("every rule id of RexKit has a golden case")
    func everyRuleCovered() throws {
        let sources = Self.corpus.deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Sources/RexKit")
        var ruleIDs = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: #/rule: "([a-z0-9-]+)"/#) { ruleIDs.insert(String(match.1)) }
        }
        var covered = Set<String>()
        for name in Self.cases {
            let text = (try? String(contentsOf: Self.corpus.appending(path: "\(name)/expected.txt"), encoding: .utf8)) ?? ""
            for match in text.matches(of: #/\[([a-z0-9-]+)\]$/#.anchorsMatchLineEndings()) {
                covered.insert(String(match.1))
            }
        }
        let missing = ruleIDs.subtracting(covered).subtracting(["file-too-large"])
        #expect(!ruleIDs.isEmpty, "no rule ids found under \(sources.path)")
        #expect(missing.isEmpty, "rule ids without a golden case: \(missing.sorted().joined(separator: ", "))")
    }
}

/// A unified-style line diff: unchanged lines start with a space, lines only in `expected` with `-`, lines only
/// in `actual` with `+`, in order, from a longest common subsequence (cases are a few lines long).
private func lineDiff(expected: [String], actual: [String]) -> [String] {
    let n = expected.count, m = actual.count
    // common[i][j]: length of the longest common subsequence of expected[i...] and actual[j...].
    var common = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            common[i][j] = expected[i] == actual[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
        }
    }
    var lines: [String] = []
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, expected[i] == actual[j] {
            lines.append(" " + expected[i]); i += 1; j += 1
        } else if i < n, j == m || common[i + 1][j] >= common[i][j + 1] {
            lines.append("-" + expected[i]); i += 1
        } else {
            lines.append("+" + actual[j]); j += 1
        }
    }
    return lines
}
