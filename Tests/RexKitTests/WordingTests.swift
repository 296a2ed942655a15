import Foundation
import Testing
@testable import RexKit

/// One source of wording: every language has every word, and a missing one stops the build with its name.
@Suite("Wording")
struct WordingTests {
    @Test("the shipped tables are complete in French, Dutch and English")
    func complete() throws {
        #expect(Wording.problems(in: Wording.languages.compactMap { Wording.tables[$0] }) == [])
        try Wording.validate()
    }

    @Test("a word missing in one language is named, with the languages that have it")
    func missingWord() {
        let french = Wording.french
        var pages = Wording.dutch.pages
        pages.removeValue(forKey: "holdListTitle")
        var runner = Wording.dutch.runner
        runner["conflict"] = " "
        let dutch = Wording.Table(language: "nl", pages: pages, values: Wording.dutch.values, runner: runner,
                                  board: Wording.dutch.board)
        #expect(Wording.problems(in: [french, dutch]) == [
            "wording: 'nl' has no word for 'holdListTitle' (fr has it)",
            "wording: 'nl' has an empty word for runner 'conflict'",
        ])
    }

    @Test("an enumeration value without a word is named")
    func missingValue() {
        var values = Wording.english.values
        values.removeValue(forKey: "near-miss")
        let english = Wording.Table(language: "en", pages: Wording.english.pages, values: values,
                                    runner: Wording.english.runner, board: Wording.english.board)
        #expect(Wording.problems(in: [english]) == ["wording: 'en' has no word for value 'near-miss'"])
    }

    @Test("the runner's words script nests keys and lists, in its own language")
    func runnerScript() throws {
        let script = String(decoding: Wording.runnerScript("nl"), as: UTF8.self)
        #expect(script.contains("Rex.words[\"nl\"] = {"))
        let start = try #require(script.range(of: "Rex.words[\"nl\"] = ")).upperBound
        let end = try #require(script.range(of: ";\n  Rex.boardWords[", range: start..<script.endIndex)).lowerBound
        let words = try #require(try JSONSerialization.jsonObject(with: Data(script[start..<end].utf8)) as? [String: Any])
        #expect((words["status"] as? [String: String])?["complete"] == "afgerond")
        #expect((words["csv"] as? [String])?.first == "Verloop")
        #expect((words["holdColumns"] as? [String])?.count == 5)
    }

    @Test("every fixed word of every template is a t_ key of the tables (no word typed into a template)")
    func templatesHoldNoWords() throws {
        for (name, data) in TemplateSet.builtInFiles() where name.hasSuffix(".mustache") {
            let text = String(decoding: data, as: UTF8.self)
            for match in text.matches(of: #/\{\{\s*t_([A-Za-z]+)\s*\}\}/#) {
                #expect(Wording.french.pages[String(match.1)] != nil, "templates/\(name) uses t_\(match.1)")
            }
            let stripped = text.replacing(#/\{\{[^}]*\}\}/#, with: "").replacing(#/<[^>]*>/#, with: " ")
            let words = stripped.split(whereSeparator: \.isWhitespace).filter { $0.count >= 3 && $0.contains(where: \.isLetter) }
            #expect(words.isEmpty, "templates/\(name) holds words: \(words.prefix(5))")
        }
    }
}
