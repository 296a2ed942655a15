import Foundation
import Testing
@testable import RexKit

/// The runner's model, the board's and the search data are written without `JSONEncoder` (`JSONText`): byte for
/// byte what the encoder, with sorted keys, makes of the same values.
@Suite("JSON written without the encoder")
struct JSONTextTests {
    private func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The reference: the encoder's JSON, made safe for a `<script>` as the build's is (`<`, `>`, `&` as `\u` escapes,
    /// which only ever occur inside strings), byte by byte.
    private func embeddableJSON(_ value: some Encodable) throws -> [UInt8] {
        let escapes: [UInt8: String] = [UInt8(ascii: "<"): "\\u003c", UInt8(ascii: ">"): "\\u003e", UInt8(ascii: "&"): "\\u0026"]
        return try encoded(value).utf8.flatMap { escapes[$0].map { Array($0.utf8) } ?? [$0] }
    }

    /// Every procedure of the shipped handbook and of the test handbooks: its model in its page is what the encoder
    /// makes of it, made safe for a `<script>` the same way (`embeddableJSON`).
    @Test(arguments: everyHandbookFolder)
    func everyRunnerModelIsTheEncodersJSON(handbook folder: String) throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot.appending(path: folder)).handbook
        #expect(!handbook.procedures.isEmpty)
        for procedure in handbook.procedures {
            let model = RunnerModel(procedure, handbook: handbook)
            #expect(Array(model.embeddableJSON().utf8) == (try embeddableJSON(model)), "\(folder): \(procedure.id.value)")
            // Its steps' titles as its page's view made them, from the parse that made their HTML.
            let view = ProcedureView(procedure, in: HandbookLookup(handbook), today: TestHandbook.today)
            #expect(Array(RunnerModel(procedure, handbook: handbook, view: view).embeddableJSON().utf8) == Array(model.embeddableJSON().utf8))
        }
        // The board's: the runner model of every procedure closed at department level, and the units.
        #expect(Array(BoardView(handbook).json.utf8) == (try embeddableJSON(BoardModel(handbook))), "\(folder): the board")
    }

    /// Every stored property of the runner model's types is written by some procedure of those handbooks: a property
    /// added to the model but not to its writer (`RunnerModel+JSON.swift`, which the board's JSON is written with too),
    /// or one no test handbook sets, fails here.
    @Test func everyPropertyOfTheRunnerModelIsWritten() throws {
        var properties: [String: Set<String>] = [:], written: [String: Set<String>] = [:]
        func note(_ value: Any, as kind: String, _ json: Any?) throws {
            properties[kind, default: []].formUnion(Mirror(reflecting: value).children.compactMap(\.label))
            written[kind, default: []].formUnion(try #require(json as? [String: Any], "\(kind)").keys)
        }
        func objects(_ json: [String: Any], _ key: String) throws -> [Any] { try #require(json[key] as? [Any], "\(key)") }
        for folder in everyHandbookFolder {
            let handbook = try HandbookLoader.load(root: repositoryRoot.appending(path: folder)).handbook
            for procedure in handbook.procedures {
                let model = RunnerModel(procedure, handbook: handbook)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(model.embeddableJSON().utf8)) as? [String: Any])
                try note(model, as: "model", json)
                for (step, stepJSON) in zip(model.steps, try objects(json, "steps")) {
                    try note(step, as: "step", stepJSON)
                    let stepJSON = try #require(stepJSON as? [String: Any])
                    for (choice, choiceJSON) in zip(step.choices, try objects(stepJSON, "choices")) { try note(choice, as: "choice", choiceJSON) }
                    for (field, fieldJSON) in zip(step.fields, try objects(stepJSON, "fields")) { try note(field, as: "field", fieldJSON) }
                }
                for (log, logJSON) in zip(model.logs, try objects(json, "logs")) {
                    try note(log, as: "log", logJSON)
                    let logJSON = try #require(logJSON as? [String: Any])
                    for (field, fieldJSON) in zip(log.columns + log.reconcile, try objects(logJSON, "columns") + objects(logJSON, "reconcile")) {
                        try note(field, as: "field", fieldJSON)
                    }
                }
                for (unit, unitJSON) in zip(model.units, try objects(json, "units")) { try note(unit, as: "unit", unitJSON) }
            }
        }
        #expect(properties.keys.sorted() == ["choice", "field", "log", "model", "step", "unit"])
        for (kind, names) in properties {
            #expect(written[kind] == names, "\(kind): never written: \(names.subtracting(written[kind] ?? []).sorted())")
        }
    }

    private struct Everything: Encodable, JSONObject {
        var text: String
        var numbers: [Double]
        var count: Int
        var flag: Bool
        var absent: String?

        func writeMembers(to json: inout JSONText) {
            json.member("absent", absent)
            json.member("count", count)
            json.member("flag", flag)
            json.key("numbers")
            json.array(numbers) { $0.number($1) }
            json.member("text", text)
        }
    }

    /// Each ASCII character, characters beyond it, and numbers of every form, in a string, an embedded string, a
    /// number, a flag and an absent member.
    @Test func everyCharacterAndNumberIsWrittenAsTheEncoderWritesIt() throws {
        var text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        text += "é\u{2028}\u{2029}😀 </script> & « guillemets » <\u{338} (≮, a \"<\" and its combining mark)"
        let value = Everything(text: text, numbers: [600, 0.5, 1e20, 1e-7, -3, 123_456_789_012, 0.1, 1.5e300, 10.25, -0.0,
                                                     Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude],
                               count: -42, flag: true, absent: nil)
        func written(embedded: Bool) -> String {
            var json = JSONText(embedded: embedded)
            json.object(value)
            return json.text
        }
        #expect(Array(written(embedded: false).utf8) == Array(try encoded(value).utf8))
        #expect(Array(written(embedded: true).utf8) == (try embeddableJSON(value)))
        #expect(!written(embedded: true).contains("<"))
    }

    /// The search data's entries, revisions, file numbers and pages.
    @Test func searchDataIsTheEncodersJSON() throws {
        let entries = [SearchIndex.Entry(title: "Panne « R&V » — 2.1", url: "procedures/a.html#step-x", kind: "step",
                                         text: "Ligne 1\nligne \"2\" \\ / \t fin"),
                       SearchIndex.Entry(title: "", url: "", kind: "incident", text: "")]
        let revisions = [SearchIndex.Revision(id: "rv-downtime", title: "Panne / R&V", version: 3, revision: "ab12")]
        #expect(Array(SearchIndex.json(entries)) == Array(try encoded(entries).utf8))
        #expect(Array(SearchIndex.json(revisions)) == Array(try encoded(revisions).utf8))
        #expect(Array(SearchIndex.json([0, 7, 15]) { $0.number($1) }) == Array(try encoded([0, 7, 15]).utf8))
        #expect(Array(SearchIndex.json(["procedures/a.html", "é"]) { $0.string($1) })
                == Array(try encoded(["procedures/a.html", "é"]).utf8))
        #expect(String(decoding: SearchIndex.json([SearchIndex.Entry]()), as: UTF8.self) == "[]")
    }
}
