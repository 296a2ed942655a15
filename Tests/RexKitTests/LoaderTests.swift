import Foundation
import Testing
@testable import RexKit

/// One test per kind of bad input: the exact diagnostic (path:line:column: message [rule]), and the
/// valid `procedures/ok.yml` and `incidents/rex-ok.yml` next to the broken file still load.
@Suite("Loader: bad input")
struct LoaderTests {
    // MARK: YAML syntax

    @Test func syntaxErrorIsReportedAtItsPosition() throws {
        // French typography puts a space before ':', which YAML reads as a second key; columns count characters.
        try check(["procedures/p.yml": """
            id: p
            title: Procédure : reprise
            """],
            ["procedures/p.yml:2:18: error: YAML syntax: mapping values are not allowed in this context [yaml-syntax]"])
    }

    @Test func unclosedFlowSequenceIsReportedWhereTheParserStops() throws {
        try check(["procedures/p.yml": """
            id: p
            incidents: [rex-1, rex-2
            title: x
            """],
            ["procedures/p.yml:3:6: error: YAML syntax: did not find expected ',' or ']' while parsing a flow sequence [yaml-syntax]"])
    }

    @Test func unterminatedQuoteIsReportedWhereTheQuoteOpens() throws {
        // The end of the stream (line 4, past the text) says nothing: point at the quote that never closes.
        try check(["procedures/p.yml": """
            id: p
            title: "Restauration
            kind: restore

            """],
            ["procedures/p.yml:2:8: error: YAML syntax: found unexpected end of stream while scanning a quoted scalar [yaml-syntax]"])
    }

