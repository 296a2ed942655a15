import Foundation
import Testing
@testable import RexKit

/// The whole department on the pages: a run's unit in the runner, the closing step's way to the board, the paper
/// department closing sheet, and the reconciliation board with the model its script reads.
@Suite("Board page")
struct BoardPageTests {
    /// A downtime log with a patient, re-entered after the outage; the last step closes it, for the department.
    static let runProcedure = """
        id: p
        title: Panne du R&V
        kind: downtime
        version: 1
        status: draft
        owner: QA
        when: Le R&V est indisponible.
        logs:
          sessions:
            title: Séances
            columns:
              - { id: patient, label: Patient (ID), type: patient }
              - { id: fraction, label: Fraction n°, type: number, counter: true }
            reconcile:
              - { id: entered, label: Ressaisi par, type: initials }
              - { id: verified, label: Vérifié par, type: initials, distinct_from: entered }
        sections:
          - title: S
            steps:
              - { id: log, do: Consigner., log: sessions }
              - { id: close, do: Clore., requires_reconciled: sessions }
        """

    static let departmentProcedure = runProcedure.replacingOccurrences(of: "sections:", with: "closing: department\nsections:")

    static func renderer(_ procedure: String = departmentProcedure, settings: String = UnitTests.settings) throws
        -> (PageRenderer, Handbook) {
        try TestHandbook(["procedures/p.yml": procedure], settings: settings).renderer()
    }

    static func boardModel(_ page: String) throws -> [String: Any] {
        let json = try #require(page.firstMatch(of: #/<script type="application/json" id="rex-board-model">(.*?)</script>/#))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.output.1.utf8)) as? [String: Any])
    }

    @Test("the runner model carries the units and the closing scope; the start panel asks the unit")
    func runnerAsksTheUnit() throws {
        let (renderer, handbook) = try Self.renderer()
        let page = try renderer.procedurePage(try #require(handbook.procedure("p")))
        let model = try RunnerModelTests.embeddedModel(page)
        let units = try #require(model["units"] as? [[String: String]])
        #expect(units == [["id": "linac-1", "name": "TrueBeam 1"], ["id": "linac-2", "name": "TrueBeam 2"],
                          ["id": "halcyon", "name": "Halcyon"]])
        #expect(model["closing"] as? String == "department")
        #expect(page.contains(#"<select data-run-unit><option value="">— choisir le poste —</option><option value="linac-1">TrueBeam 1</option>"#))
    }

    @Test("without units the runner asks none, and a procedure closes run by run")
    func noUnitsNoQuestion() throws {
        let (renderer, handbook) = try Self.renderer(Self.runProcedure, settings: "name: Manuel de test\n")
        let page = try renderer.procedurePage(try #require(handbook.procedure("p")))
        #expect(!page.contains("data-run-unit"))
        #expect(!page.contains("data-board-link"))
        let model = try RunnerModelTests.embeddedModel(page)
        #expect(model["closing"] as? String == "run")
        #expect((model["units"] as? [Any])?.isEmpty == true)
        #expect(!(try renderer.indexPage()).contains("reconcile.html"))
    }

    @Test("the closing step links to the board; the index too; the board embeds the department's procedures")
    func boardIsReachable() throws {
        let (renderer, handbook) = try Self.renderer()
        let page = try renderer.procedurePage(try #require(handbook.procedure("p")))
        #expect(page.contains(#"<a href="../reconcile.html" data-board-link>Clôture du service : tableau de réconciliation (tous les postes)</a>"#))
        #expect(try renderer.indexPage().contains(#"<a href="reconcile.html" data-board-link>"#))
        let board = try renderer.boardPage()
        #expect(board.contains("<h1>Tableau de réconciliation — arrêt du R&amp;V, tout le service</h1>"))
        #expect(board.contains(#"<input type="file" multiple accept="application/json,.json" data-import-runs>"#))
        #expect(board.contains(#"<option value="p">"#))
        let model = try Self.boardModel(board)
        #expect(model["handbook"] as? String == "manuel-de-test")
        #expect((model["units"] as? [[String: String]])?.map { $0["id"] ?? "" } == ["linac-1", "linac-2", "halcyon"])
        let procedures = try #require(model["procedures"] as? [[String: Any]])
        #expect(procedures.map { $0["procedure"] as? String } == ["p"])
        for script in ["runner-core.js", "board-core.js", "board-exchange.js", "board-listen.js"] {
            #expect(board.contains(#"<script src="assets/\#(script)"></script>"#))
        }
    }

    @Test("the paper checklist ends with the department closing sheet: one line per unit, signatures")
    func departmentSheet() throws {
        let (renderer, handbook) = try Self.renderer()
        let checklist = try renderer.checklistPage(try #require(handbook.procedure("p")))
        #expect(checklist.contains("Clôture de l&#39;arrêt pour le service — tous les postes de traitement"))
        for unit in ["linac-1\"><td>TrueBeam 1", "linac-2\"><td>TrueBeam 2", "halcyon\"><td>Halcyon"] {
            #expect(checklist.contains("<tr data-department-unit=\"\(unit)</td>"))
        }
        #expect(checklist.contains("→ Clôture du service : feuille de clôture de l&#39;arrêt (tous les postes)"))
        let markdown = ChecklistMarkdown(procedure: try #require(handbook.procedure("p")), handbook: handbook).render()
        #expect(markdown.contains("## Clôture de l’arrêt pour le service — tous les postes de traitement"))
        #expect(markdown.contains("  - TrueBeam 1 : □ Registre rendu ou déroulé importé □ Non concerné : raison"))
        let plain = try Self.renderer(Self.runProcedure)
        #expect(!(try plain.0.checklistPage(try #require(plain.1.procedure("p")))).contains("data-department-sheet"))
    }
}
