import Foundation
import Testing
@testable import RexKit

/// `rex reconcile` never gives a verdict from a file it cannot trust, and never crashes on one: each problem is
/// located (file, line, column, the event's seq and field), the exit code is 2, and there is no verdict.
@Suite("rex reconcile: unusable input")
struct ReconcileInputTests {
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: ReconcileTests.fixtures.appending(path: name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Writes `content` (text, bytes or a JSON object) to a temporary file; its path.
    static func write(_ name: String, _ content: Any) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "rex-reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        switch content {
        case let text as String: try Data(text.utf8).write(to: url)
        case let data as Data: try data.write(to: url)
        default: try JSONSerialization.data(withJSONObject: content, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }
        return url.path
    }

    static func refused(_ paths: [String]) throws -> [String] {
        let outcome = try ReconcileTests.reconcile(paths)
        #expect(outcome.exitCode == 2 && outcome.text == nil, "exit \(outcome.exitCode)")
        #expect(outcome.refusal == "rex: no verdict: a file cannot be used")
        return outcome.diagnostics.map(\.description)
    }

    @Test("not JSON, not UTF-8, nested too deep, too large, not a Rex file: located, exit 2")
    func unreadable() throws {
        let broken = try Self.write("broken.json", "{\n  \"format\": \"rex-run\",\n  \"events\": [\n")
        #expect(try Self.refused([broken]) == ["\(broken):4:1: error: JSON: the file ends where a value was expected [json-syntax]"])
        let latin1 = try Self.write("latin1.json", Data([0x7B, 0x22, 0xE9, 0x22, 0x7D]))
        #expect(try Self.refused([latin1]) == ["\(latin1):1:1: error: file is not valid UTF-8 text [not-utf8]"])
        let deep = try Self.write("deep.json", "{\"format\": \"rex-board\", \"events\": " + String(repeating: "[", count: 20_000)
                                  + String(repeating: "]", count: 20_000) + "}")
        #expect(try Self.refused([deep]).first?.hasSuffix("[too-deep]") == true)
        let huge = try Self.write("huge.json", Data(repeating: 0x20, count: OutageFileReader.boardBytes + 1))
        #expect(try Self.refused([huge]) == ["\(huge):1:1: error: file is 33554433 bytes; a board export may hold at most "
                                             + "33554432 bytes (32 MiB), an exported run 4194304 (4 MiB) [file-too-large]"])
        let other = try Self.write("other.json", ["format": "csv", "rows": []])
        #expect(try Self.refused([other]).first?.contains("'format' must be \"rex-run\" (an exported run) or \"rex-board\"") == true)
        let list = try Self.write("list.json", "[1, 2]")
        #expect(try Self.refused([list]) == ["\(list):1:1: error: expected an exported run (\"format\": \"rex-run\") or a "
                                             + "board export (\"format\": \"rex-board\"), found a list [run-format]"])
        let missing = FileManager.default.temporaryDirectory.appending(path: "no-such-run.json").path
        #expect(try Self.refused([missing]).first?.hasSuffix("[unreadable]") == true)
    }

    @Test("a run whose event is wrong: the event's seq and field are named")
    func badEvent() throws {
        var run = try Self.json("linac-1.json")
        var events = try #require(run["events"] as? [[String: Any]])
        events[2]["row"] = "un"
        events[3]["values"] = "patient=PAT-0500"
        run["events"] = events
        let path = try Self.write("bad-event.json", run)
        let found = try Self.refused([path])
        #expect(found.count == 2)
        #expect(found[0].contains(": error: event 3 (row-add): 'row' must be a whole number from 1, found the text \"un\" [run-format]"))
        #expect(found[1].contains(": error: event 4 (row-add): 'values' must be an object of field → value, found the text \"patient=PAT-0500\" [run-format]"))
    }

    @Test("a board whose imported run is wrong: the import event, then the run's own event, are named")
    func badBoard() throws {
        var board = try Self.json("board-pending.json")
        var events = try #require(board["events"] as? [[String: Any]])
        var run = try #require(events[1]["run"] as? [String: Any])
        var runEvents = try #require(run["events"] as? [[String: Any]])
        runEvents[0]["type"] = "erase-everything"
        run["events"] = runEvents
        events[1]["run"] = run
        events[2]["type"] = "delete-board"
        board["events"] = events
        let path = try Self.write("bad-board.json", board)
        let found = try Self.refused([path])
        #expect(found.contains { $0.contains(": error: event 2 (import): run: event 1: unknown type \"erase-everything\"") })
        #expect(found.contains { $0.contains(": error: event 3: unknown type \"delete-board\"; expected one of: open, operator, "
                                             + "take-over, import, unit-not-affected, row-reconcile, close [run-format]") })
    }

    @Test("another handbook, another procedure, two boards, two exports of one run that disagree: refused")
    func mismatched() throws {
        var otherHandbook = try Self.json("linac-2.json")
        otherHandbook["handbook"] = "un-autre-manuel"
        let handbookPath = try Self.write("handbook.json", otherHandbook)
        let found = try Self.refused([ReconcileTests.file("linac-1.json"), handbookPath])
        #expect(found.count == 1 && found[0].contains("error: this run was recorded with the handbook 'un-autre-manuel', not "
                                                      + "with this one ('manuel-de-continuite-radiotherapie') [run-handbook]"))
        var otherProcedure = try Self.json("linac-2.json")
        otherProcedure["procedure"] = "aria-restore"
        let procedurePath = try Self.write("procedure.json", otherProcedure)
        #expect(try Self.refused([ReconcileTests.file("linac-1.json"), procedurePath]).first?.contains(
            "error: this run follows 'aria-restore'; the outage follows 'rv-downtime': reconcile each procedure's runs apart [run-procedure]") == true)
        var diverging = try Self.json("linac-1.json")
        var events = try #require(diverging["events"] as? [[String: Any]])
        events[2]["values"] = ["patient": "PAT-9999"]
        diverging["events"] = events
        let divergingPath = try Self.write("diverging.json", diverging)
        #expect(try Self.refused([ReconcileTests.file("linac-1.json"), divergingPath]).first?.hasSuffix(
            "with other events: two exports of one run disagree; give only the one to keep [run-duplicate]") == true)
        let boards = try Self.refused([ReconcileTests.file("board-pending.json"), ReconcileTests.file("board-closed.json")])
        #expect(boards.first?.contains("a second board export") == true)
    }

    @Test("another revision is flagged and still counts")
    func otherRevision() throws {
        var older = try Self.json("linac-1.json")
        older["revision"] = "0000abcd"
        older["version"] = 2
        let path = try Self.write("older.json", older)
        let outcome = try ReconcileTests.reconcile([path, ReconcileTests.file("linac-2.json"), ReconcileTests.file("halcyon-2.json")])
        #expect(outcome.exitCode == 1, "halcyon-2 still holds row 1 pending")
        let lines = ReconcileTests.lines(outcome)
        #expect(lines.contains { $0.hasPrefix("  linac-1 TrueBeam 1: imported") })
        #expect(lines.contains("  \(path):1:1: warning: started on version 2 (revision 0000abcd); this handbook has version "
                               + "4 (revision \(try #require(lines.isEmpty ? nil : Self.revision()))): its rows count; check them [run-revision]"))
    }

    static func revision() throws -> String {
        try #require(HandbookLoader.load(root: ReconcileTests.repository).handbook.procedure("rv-downtime")?.revision)
    }
}
