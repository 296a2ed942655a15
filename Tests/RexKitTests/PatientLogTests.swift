import Foundation
import Testing
@testable import RexKit

/// The log keys that carry the seed's failure mode (`type: patient`, `counter: true`) and `tolerance`:
/// what the loader keeps, and where `patient` is offered.
@Suite("Loader: patient, counter, tolerance")
struct PatientLogTests {
    static let procedure = """
        id: p
        title: P
        kind: restore
        version: 1
        status: draft
        owner: QA
        when: W
        logs:
          sessions:
            title: Séances
            columns:
              - { id: patient, label: Patient (ID), type: patient }
              - { id: fraction, label: Fraction n°, type: number, counter: true }
              - { id: mu, label: UM, type: number }
              - { id: mu_check, label: UM relues, type: number, must_match: mu, tolerance: 0.5 }
            reconcile:
              - { id: entered, label: Ressaisi par, type: initials }
        sections:
          - title: S
            steps:
              - id: a
                do: Relever.
                record:
                  - { id: db_at, label: BD, type: datetime }
                  - { id: fs_at, label: Fichiers, type: datetime, must_match: db_at, tolerance: 1.5 h }
                  - { id: db_time, label: BD heure, type: time }
                  - { id: fs_time, label: Fichiers heure, type: time, must_match: db_time, tolerance: "  30 s " }
                  - { id: db_day, label: BD jour, type: date }
                  - { id: fs_day, label: Fichiers jour, type: date, must_match: db_day, tolerance: 2d }
              - id: b
                do: Consigner.
                log: sessions
        """

    @Test func keysAreKeptAsWrittenAndParsed() throws {
        let result = try TestHandbook(["procedures/p.yml": Self.procedure]).load()
        #expect(result.diagnostics.map(\.description) == [])
        let procedure = try #require(result.handbook.procedure("p"))
        let log = try #require(procedure.logs.first)
        #expect(log.patientColumn?.id.value == "patient")
        #expect(log.counterColumn?.id.value == "fraction")
        #expect(log.columns.filter(\.isCounter).count == 1)
        let mu = try #require(log.columns.first { $0.id.value == "mu_check" }?.tolerance)
        #expect(mu.value == Tolerance(kind: .number, value: 0.5, text: "0.5"))
        #expect(mu.location.line == 15 && mu.location.column == 84)
        let fields = Dictionary(uniqueKeysWithValues: procedure.allSteps.flatMap(\.record).map { ($0.id.value, $0) })
        #expect(fields["fs_at"]?.tolerance?.value == Tolerance(kind: .duration, value: 5_400, text: "1.5 h"))
        #expect(fields["fs_time"]?.tolerance?.value == Tolerance(kind: .duration, value: 30, text: "30 s"))
        #expect(fields["fs_day"]?.tolerance?.value == Tolerance(kind: .duration, value: 172_800, text: "2d"))
        #expect(fields["db_at"]?.tolerance == nil && fields["db_at"]?.counter == nil)
    }

    @Test func minutesAndZero() throws {
        let text = Self.procedure.replacingOccurrences(of: "tolerance: 1.5 h", with: "tolerance: 10 min")
            .replacingOccurrences(of: "tolerance: 0.5", with: "tolerance: 0")
        let result = try TestHandbook(["procedures/p.yml": text]).load()
        #expect(result.diagnostics.map(\.description) == [])
        let procedure = try #require(result.handbook.procedure("p"))
        let fields = Dictionary(uniqueKeysWithValues: procedure.allSteps.flatMap(\.record).map { ($0.id.value, $0) })
        #expect(fields["fs_at"]?.tolerance?.value.value == 600)
        #expect(procedure.logs[0].columns[3].tolerance?.value == Tolerance(kind: .number, value: 0, text: "0"))
    }

    /// `patient` is offered for a log's columns, not for a step's field, where it would be an error.
    @Test func patientIsOfferedWhereItBelongs() throws {
        let text = Self.procedure
            .replacingOccurrences(of: "label: Patient (ID), type: patient", with: "label: Patient (ID), type: patien")
            .replacingOccurrences(of: "label: BD, type: datetime", with: "label: BD, type: patien")
        // The dropped field and column leave a counter without patient and a must_match without its field.
        try check(["procedures/p.yml": text], [
            "procedures/p.yml:12:51: error: 'patien' is not a valid type; expected one of: text, number, date, time, "
                + "datetime, initials, checkbox, choice, patient; did you mean 'patient'? [invalid-value]",
            "procedures/p.yml:13:68: error: counter column 'fraction' of log 'sessions' counts per patient, but the log "
                + "has no patient column: add a column with type: patient [counter-column]",
            "procedures/p.yml:24:43: error: 'patien' is not a valid type; expected one of: text, number, date, time, "
                + "datetime, initials, checkbox, choice [invalid-value]",
            "procedures/p.yml:25:71: error: unknown field 'db_at' [unknown-reference]",
        ])
    }

    @Test func counterMustBeABoolean() throws {
        let text = Self.procedure.replacingOccurrences(of: "counter: true", with: "counter: oui")
        try check(["procedures/p.yml": text],
                  ["procedures/p.yml:13:68: error: 'counter' must be true or false, found 'oui' [wrong-type]"])
    }
}
