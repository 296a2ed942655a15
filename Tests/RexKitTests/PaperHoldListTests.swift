import Foundation
import Testing
@testable import RexKit

/// The paper side of the patient hold list: marks on the log's columns, a blank hold list after a log that
/// names its patients, and the tolerance on the `must_match` check line, in French and in English.
@Suite("Paper: hold list, counter, tolerance")
struct PaperHoldListTests {
    static func checklist(language: String) throws -> (html: String, markdown: String) {
        let text = PatientLogTests.procedure.replacingOccurrences(of: "kind: restore\n",
                                                                   with: "kind: restore\nlanguage: \(language)\n")
        let (renderer, handbook) = try TestHandbook(["procedures/p.yml": text]).renderer()
        let procedure = try #require(handbook.procedure("p"))
        return (try renderer.checklistPage(procedure, standalone: true),
                ChecklistMarkdown(procedure: procedure, handbook: handbook).render())
    }

    @Test func frenchChecklist() throws {
        let (html, markdown) = try Self.checklist(language: "fr")
        #expect(html.contains(#"Fraction n° <span class="column-mark" data-column-mark="counter">= précédent + 1</span>"#))
        #expect(html.contains(#"Patient (ID) <span class="column-mark" data-column-mark="patient">→ liste d&#39;attente</span>"#)
                || html.contains(#"Patient (ID) <span class="column-mark" data-column-mark="patient">→ liste d&#x27;attente</span>"#))
        let hold = try #require(html.firstMatch(of: #/<section class="paper-hold-list" data-paper-hold-list="sessions">(.*?)</section>/#.dotMatchesNewlines()))
        let section = String(hold.output.1)
        #expect(section.contains("Patients en attente — NE PAS TRAITER avant ressaisie et vérification"))
        #expect(section.contains("<th>Patient (ID)</th><th>N° de ligne du registre</th><th>Fraction n°</th><th>Heure</th>"
                                 + "<th>Libéré par (radiophysicien)</th><th>Libéré par (radiothérapeute-oncologue)</th>"))
        #expect(section.components(separatedBy: "<tr><td></td>").count - 1 == LogView.holdListRows)
        // The hold list comes after its log.
        let log = try #require(html.range(of: #"data-paper-log="sessions""#))
        #expect(log.lowerBound < (html.range(of: "data-paper-hold-list")?.lowerBound ?? html.startIndex))
        #expect(html.contains("= BD (1.1) <span class=\"tolerance\">(± 1.5 h)</span> ? □ oui □ non"))
        // A number's tolerance carries no unit here (the field has none).
        #expect(html.contains("(± 0.5)") == false, "log columns print no check line")

        #expect(markdown.contains("Patient (ID) (→ liste d’attente) | Fraction n° (= précédent + 1) | UM"))
        #expect(markdown.contains("## Patients en attente — NE PAS TRAITER avant ressaisie et vérification"))
        #expect(markdown.contains("\\= BD (1.1) (± 1.5 h) ? □ oui □ non"))
    }

    @Test func englishChecklist() throws {
        let (html, markdown) = try Self.checklist(language: "en")
        #expect(html.contains(#"data-column-mark="counter">= previous + 1</span>"#))
        #expect(html.contains(#"data-column-mark="patient">→ hold list</span>"#))
        #expect(html.contains("Patients on hold — DO NOT TREAT before re-entry and verification"))
        #expect(html.contains("<th>Released by (physicist)</th><th>Released by (radiation oncologist)</th>"))
        #expect(markdown.contains("## Patients on hold — DO NOT TREAT before re-entry and verification"))
        #expect(!html.contains("précédent") && !html.contains("Libéré"))
    }

    @Test func noPatientColumnNoHoldList() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let html = try renderer.checklistPage(try #require(handbook.procedure("flow")), standalone: true)
        #expect(html.contains(#"data-paper-log="sessions""#))
        #expect(!html.contains("data-paper-hold-list") && !html.contains("data-column-mark"))
    }

    @Test func numberToleranceCarriesTheUnit() throws {
        let text = PatientLogTests.procedure.replacingOccurrences(
            of: "- { id: fs_day, label: Fichiers jour, type: date, must_match: db_day, tolerance: 2d }",
            with: "- { id: fs_day, label: Fichiers jour, type: date, must_match: db_day }\n"
                + "          - { id: mu, label: UM, type: number, unit: UM }\n"
                + "          - { id: mu_read, label: UM relues, type: number, unit: UM, must_match: mu, tolerance: 2 }")
        let (renderer, handbook) = try TestHandbook(["procedures/p.yml": text]).renderer()
        let html = try renderer.checklistPage(try #require(handbook.procedure("p")), standalone: true)
        #expect(html.contains("<span class=\"tolerance\">(± 2 UM)</span>"))
    }
}
