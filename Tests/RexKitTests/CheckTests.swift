import Foundation
import Testing
@testable import RexKit

/// A valid procedure that uses every kind of reference; each test changes one line (the trailing
/// comments are the line numbers the expected diagnostics point at).
private let base = """
    id: p                                     # 1
    title: Restauration                       # 2
    kind: restore                             # 3
    version: 1                                # 4
    status: draft                             # 5
    owner: Qualité                            # 6
    when: Une restauration est nécessaire.    # 7
    roles: { ict: ICT, rtt: Technologue }     # 8
    contacts:                                 # 9
      - { role: ict, name: Helpdesk }         # 10
    incidents: [rex-p]                        # 11
    logs:                                     # 12
      sessions:                               # 13
        title: Séances                        # 14
        columns:                              # 15
          - { id: patient, label: Patient, type: text }    # 16
        reconcile:                            # 17
          - { id: entered, label: Ressaisi par, type: initials }  # 18
          - { id: checked, label: Vérifié par, type: initials, distinct_from: entered }  # 19
    sections:                                 # 20
      - title: Avant                          # 21
        steps:                                # 22
          - id: db-point                      # 23
            role: ict                         # 24
            do: Relever le point BD.          # 25
            record:                           # 26
              - { id: db_at, label: BD, type: datetime }   # 27
          - id: fs-point                      # 28
            role: ict                         # 29
            do: Relever le point fichiers.    # 30
            because: [rex-p]                  # 31
            record:                           # 32
              - { id: fs_at, label: Fichiers, type: datetime, must_match: db_at }  # 33
              - { id: by, label: Par, type: initials }   # 34
              - { id: checker, label: Contrôlé par, type: initials, distinct_from: by }  # 35
          - id: same                          # 36
            ask: Identiques ?                 # 37
            choices:                          # 38
              - { answer: Oui, goto: log }    # 39
              - { answer: Non, goto: end }    # 40
      - title: Pendant                        # 41
        steps:                                # 42
          - id: log                           # 43
            role: rtt                         # 44
            do: Consigner chaque séance.      # 45
            log: sessions                     # 46
          - id: close                         # 47
            do: Clôturer.                     # 48
            requires_reconciled: sessions     # 49
            goto: end                         # 50
    """

/// `base` with one piece of text replaced (it must occur exactly once).
private func variant(_ old: String, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    try #require(base.components(separatedBy: old).count == 2, "'\(old)' should occur once", sourceLocation: sourceLocation)
    return base.replacingOccurrences(of: old, with: new)
}

/// The REX record `base` answers; its action names `p` back.
private let answeredIncident = """
    id: rex-p
    title: REX à l'origine de p
    event_class: operational
    occurred: 2024-01-10
    status: closed
    synopsis: S
    actions:
      - { text: Écrire p, status: done, procedure: p }
    """

private func diagnostics(procedure: String, incident: String? = nil) throws -> [String] {
    var files = ["procedures/p.yml": procedure, "incidents/rex-p.yml": answeredIncident]
    if let incident { files["incidents/rex-x.yml"] = incident }
    return try Sample.handbook(files).diagnostics()
}

@Suite("Checks")
struct CheckTests {
    @Test func theBaseProcedureIsValid() throws {
        #expect(try diagnostics(procedure: base) == [])
    }

    // MARK: References

    /// (the line to change, its replacement, the diagnostic).
    static let references: [(String, String, String)] = [
        ("        goto: end ", "        goto: db-piont ",
         "procedures/p.yml:50:15: error: unknown step 'db-piont' (a step id of this procedure, or 'end'); did you mean 'db-point'? [unknown-reference]"),
        ("goto: log }", "goto: lg }",
         "procedures/p.yml:39:34: error: unknown step 'lg' (a step id of this procedure, or 'end'); did you mean 'log'? [unknown-reference]"),
        ("must_match: db_at", "must_match: db_time",
         "procedures/p.yml:33:71: error: unknown field 'db_time' [unknown-reference]"),
        ("distinct_from: by", "distinct_from: bye",
         "procedures/p.yml:35:80: error: unknown field 'bye' in the same step or log row (distinct_from compares values recorded together); did you mean 'by'? [unknown-reference]"),
        ("distinct_from: entered", "distinct_from: entred",
         "procedures/p.yml:19:75: error: unknown field 'entred' in the same step or log row (distinct_from compares values recorded together); did you mean 'entered'? [unknown-reference]"),
        ("log: sessions ", "log: session ",
         "procedures/p.yml:46:14: error: unknown log 'session'; did you mean 'sessions'? [unknown-reference]"),
        ("requires_reconciled: sessions", "requires_reconciled: treatments",
         "procedures/p.yml:49:30: error: unknown log 'treatments' [unknown-reference]"),
        ("role: rtt ", "role: physicist ",
         "procedures/p.yml:44:15: error: unknown role 'physicist' [unknown-reference]"),
        ("{ role: ict,", "{ role: it,",
         "procedures/p.yml:10:13: error: unknown role 'it'; did you mean 'ict'? [unknown-reference]"),
        ("because: [rex-p]", "because: [rex-q]",
         "procedures/p.yml:31:19: error: unknown incident 'rex-q'; did you mean 'rex-p'? [unknown-reference]"),
        ("incidents: [rex-p]", "incidents: [rex-2020-03]",
         "procedures/p.yml:11:13: error: unknown incident 'rex-2020-03' [unknown-reference]"),
    ]

