import Foundation
import Testing
@testable import RexKit

/// Text written to show escaping: every plain-text field holds markup characters, every Markdown
/// field holds a script, an event handler and `javascript:` links.
let hostileProcedure = """
    id: p
    title: <b>"x" & y</b>
    kind: restore
    version: 2
    status: draft
    owner: QA
    when: Quand le serveur tombe. <script>alert('when')</script>
    roles:
      ict: ICT <i>de garde</i>
    logs:
      sessions:
        title: Séances <du> jour
        columns:
          - { id: patient, label: "Patient <ID>", type: text }
        reconcile:
          - { id: entered, label: Ressaisi, type: initials }
    sections:
      - title: Avant & après
        steps:
          - id: a
            role: ict
            do: "Cliquer [ici](javascript:alert(1)) puis <script>alert(1)</script> et <img src=x onerror=alert(2)>."
            caution: "[Lien](JAVASCRIPT:alert(3)) et <javascript:alert(4)>"
            record:
              - { id: v, label: "Valeur <x> & y", type: number, unit: Gy }
          - id: b
            ask: Identiques ?
            choices:
              - { answer: "Oui <b>", goto: c }
              - { answer: Non, goto: end }
          - id: c
            do: Consigner.
            log: sessions
    """

/// A procedure whose flow shows every way a step leads on: decisions, jumps, the end.
let flowProcedure = """
    id: flow
    title: Reprise du R&V
    kind: downtime
    version: 2
    status: draft
    owner: QA
    when: Le R&V est indisponible.
    roles: { rtt: Technologue }
    logs:
      sessions:
        title: Séances
        columns:
          - { id: patient, label: Patient, type: text }
        reconcile:
          - { id: entered, label: Ressaisi par, type: initials }
    sections:
      - title: Avant
        steps:
          - id: a
            role: rtt
            do: Relever la dose.
            record:
              - { id: dose, label: Dose délivrée, type: number, unit: Gy }
              - { id: at, label: Heure, type: time, required: false }
          - id: q
            ask: Le R&V répond-il ?
            choices:
              - { answer: Oui, goto: d }
              - { answer: Non, goto: b }
              - { answer: Abandon, goto: end }
      - title: Pendant
        steps:
          - id: b
            do: Consigner chaque séance.
            log: sessions
            goto: d
          - id: c
            do: Clôturer.
            goto: end
          - id: d
            do: Vérifier la ressaisie.
            requires_reconciled: sessions
            double_check: true
            goto: c
    """

