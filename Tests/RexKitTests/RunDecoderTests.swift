import Foundation
import Testing
@testable import RexKit

/// Runs exported by the step runner in Chromium (`Fixtures/runs/`), read by the Swift decoder `rex draft-incident`
/// and `rex reconcile` share; hostile files are refused with a located error and never crash it.
@Suite("Exported runs")
struct RunDecoderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/runs")

    static func fixture(_ name: String) -> String { fixtures.appending(path: name).path }

    private func decode(_ text: String) -> (Run?, [String]) {
        let problems = RunProblems(path: "run.json")
        let run = RunFileReader.decode(Data(text.utf8), problems: problems)
        return (run, problems.diagnostics.map(\.description))
    }

    @Test func aCompleteExportedRunDecodesEveryEvent() throws {
        let read = RunFileReader.read([Self.fixture("runner-demo-complete.json")])
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        let run = try #require(read.runs.first)
        #expect(run.procedure == "runner-demo" && run.version == 4 && run.handbook == "manuel-de-test-du-deroule")
        #expect(run.status == "complete" && !run.drill && run.unit == nil)
        #expect(run.events.map(\.seq) == Array(1...19))
        #expect(run.events.map(\.type) == ["start", "done", "correction", "done", "blocked", "override", "decision",
                                           "row-add", "row-add", "row-add", "row-add", "row-void", "operator", "done",
                                           "done", "row-reconcile", "row-reconcile", "row-reconcile", "done"])
        guard case .correction(_, let reason, _, let previous, _, _, let values) = run.events[2].kind else {
            Issue.record("event 3 is not a correction"); return
        }
        #expect(reason == "Deux patients ajoutés au planning")
        #expect(previous?["patients_today"] == .number(12) && values?["patients_today"] == .number(14))
        guard case .override(let step, _, let mismatches, let overrideReason, _) = run.events[5].kind else {
            Issue.record("event 6 is not an override"); return
        }
        #expect(step == "fs-point" && overrideReason.hasPrefix("Varian confirme"))
        #expect(mismatches == [Mismatch(field: "fs_backup_at", value: .text("2025-03-03T21:00"), mustMatch: "db_backup_at",
                                        expected: .text("2025-03-04T21:00"), difference: nil, tolerance: nil)])
        guard case .rowAdd(_, 4, _, let confirmed?) = run.events[10].kind else {
            Issue.record("event 11 is not a confirmed row"); return
        }
        #expect(confirmed.refusals.map(\.kind) == ["on-hold", "counter-gap"])
        #expect(confirmed.refusals.last?.expected == .number(4))
        let start = run.events[0].at
        #expect(start.offsetMinutes == 60 && start.date.description == "2026-12-02")
    }

    @Test func theShippedProceduresRunDecodesAndTimesKeepTheirOffset() throws {
        let read = RunFileReader.read([Self.fixture("rv-downtime-seed-path.json"), Self.fixture("runner-demo-drill-utc.json")])
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        #expect(read.runs.map(\.procedure) == ["rv-downtime", "runner-demo"])
        #expect(read.runs[1].drill)
        let utc = try #require(read.runs[1].events.first?.at)
        #expect(utc.offsetMinutes == 0)
        let brussels = utc.local(in: TimeZone(identifier: "Europe/Brussels")!)
        #expect(brussels.minuteOfDay == (utc.hour + 1) % 24 * 60 + utc.minute)
    }

    @Test func timesAreReadAsTheRunnerWritesThem() {
        #expect(RunTime("2025-11-18T10:32:05+01:00")?.offsetMinutes == 60)
        #expect(RunTime("2025-11-18T10:32")?.offsetMinutes == nil)
        #expect(RunTime("2025-11-18T10:32:05.123Z")?.offsetMinutes == 0)
        #expect(RunTime("2025-02-30T10:32:05+01:00") == nil)
        #expect(RunTime("2025-11-18T24:00:00+01:00") == nil)
        #expect(RunTime("18/11/2025 10:32") == nil)
        // Summer time: 02:30 UTC on 30 June is 04:30 in Brussels.
        let summer = RunTime("2025-06-30T02:30:00+00:00")!.local(in: TimeZone(identifier: "Europe/Brussels")!)
        #expect(summer.description == "2025-06-30T04:30")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "rex-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appending(path: "big.json")
        try Data(count: RunLimits.fileBytes + 1).write(to: big)
        let read = RunFileReader.read([big.path]) { _ in "big.json" }
        #expect(read.diagnostics.map(\.description) == [
            "big.json:1:1: error: file is 4194305 bytes; an exported run may hold at most 4194304 bytes (4 MiB) [file-too-large]",
        ])
        let missing = RunFileReader.read([folder.appending(path: "none.json").path]) { _ in "none.json" }
        #expect(missing.diagnostics.map(\.description) == ["none.json:1:1: error: cannot read file: No such file or directory [unreadable]"])
        let directory = RunFileReader.read([folder.path]) { _ in "folder" }
        #expect(directory.diagnostics.map(\.description) == ["folder:1:1: error: is a folder, not a file [unreadable]"])
    }

    @Test("hostile JSON never crashes the reader", arguments: [
        String(repeating: "[", count: 200_000),
        String(repeating: "{\"a\":", count: 50_000),
        "\"" + String(repeating: "\\", count: 9_999) + "\"",
        "[" + String(repeating: "1,", count: 100_000) + "1]",
        "{\"format\":\"rex-run\",\"events\":[" + String(repeating: "{},", count: 30_000) + "{}]}",
        "\u{FEFF}{\"format\": \"rex-run\"}",
        "-", "1e", "tru", "\"\\u12\"", "nul", "[1 2]", "{\"a\" 1}", "\"\\uDC00\"",
    ])
    func hostileJSON(_ text: String) {
        let (run, diagnostics) = decode(text)
        #expect(run == nil)
        #expect(diagnostics.count >= 1 && diagnostics.allSatisfy { $0.hasPrefix("run.json:") })
    }

    @Test func aRunTooLongIsRefusedWithItsCount() {
        let event = #"{"seq":1,"at":"2025-03-05T08:00:00+01:00","type":"start","operator":"AB"}"#
        let many = Array(repeating: event, count: RunLimits.events + 1).joined(separator: ",")
        let (_, diagnostics) = decode(#"{"format":"rex-run","formatVersion":1,"runId":"a","handbook":"h","procedure":"p","events":["#
                                      + many + "]}")
        #expect(diagnostics == ["run.json:1:91: error: 'events' holds 20001 events; a run may hold at most 20000 [run-format]"])
    }

    @Test func positionsCountCharactersAndLines() throws {
        let root = try JSONReader.read(Array("{\n  \"é\": [1, \"x\"],\n  \"b\": null\n}".utf8))
        let members = try #require(root.members)
        #expect(members["é"]?.keyLine == 2 && members["é"]?.keyColumn == 3)
        guard case .array(let items) = members["é"]?.node.value else { Issue.record("not a list"); return }
        #expect(items.map(\.column) == [9, 12], "columns count characters, not bytes")
        #expect(members["b"]?.node.line == 3)
    }
}