    @Test(arguments: references)
    func everyReferenceResolves(old: String, new: String, expected: String) throws {
        let actual = try diagnostics(procedure: variant(old, new))
        #expect(actual == [expected])
    }

    @Test func anIncidentActionNamesAProcedureThatExists() throws {
        let incident = """
            id: rex-x
            title: X
            event_class: near-miss
            occurred: 2024-05-02
            status: actions-open
            synopsis: S
            actions:
              - { text: Écrire la procédure, status: planned, procedure: okk }
              - { text: Relire, status: done, procedure: p }
            """
        #expect(try diagnostics(procedure: base, incident: incident)
                == ["incidents/rex-x.yml:8:62: error: unknown procedure 'okk'; did you mean 'ok'? [unknown-reference]"])
    }

    // MARK: Unique ids

    @Test func stepIDsAreUniqueInAProcedure() throws {
        #expect(try diagnostics(procedure: variant("- id: close", "- id: log"))
                == ["procedures/p.yml:47:13: error: duplicate step id 'log' (first defined at line 43) [duplicate-id]"])
    }

    @Test func fieldIDsAreUniqueInAProcedure() throws {
        let procedure = try variant("log: sessions ", "log: sessions\n        record:\n          - { id: by, label: Par, type: initials }\n")
        #expect(try diagnostics(procedure: procedure)
                == ["procedures/p.yml:48:19: error: duplicate field id 'by' (first defined at line 34) [duplicate-id]"])
    }

    @Test func logColumnIDsAreUniqueInALog() throws {
        #expect(try diagnostics(procedure: variant("{ id: patient,", "{ id: checked,"))
                == ["procedures/p.yml:19:15: error: duplicate column of log 'sessions' id 'checked' (first defined at line 16) [duplicate-id]"])
    }

    @Test func procedureIDsAreUniqueAcrossFiles() throws {
        // The copy, whose id disagrees with its file name, is the one to blame — not the original.
        let diagnostics = try Sample.handbook(["procedures/ok-copy.yml": Sample.procedure]).diagnostics()
        #expect(diagnostics == [
            "procedures/ok-copy.yml:1:5: error: duplicate procedure id 'ok' (first defined at procedures/ok.yml:1:5) [duplicate-id]",
            "procedures/ok-copy.yml:1:5: error: id 'ok' differs from the file name 'ok-copy.yml' [id-file-mismatch]",
        ])
    }

    @Test func incidentIDsAreUniqueAcrossFiles() throws {
        let diagnostics = try Sample.handbook(["incidents/rex-ok-2.yml": Sample.incident]).diagnostics()
        #expect(diagnostics == [
            "incidents/rex-ok-2.yml:1:5: error: duplicate incident id 'rex-ok' (first defined at incidents/rex-ok.yml:1:5) [duplicate-id]",
            "incidents/rex-ok-2.yml:1:5: error: id 'rex-ok' differs from the file name 'rex-ok-2.yml' [id-file-mismatch]",
        ])
    }

    @Test func endIsNotAStepID() throws {
        // `goto: end` always means the end of the procedure, so a step called 'end' can never be the target of a jump.
        let result = try Sample.handbook(["procedures/p.yml": """
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
                    do: A
                  - id: end
                    do: B
            """]).load()
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.location.description == "procedures/p.yml:13:13")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("'end'") && diagnostic.message.contains("reserved"), "\(diagnostic)")
    }

    // MARK: Step shape

    @Test func aDecisionNeedsTwoChoices() throws {
        #expect(try diagnostics(procedure: variant("- { answer: Non, goto: end }", "# no second choice"))
                == ["procedures/p.yml:36:9: error: decision 'same' needs at least two choices, each with a 'goto' [decision-choices]"])
    }

    @Test func everyChoiceHasAGoto() throws {
        #expect(try diagnostics(procedure: variant("{ answer: Non, goto: end }", "{ answer: Non }"))
                == ["procedures/p.yml:40:13: error: missing required key 'goto' [missing-key]"])
    }

    @Test func aStepIsAnActionOrADecision() throws {
        #expect(try diagnostics(procedure: variant("do: Clôturer. ", "note: Clôturer. "))
                == ["procedures/p.yml:47:9: error: step 'close' needs 'do' (an action) or 'ask' (a decision) [step-kind]"])
        #expect(try diagnostics(procedure: variant("ask: Identiques ? ", "ask: Identiques ?\n        do: Comparer.\n#"))
                == ["procedures/p.yml:36:9: error: step 'same' has both 'do' and 'ask'; split it into an action and a decision [step-kind]"])
    }

    // MARK: Document control

    @Test func anApprovedProcedureNamesItsApprover() throws {
        #expect(try diagnostics(procedure: variant("status: draft ", "status: approved ")) == [
            "procedures/p.yml:5:9: error: approved procedure 'p' needs 'approved_by' [approval]",
            "procedures/p.yml:5:9: error: approved procedure 'p' needs an 'effective' date [approval]",
        ])
        let approved = try variant("status: draft ", "status: approved\napproved_by: Chef de service\neffective: 2025-01-01\n#")
        #expect(try diagnostics(procedure: approved) == [])
    }

    @Test func aPastReviewDateIsAWarning() throws {
        let overdue = try Sample.handbook(["procedures/p.yml": base + "\nreview_by: 2026-01-14\n",
                                           "incidents/rex-p.yml": answeredIncident]).load()
        #expect(overdue.diagnostics.map(\.description)
                == ["procedures/p.yml:51:12: warning: review of 'p' was due on 2026-01-14 (today is 2026-01-15) [review-overdue]"])
        #expect(!overdue.hasErrors)
        #expect(try diagnostics(procedure: base + "\nreview_by: 2026-01-15\n") == [])
        let retired = try variant("status: draft ", "status: retired ") + "\nreview_by: 2020-01-01\n"
        #expect(try diagnostics(procedure: retired) == [])
    }

    // MARK: Severity

    private func incident(severity: String) -> String {
        """
        id: rex-x
        title: X
        event_class: near-miss
        occurred: 2024-05-02
        status: closed
        synopsis: S
        severity: \(severity)
        """
    }

    @Test func aSeverityLevelExistsOnItsScale() throws {
        #expect(try diagnostics(procedure: base, incident: incident(severity: #"{ scale: asn-sfro, level: "8" }"#)) == [
            "incidents/rex-x.yml:7:37: error: level '8' does not exist on the ASN-SFRO scale; expected one of: 0, 1, 2, 2+, 3, 3+, 4, 4+, 5, 6, 7 [severity-level]",
        ])
        #expect(try diagnostics(procedure: base, incident: incident(severity: "{ scale: asn, level: 1 }")) == [
            "incidents/rex-x.yml:7:20: error: unknown severity scale 'asn'; known: asn-sfro [severity-level]",
        ])
        for level in ["0", "1", "2", "2+", "3", "3+", "4", "4+", "5", "6", "7"] {
            #expect(try diagnostics(procedure: base, incident: incident(severity: "{ scale: asn-sfro, level: \(level) }")) == [],
                    "level \(level)")
        }
    }

    @Test func aHandbookMayDeclareItsOwnScale() throws {
        let handbook = try Sample.handbook(["incidents/rex-x.yml": incident(severity: "{ scale: interne, level: grave }")])
        try handbook.write("rex.yml", """
            name: Manuel
            severity_scales:
              - { id: interne, title: Échelle interne, levels: [mineur, majeur] }
            """)
        #expect(try handbook.diagnostics() == [
            "incidents/rex-x.yml:7:36: error: level 'grave' does not exist on the Échelle interne scale; expected one of: mineur, majeur [severity-level]",
        ])
        try handbook.write("incidents/rex-x.yml", incident(severity: "{ scale: interne, level: majeur, provisional: true }"))
        #expect(try handbook.diagnostics() == [])
    }

    // MARK: The shipped handbook

    @Test func theShippedHandbookValidatesWithoutErrors() throws {
        let result = try HandbookLoader.load(root: repositoryRoot).checked()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let files = { (folder: String) in
            try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appending(path: folder).path)
                .filter { $0.hasSuffix(".yml") }.count
        }
        #expect(try result.handbook.procedures.count == files("procedures"))
        #expect(try result.handbook.incidents.count == files("incidents"))
        #expect(result.handbook.procedure("aria-restore") != nil)
        #expect(result.handbook.incident("rex-2020-03") != nil)
    }
}