    @Test func tabIndentationIsNamed() throws {
        // "found character that cannot start any token" does not tell the author that the invisible character is a tab.
        let result = try Sample.handbook(["procedures/p.yml": "id: p\nsections:\n\t- title: S\n"]).load()
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.location.description == "procedures/p.yml:3:1")
        #expect(diagnostic.rule == "yaml-syntax")
        #expect(diagnostic.message.lowercased().contains("tab"), "message should name the tab: \(diagnostic.message)")
        expectOthersLoad(result)
    }

    // MARK: Keys

    @Test func unknownKeyIsReportedAtItsLineWithASuggestion() throws {
        try check(["procedures/p.yml": """
            id: p
            title: P
            kind: routine
            version: 1
            status: draft
            owner: Qualité
            when: W
            sections:
              - title: S
                steps:
                  - id: a
                    rol: rtt
                    do: Faire.
            """],
            ["procedures/p.yml:12:9: error: unknown key 'rol' in a step; did you mean 'role'? [unknown-key]"])
    }

    @Test func unknownIncidentKeyWithSuggestionAndTheMissingKeyItHides() throws {
        try check(["incidents/rex-x.yml": """
            id: rex-x
            title: X
            event_class: near-miss
            occured: 2024-05-02
            status: closed
            synopsis: S
            """], [
                "incidents/rex-x.yml:1:1: error: missing required key 'occurred' [missing-key]",
                "incidents/rex-x.yml:4:1: error: unknown key 'occured' in an incident record; did you mean 'occurred'? [unknown-key]",
            ])
    }

    @Test func transposedLettersStillGetASuggestion() throws {
        // 'titel' is one swap away from 'title' (Levenshtein counts it as 2 edits).
        try check(["procedures/p.yml": """
            id: p
            titel: P
            kind: routine
            version: 1
            status: draft
            owner: Qualité
            when: W
            sections:
              - title: S
                steps:
                  - { id: a, do: Faire. }
            """], [
                "procedures/p.yml:1:1: error: missing required key 'title' [missing-key]",
                "procedures/p.yml:2:1: error: unknown key 'titel' in a procedure; did you mean 'title'? [unknown-key]",
            ])
    }

    @Test func missingRequiredKeys() throws {
        let result = try Sample.handbook(["procedures/p.yml": """
            id: p
            title: P
            kind: routine
            version: 1
            status: draft
            sections:
              - title: S
                steps:
                  - do: Sans identifiant.
                  - id: b
                    do: B
                    record:
                      - { id: t, type: time }
            """]).load()
        #expect(result.diagnostics.map(\.description) == [
            "procedures/p.yml:1:1: error: missing required key 'owner' [missing-key]",
            "procedures/p.yml:1:1: error: missing required key 'when' [missing-key]",
            "procedures/p.yml:9:9: error: missing required key 'id' [missing-key]",
            "procedures/p.yml:13:13: error: missing required key 'label' [missing-key]",
        ])
        #expect(result.handbook.procedure("p") == nil)
        expectOthersLoad(result)
    }

    @Test func missingRequiredIncidentKeys() throws {
        try check(["incidents/rex-x.yml": """
            id: rex-x
            title: X
            event_class: near-miss
            status: closed
            """], [
                "incidents/rex-x.yml:1:1: error: missing required key 'occurred' [missing-key]",
                "incidents/rex-x.yml:1:1: error: missing required key 'synopsis' [missing-key]",
            ])
    }

    @Test func duplicateKeyIsReportedAtTheRepeat() throws {
        try check(["procedures/p.yml": """
            id: p
            title: A
            kind: routine
            title: B
            """],
            ["procedures/p.yml:4:1: error: key 'title' appears more than once in the same mapping (first at line 2) [duplicate-key]"])
    }

    @Test func duplicateNestedKeyIsReportedAtTheRepeat() throws {
        try check(["procedures/p.yml": """
            id: p
            roles:
              ict: Service ICT
              rtt: Technologue
              ict: Helpdesk
            """],
            ["procedures/p.yml:5:3: error: key 'ict' appears more than once in the same mapping (first at line 3) [duplicate-key]"])
    }

    // MARK: Files

    @Test(arguments: ["", "# rien encore\n", "---\n", "\n  \n\n"])
    func emptyFile(text: String) throws {
        try check(["procedures/p.yml": text], ["procedures/p.yml:1:1: error: file is empty [empty-file]"])
    }

    @Test func fileThatIsNotUTF8() throws {
        let handbook = try Sample.handbook([:])
        try handbook.write("procedures/p.yml", data: Data("id: p\ntitle: caf".utf8) + Data([0xE9]) + Data("\n".utf8))
        let result = try handbook.load()
        #expect(result.diagnostics.map(\.description)
                == ["procedures/p.yml:2:11: error: file is not valid UTF-8 text (save it as UTF-8) [not-utf8]"])
        expectOthersLoad(result)
    }

    @Test func latin1FixtureFromAnOldEditor() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let result = try HandbookLoader.load(root: fixtures.appending(path: "latin1")).checked(today: TestHandbook.today)
        #expect(result.diagnostics.map(\.description)
                == ["procedures/consignes.yml:2:19: error: file is not valid UTF-8 text (save it as UTF-8) [not-utf8]"])
        #expect(result.handbook.procedures.map(\.id.value) == ["ok"])
    }

    @Test func byteOrderMarkAndWindowsLineEndingsKeepPositions() throws {
        let text = "\u{FEFF}" + """
            id: p
            title: P
            kind: routine
            version: 1
            status: draft
            owner: Qualité
            when: W
            sections:
              - title: S
                steps:
                  - id: a
                    do: Faire.
                    rol: rtt
            """.replacingOccurrences(of: "\n", with: "\r\n")
        try check(["procedures/p.yml": text],
                  ["procedures/p.yml:13:9: error: unknown key 'rol' in a step; did you mean 'role'? [unknown-key]"])
    }

    @Test func severalBrokenFilesAreAllReported() throws {
        let handbook = try Sample.handbook([
            "procedures/a.yml": Sample.procedure.replacingOccurrences(of: "id: ok\n", with: "id: a\nobjectif: Reprendre.\n"),
            "procedures/b.yml": "",
            "procedures/c.yml": "id: c\ntitle: Procédure : reprise\n",
            "incidents/rex-x.yml": Sample.incident.replacingOccurrences(of: "id: rex-ok", with: "id: rex-x")
                .replacingOccurrences(of: "2024-05-02", with: "2024-02-30"),
        ])
        try handbook.write("rex.yml", "name: Manuel\nlangage: fr\n")
        try handbook.write("procedures/d.yml", data: Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0x0A]))
        try handbook.write("procedures/notes.txt", "à trier")
        let result = try handbook.load()
        #expect(result.diagnostics.map(\.description) == [
            "incidents/rex-x.yml:4:11: error: '2024-02-30' is not a real date [invalid-date]",
            "procedures/a.yml:2:1: error: unknown key 'objectif' in a procedure; did you mean 'objective'? [unknown-key]",
            "procedures/b.yml:1:1: error: file is empty [empty-file]",
            "procedures/c.yml:2:18: error: YAML syntax: mapping values are not allowed in this context [yaml-syntax]",
            "procedures/d.yml:1:5: error: file is not valid UTF-8 text (save it as UTF-8) [not-utf8]",
            "procedures/notes.txt:1:1: warning: ignored: only '.yml' files are read in procedures/ [ignored-file]",
            "rex.yml:2:1: error: unknown key 'langage' in the handbook settings; did you mean 'language'? [unknown-key]",
        ])
        #expect(result.handbook.procedures.map(\.id.value) == ["a", "ok"])
        #expect(result.handbook.incidents.map(\.id.value) == ["rex-ok"])
    }
}
