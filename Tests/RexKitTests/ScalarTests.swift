import Foundation
import Testing
@testable import RexKit

/// Text stays the text written: no YAML 1.1 booleans or sexagesimal numbers; dates as written.
@Suite("Loader: scalars and dates")
struct ScalarTests {
    @Test func yaml11BooleansAndNumbersStayText() throws {
        let result = try TestHandbook(["procedures/p.yml": """
            id: p
            title: 12:30
            kind: routine
            version: 1
            status: draft
            owner: NO
            when: yes
            sections:
              - title: on
                steps:
                  - id: q
                    ask: Identiques ?
                    choices:
                      - { answer: Yes, goto: a }
                      - { answer: No, goto: end }
                  - id: a
                    do: 0x1F
                    record:
                      - { id: c, label: 1e3, type: choice, options: [Y, N, off, 010, 1_000, .inf, ~x] }
            """]).load()
        #expect(result.diagnostics.map(\.description) == [])
        let procedure = try #require(result.handbook.procedure("p"))
        #expect(procedure.title == "12:30")
        #expect(procedure.owner == "NO")
        #expect(procedure.when == "yes")
        #expect(procedure.sections.map(\.title) == ["on"])
        #expect(procedure.allSteps[0].choices.map(\.answer) == ["Yes", "No"])
        #expect(procedure.allSteps[1].action == "0x1F")
        let field = try #require(procedure.allSteps[1].record.first)
        #expect(field.label == "1e3")
        #expect(field.options?.value == ["Y", "N", "off", "010", "1_000", ".inf", "~x"])
    }

    @Test func datesAndDateTimesAreAcceptedAsWritten() throws {
        let result = try TestHandbook([
            "procedures/p.yml": """
                id: p
                title: P
                kind: routine
                version: 1
                status: approved
                approved_by: Radiophysicien chef
                owner: Qualité
                effective: 2021-03-01
                review_by: "2028-02-29"
                when: W
                sections:
                  - title: S
                    steps:
                      - { id: a, do: A }
                """,
            "incidents/rex-2020-03.yml": """
                id: rex-2020-03
                title: Désynchronisation d'ARIA
                event_class: therapeutic-radiation-incident
                occurred: 2020-11-16T15:42
                detected: 2020-11-17
                status: closed
                synopsis: S
                timeline:
                  - { at: 2020-11-16T15:42, event: Appel ICT. }
                  - { at: 2020-11-17 08:05:30, event: Restauration., approx: true }
                  - { at: 2020-11-18, event: Ressaisie. }
                actions:
                  - { text: Procédure, status: done, due: 2021-01-31, procedure: p }
                """,
        ]).load()
        #expect(result.diagnostics.map(\.description) == [])
        let procedure = try #require(result.handbook.procedure("p"))
        #expect(procedure.effective?.value == LocalDate(year: 2021, month: 3, day: 1))
        #expect(procedure.effective?.value.description == "2021-03-01")
        #expect(procedure.reviewBy?.value.description == "2028-02-29")
        #expect(procedure.effective?.location.description == "procedures/p.yml:8:12")

        let incident = try #require(result.handbook.incident("rex-2020-03"))
        #expect(incident.occurred.value.description == "2020-11-16T15:42")
        #expect(incident.occurred.value.dayFirst == "16/11/2020 15:42")
        #expect(incident.detected?.value.description == "2020-11-17")
        #expect(incident.detected?.value.minuteOfDay == nil)
        #expect(incident.timeline.map(\.at.description) == ["2020-11-16T15:42", "2020-11-17T08:05", "2020-11-18"])
        #expect(incident.timeline.map(\.approximate) == [false, true, false])
        #expect(incident.actions.first?.due?.value.description == "2021-01-31")
    }

    @Test func localDateRejectsDaysThatDoNotExist() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2026, month: 0, day: 1) == nil)
    }
}
