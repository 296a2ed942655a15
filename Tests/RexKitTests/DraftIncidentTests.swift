import Foundation
import Testing
@testable import RexKit

/// `rex draft-incident`: the runs the step runner exported (Fixtures/runs/) become a draft REX that validates as
/// written, whose timeline holds the overrides, refusals and voids with their reasons, and that renders.
@Suite("Draft REX from runs")
struct DraftIncidentTests {
    static let today = LocalDate(year: 2026, month: 12, day: 2)!

    /// A copy of the runner's test handbook in a new temporary folder.
    private func runnerHandbook() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appending(path: "rex-draft-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "Tests/fixtures/runner-handbook"), to: copy)
        return copy
    }

    /// The shipped handbook's settings, procedures and REX, copied to a new temporary folder (other files that
    /// may sit in the repository while they are written stay out).
    private func shippedHandbook() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appending(path: "rex-draft-\(UUID().uuidString)")
        for folder in ["procedures", "incidents"] {
            try FileManager.default.createDirectory(at: copy.appending(path: folder), withIntermediateDirectories: true)
        }
        for file in ["rex.yml", "procedures/aria-restore.yml", "procedures/rv-downtime.yml",
                     "procedures/ict-maintenance-serveurs-rt.yml", "incidents/rex-2020-03.yml"] {
            try FileManager.default.copyItem(at: repositoryRoot.appending(path: file), to: copy.appending(path: file))
        }
        return copy
    }

    private func fixture(_ name: String) -> String { RunDecoderTests.fixture(name) }

    private func draft(_ root: URL, _ runs: [String], id: String = "rex-2026-07", out: String? = nil) throws
        -> IncidentDrafting.Outcome {
        try IncidentDrafting.run(root: root, runPaths: runs, id: id, out: out, today: Self.today)
    }

    @Test func aCompleteRunBecomesADraftThatValidatesAndRenders() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try draft(root, [fixture("runner-demo-complete.json")])
        #expect(outcome.exitCode == 0 && outcome.diagnostics.isEmpty && outcome.written == "incidents/rex-2026-07.yml")
        let loaded = try HandbookLoader.load(root: root).checked(today: Self.today)
        #expect(loaded.diagnostics.map(\.description) == [], "the draft validates as written, without a warning")
        let incident = try #require(loaded.handbook.incident("rex-2026-07"))
        #expect(incident.origin.value == .internal && incident.status.value == .draft)
        #expect(incident.followed.map(\.value) == ["runner-demo"])
        #expect(incident.causes.isEmpty && incident.actions.isEmpty)
        #expect(incident.narrative?.hasPrefix("À compléter par le coordinateur qualité") == true)
        let events = incident.timeline.map(\.event)
        #expect(events.first?.hasPrefix("Début du déroulé « Déroulé de test — restauration et registre » (version 4), "
                                        + "poste non indiqué, par AB") == true)
        #expect(events.contains("Étape 1.3 (fs-point) passée outre (AB) malgré : « Sauvegarde serveur de fichiers » = "
                                + "03/03/2025 21:00, « Sauvegarde base de données » = 04/03/2025 21:00. Raison : « Varian "
                                + "confirme : seule la BD du 04/03 existe (ticket 123) »."))
        #expect(events.contains { $0.contains("ligne 4 (P-001, Fraction n° 5) ajoutée (AB) malgré un refus : patient en "
                                              + "attente (ligne 1) ; écart de compteur (ligne 1, attendu : 4). Raison : "
                                              + "« Fraction 4 délivrée hier en mode dégradé, fiche papier n° 12 »") })
        #expect(events.contains { $0.contains("ligne 2 (P-002, Fraction n° 12) annulée (AB). Raison : « Patient P-002 non "
                                              + "traité : séance reportée »") })
        #expect(events.contains { $0.contains("Étape 1.1 (identify) corrigée (AB) : « Patients du jour » : « 12 » remplacé "
                                              + "par « 14 »") })
        #expect(events.contains("Étape 3.1 (close) validée (CD, 2e : EF)."))
        #expect(events.contains("Relève : CD remplace AB."))
        #expect(events.last == "Fin du déroulé : procédure terminée.")
        #expect(incident.synopsis.contains("poste non indiqué (déroulé mx630ls8-52a7zq) — registre « Séances délivrées "
                                           + "pendant l'arrêt » : 4 ligne(s), dont 1 annulée(s) ; 3 complétée(s) (Ressaisi "
                                           + "par, Vérifié par), 0 en attente."))
        let renderer = PageRenderer(handbook: loaded.handbook, templates: try TemplateSet.builtIn(), today: Self.today)
        let page = try renderer.reportPage(incident)
        #expect(page.contains("Varian confirme : seule la BD du 04/03 existe (ticket 123)"))
        #expect(page.contains(#"<a href="procedures/runner-demo.html">Déroulé de test — restauration et registre</a>"#))
        #expect(ReportMarkdown(incident: incident, handbook: loaded.handbook).render().contains("ticket 123"))
    }

    @Test func theShippedDowntimeRunDraftsAgainstTheShippedHandbook() throws {
        let root = try shippedHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try draft(root, [fixture("rv-downtime-seed-path.json")], out: "-")
        #expect(outcome.exitCode == 0 && outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let text = try #require(outcome.text)
        let handbook = try HandbookLoader.load(root: root).checked(today: Self.today).handbook
        #expect(IncidentDrafting.validate(text, id: "rex-2026-07", handbook: handbook, today: Self.today) == [])
        #expect(text.contains("followed: [rv-downtime]"))
        #expect(text.contains("« Libéré par le radiophysicien » : PH, « Libéré par le radiothérapeute-oncologue » : DR"))
        #expect(text.contains("Étape 4.4 (add-erased)") == false, "an ordinary step done is not in the timeline")
        #expect(text.contains("Étape 5.2 (afcn) : réponse « Non, hors critères » (RT)."))
        #expect(text.contains("ajoutée (RT) malgré un refus : patient en attente (ligne 1) ; écart de compteur (ligne 1, "
                              + "attendu : 18). Raison : « Séance du 16/11 effacée par la restauration"))
        #expect(text.contains("registre « Patients bloqués (ressaisie reportée) et leur libération » : 1 ligne(s), dont 0 "
                              + "annulée(s) ; 1 complétée(s) (Libéré par le radiophysicien, Libéré par le "
                              + "radiothérapeute-oncologue), 0 en attente."))
        #expect(text.contains("registre « Contrôle du compteur à la séance suivante » : 1 ligne(s), dont 0 annulée(s)."))
        #expect(!text.contains("ligne 1 (PAT-0412) inscrite"), "a row of a log that counts no fractions is never 'late'")
        #expect(text.contains("ligne 3 (PAT-0777, Fraction n° (plan / phase) 9) inscrite (RT) 15 j 3 h 38 min après la "
                              + "séance qu'elle décrit (17/11/2026 09:30)."))
    }

    @Test func nothingIsWrittenWhenARunIsBadOrDoesNotBelong() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let bad = root.appending(path: "bad.json")
        try Data(#"{"format": "rex-run", "events": [}"#.utf8).write(to: bad)
        let outcome = try draft(root, [fixture("runner-demo-complete.json"), bad.path])
        #expect(outcome.exitCode == 2 && outcome.written == nil)
        #expect(outcome.diagnostics.map(\.description) == [
            "\(bad.path):1:34: error: JSON: unexpected '}' where a value was expected [json-syntax]",
        ])
        let mixed = try draft(root, [fixture("runner-demo-complete.json"), fixture("runner-demo-drill.json")])
        #expect(mixed.exitCode == 2 && mixed.diagnostics.map(\.rule) == ["run-drill"])
        let other = try draft(root, [fixture("rv-downtime-seed-path.json")])
        #expect(other.exitCode == 2 && other.diagnostics.map(\.rule) == ["run-handbook"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "incidents").path) == ["rex-test-01.yml"])
    }

    @Test func anIdTakenOrInvalidAndAnExistingFileAreRefused() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = fixture("runner-demo-drill.json")
        #expect(throws: EnvironmentError.self) { try draft(root, [run], id: "rex-test-01") }
        #expect(throws: EnvironmentError.self) { try draft(root, [run], id: "REX 1") }
        let existing = root.appending(path: "draft.yml")
        try Data("mine\n".utf8).write(to: existing)
        #expect(throws: EnvironmentError.self) { try draft(root, [run], out: existing.path) }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "mine\n", "an existing file is never replaced")
        let drill = try draft(root, [run], out: root.appending(path: "elsewhere/drill.yml").path)
        #expect(drill.exitCode == 0)
        let text = try String(contentsOf: root.appending(path: "elsewhere/drill.yml"), encoding: .utf8)
        #expect(text.contains(#"title: "À compléter — Déroulé de test — restauration et registre (02/12/2026) — exercice""#))
    }

    @Test func aHandbookWithErrorsDraftsNothing() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("id: broken\n".utf8).write(to: root.appending(path: "procedures/broken.yml"))
        let outcome = try draft(root, [fixture("runner-demo-complete.json")])
        #expect(outcome.exitCode == 1 && outcome.written == nil && !outcome.diagnostics.isEmpty)
    }

    /// Characters YAML may not hold as written (U+FFFE, U+FFFF, outside its printable set though not controls) are
    /// written as escapes, so a run whose reason holds one still gives a draft, which reads back with them.
    @Test func charactersOutsideYAMLsPrintableSetAreEscaped() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        var json = try String(contentsOfFile: fixture("runner-demo-complete.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "seule la BD du 04/03 existe", with: #"seule la BD\ufffe du 04/03\uffff existe"#)
        let file = root.appending(path: "nonchar.json")
        try Data(json.utf8).write(to: file)
        let outcome = try draft(root, [file.path])
        #expect(outcome.exitCode == 0, "\(outcome.diagnostics)")
        let loaded = try HandbookLoader.load(root: root).checked(today: Self.today)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let incident = try #require(loaded.handbook.incident("rex-2026-07"))
        #expect(incident.timeline.map(\.event).contains { $0.contains("seule la BD\u{FFFE} du 04/03\u{FFFF} existe") })
    }

    /// Whatever a run's texts hold — YAML syntax, Markdown, HTML, line separators, placeholders — the draft reads
    /// back as the same words, and the report shows them as text.
    @Test func hostileTextsStayText() throws {
        let root = try runnerHandbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let hostile = "\"\n- evil: yes # <script>alert(1)</script> **gras** [x](javascript:alert(2)) {1} \u{2028}fin\\"
        var json = try String(contentsOfFile: fixture("runner-demo-complete.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "Varian confirme : seule la BD du 04/03 existe (ticket 123)",
                                         with: String(String(data: try JSONSerialization.data(withJSONObject: [hostile]),
                                                                 encoding: .utf8)!.dropFirst(2).dropLast(2)))
        let file = root.appending(path: "hostile.json")
        try Data(json.utf8).write(to: file)
        let outcome = try draft(root, [file.path])
        #expect(outcome.exitCode == 0, "\(outcome.diagnostics)")
        let loaded = try HandbookLoader.load(root: root).checked(today: Self.today)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let incident = try #require(loaded.handbook.incident("rex-2026-07"))
        let override = try #require(incident.timeline.map(\.event).first { $0.contains("passée outre") })
        #expect(override.contains(##"Raison : « " - evil: yes \# \<script\>alert(1)\</script\> \*\*gras\*\* \[x\](javascript:alert(2)) {1}  fin\\ »"##))
        let renderer = PageRenderer(handbook: loaded.handbook, templates: try TemplateSet.builtIn(), today: Self.today)
        let page = try renderer.reportPage(incident)
        #expect(!page.contains("<script>alert") && !page.contains("href=\"javascript") && !page.contains("<strong>gras"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; **gras**"))
    }
}