/// The part of a page that belongs to one step: from its `data-step` element to the next step's.
func stepChunk(_ html: String, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Substring {
    let start = try #require(html.range(of: "data-step=\"\(id)\""), "no step '\(id)'", sourceLocation: sourceLocation)
    let rest = html[start.upperBound...]
    let end = rest.range(of: "data-step=\"")?.lowerBound ?? rest.endIndex
    return rest[..<end]
}

/// Every `<script …>` opening tag of a page.
func scriptTags(_ html: String) -> [String] {
    html.matches(of: #/<script\b[^>]*>/#.ignoresCase()).map { String($0.output) }
}

@Suite("Rendering")
struct RenderingTests {
    @Test func plainTextIsEscapedInEveryPage() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/p.yml": hostileProcedure]).renderer()
        let procedure = try #require(handbook.procedure("p"))
        for page in [try renderer.procedurePage(procedure), try renderer.checklistPage(procedure),
                     try renderer.checklistPage(procedure, standalone: true)] {
            #expect(page.contains("<h1>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</h1>"))
            #expect(page.contains("<title>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt; — Manuel de test</title>"))
            #expect(!page.contains("<b>\"x\""))
            #expect(page.contains("ICT &lt;i&gt;de garde&lt;/i&gt;"))
            #expect(!page.contains("<i>de garde"))
            #expect(page.contains("Valeur &lt;x&gt; &amp; y"))
            #expect(page.contains("Avant &amp; après"))
            #expect(page.contains("Séances &lt;du&gt; jour"))
            #expect(page.contains("Patient &lt;ID&gt;"))
            #expect(page.contains("Oui &lt;b&gt;"))
        }
        let index = try renderer.indexPage()
        #expect(index.contains("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"))
        #expect(!index.contains("<b>\"x\""))
    }

    @Test func markdownCannotInjectScriptsOrJavascriptLinks() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/p.yml": hostileProcedure]).renderer()
        let procedure = try #require(handbook.procedure("p"))
        for page in [try renderer.procedurePage(procedure), try renderer.checklistPage(procedure),
                     try renderer.checklistPage(procedure, standalone: true)] {
            #expect(page.firstMatch(of: #/(href|src|action)\s*=\s*"?\s*(javascript|vbscript|data):/#.ignoresCase()) == nil)
            #expect(!page.contains("onerror"))
            #expect(!page.contains("alert('when')</script>"))
            #expect(!page.contains("<script>alert"))
            // Only the site's own scripts and the runner's JSON data.
            for tag in scriptTags(page) {
                #expect(tag.contains("src=\"../assets/") || tag.contains("type=\"application/json\""), "\(tag)")
            }
        }
        let page = try renderer.procedurePage(procedure)
        #expect(page.contains("<a href=\"\">ici</a>"))
        #expect(page.contains("<a href=\"\">Lien</a>"))
        // The runner's JSON cannot close its script element.
        let json = try #require(page.firstMatch(of: #/<script type="application/json" id="rex-run-model">(.*?)</script>/#))
        #expect(!json.output.1.contains("<"))
        #expect(json.output.1.contains(#"\u003cb\u003e"#))
    }

    @Test func decisionsJumpsEndAndNumberingOnTheProcedurePage() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let procedure = try #require(handbook.procedure("flow"))
        let page = try renderer.procedurePage(procedure)
        #expect(page.contains("data-procedure=\"flow\" data-version=\"2\" data-revision=\"\(procedure.revision)\""))
        let numbers = page.matches(of: #/class="step-number">([0-9.]+)</#).map { String($0.output.1) }
        #expect(numbers == ["1.1", "1.2", "2.1", "2.2", "2.3"])

        let decision = try stepChunk(page, "q")
        #expect(decision.contains("data-goto=\"d\""))
        #expect(decision.contains("data-goto=\"b\""))
        #expect(decision.contains("data-goto=\"end\""))
        #expect(decision.contains("→ aller à 2.3"))
        #expect(decision.contains("→ aller à 2.1"))
        #expect(decision.contains("■ FIN DE LA PROCÉDURE"))
        #expect(decision.matches(of: #/<button[^>]*data-goto=/#).count == 3)
        #expect(!decision.contains("data-action=\"done\""))

        #expect(try !stepChunk(page, "a").contains("aller à"))
        #expect(try !stepChunk(page, "a").contains("FIN"))
        #expect(try stepChunk(page, "b").contains("→ aller à 2.3"))
        #expect(try stepChunk(page, "c").contains("■ FIN DE LA PROCÉDURE"))
        #expect(try !stepChunk(page, "c").contains("aller à"))
        #expect(try stepChunk(page, "d").contains("→ aller à 2.2"))
        #expect(try stepChunk(page, "d").contains("data-second-initials"))
        #expect(try stepChunk(page, "d").contains("data-requires-reconciled=\"sessions\""))
        #expect(page.contains("data-log=\"sessions\""))
        #expect(page.contains("id=\"log-sessions\""))
    }

    @Test func decisionsJumpsEndAndNumberingOnThePrintedChecklist() throws {
        let (renderer, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let page = try renderer.checklistPage(try #require(handbook.procedure("flow")), standalone: true)
        let numbers = page.matches(of: #/class="step-number">([0-9.]+)</#).map { String($0.output.1) }
        #expect(numbers == ["1.1", "1.2", "2.1", "2.2", "2.3"])
        // Each answer in its own paragraph with where it leads.
        let answers = try stepChunk(page, "q").components(separatedBy: "<p").filter { $0.contains("→") }
        #expect(answers.count == 3)
        #expect(answers.contains { $0.contains("Oui") && $0.contains("→ aller à 2.3") })
        #expect(answers.contains { $0.contains("Non") && $0.contains("→ aller à 2.1") })
        #expect(answers.contains { $0.contains("Abandon") && $0.contains("→ ■ FIN DE LA PROCÉDURE") })
        #expect(try stepChunk(page, "b").contains("→ aller à 2.3"))
        #expect(try stepChunk(page, "c").contains("■ FIN DE LA PROCÉDURE"))
        #expect(try stepChunk(page, "d").contains("→ aller à 2.2"))
        // A standalone page carries no script at all and no link to a stylesheet.
        #expect(scriptTags(page) == [])
        #expect(!page.contains("<link"))
    }

    @Test func checklistMarkdownHasItemsBlanksGotosAndTheEnd() throws {
        let (_, handbook) = try TestHandbook(["procedures/flow.yml": flowProcedure]).renderer()
        let procedure = try #require(handbook.procedure("flow"))
        let markdown = ChecklistMarkdown(procedure: procedure, handbook: handbook).render()
        let lines = markdown.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == #"# Reprise du R\&V"#)
        #expect(lines.contains { $0.contains("**Version** 2") && $0.contains(procedure.revision) })
        let steps = try #require(lines.firstIndex { $0.hasPrefix("- [ ] **1.1**") })
        let logs = try #require(lines.firstIndex { $0.hasPrefix("## Registre") })
        #expect(Array(lines[steps..<logs]).filter { !$0.isEmpty } == [
            #"- [ ] **1.1** \[rtt\] Relever la dose."#,
            #"- Dose délivrée : \_\_\_\_\_\_\_\_\_\_ Gy"#,
            #"- Heure : \_\_:\_\_ (facultatif)"#,
            #"- [ ] **1.2** Le R\&V répond-il ?"#,
            "- Si « Oui » → aller à 2.3",
            "- Si « Non » → aller à 2.1",
            "- Si « Abandon » → ■ FIN DE LA PROCÉDURE",
            #"## 2\. Pendant — LIRE-FAIRE"#,
            "- [ ] **2.1** Consigner chaque séance.",
            "- Registre : Séances",
            "- → aller à 2.3",
            "- [ ] **2.2** Clôturer.",
            "- ■ FIN DE LA PROCÉDURE",
            "- [ ] **2.3** Vérifier la ressaisie.",
            "- Bloquant : chaque ligne du registre doit être ressaisie et vérifiée (Séances)",
            #"- Fait par \[\_\_\_\_\] / Vérifié par \[\_\_\_\_\]"#,
            "- → aller à 2.2",
        ])
        #expect(lines[logs] == "## Registre : Séances")
    }

    @Test func plainTextStaysTextInMarkdownOutputs() throws {
        let incident = """
            id: rex-x
            title: <b>"x" & y</b>
            event_class: near-miss
            occurred: 2024-05-02
            status: closed
            synopsis: S
            """
        let (_, handbook) = try TestHandbook(["procedures/p.yml": hostileProcedure, "incidents/rex-x.yml": incident])
            .renderer()
        // Rendered back through cmark, the Markdown shows the same words as the HTML page (markup stays
        // text; quotes get the same smart punctuation as every Markdown text).
        let checklist = Markdown.html(ChecklistMarkdown(procedure: try #require(handbook.procedure("p")),
                                                        handbook: handbook).render())
        #expect(checklist.hasPrefix("<h1>&lt;b&gt;“x” &amp; y&lt;/b&gt;</h1>"), "\(checklist.prefix(80))")
        #expect(checklist.contains("ICT &lt;i&gt;de garde&lt;/i&gt;"))
        #expect(checklist.contains("Valeur &lt;x&gt; &amp; y"))
        #expect(checklist.contains("Oui &lt;b&gt;"))
        #expect(checklist.contains("Patient &lt;ID&gt;"))
        let report = Markdown.html(ReportMarkdown(incident: try #require(handbook.incident("rex-x")),
                                                  handbook: handbook).render())
        #expect(report.hasPrefix("<h1>&lt;b&gt;“x” &amp; y&lt;/b&gt;</h1>"), "\(report.prefix(80))")
    }

    @Test func reportMarkdownFollowsTheREXOrder() throws {
        let incident = """
            id: rex-x
            title: Désynchronisation d'ARIA
            source: AFCN — REX 3 - 2020
            event_class: therapeutic-radiation-incident
            occurred: 2020-11-16T15:42
            status: closed
            severity: { scale: asn-sfro, level: 2+, provisional: true }
            synopsis: Une journée effacée.
            narrative: Le serveur est restauré.
            actions:
              - { text: Écrire la procédure, status: done, owner: ICT, due: 2021-01-31, procedure: ok }
            recommendations: Consigner chaque action.
            lessons: Restaurer au même point.
            """
        let (_, handbook) = try Sample.handbook(["incidents/rex-x.yml": incident]).renderer()
        let report = ReportMarkdown(incident: try #require(handbook.incident("rex-x")), handbook: handbook).render()
        let headings = report.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings == ["# Désynchronisation d’ARIA", "## Résumé", "## Déroulement de l’incident",
                             "## Actions correctrices", "## Recommandations", "## Enseignements", "## Fiche structurée"])
        #expect(report.contains("Écrire la procédure — *Réalisée*, ICT, échéance 31/01/2021 → Procédure correcte (ok)"))
        #expect(report.contains("ASN-SFRO 2+ (provisoire)"))
        #expect(report.contains("16/11/2020 15:42"))
    }
}
