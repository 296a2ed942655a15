import Foundation
import Testing
@testable import RexKit

/// An external REX shows the source's words apart from the department's own analysis and actions, on the page,
/// the printable report and the Markdown report alike.
@Suite("REX origin: whose words")
struct IncidentOriginTests {
    static let external = """
        id: rex-x
        title: Désynchronisation
        origin: external
        source: AFCN — REX 3 - 2020
        quoted:
          narrative: |
            Le lundi 16/11/2020 à 15h42, le service informatique a reçu un message.
          actions:
            - L'ICT a ajusté les procédures de maintenance des serveurs ;
            - D'autres procédures d'urgence sont développées avec l'ICT et Varian.
          recommendations: Discuter de l'incident avec le fournisseur.
        event_class: therapeutic-radiation-incident
        occurred: 2020-11-16T15:42
        detected: { at: 2020-11-18, approx: true }
        status: actions-open
        severity: { scale: asn-sfro, level: "1", note: Une fraction de plus hors du boost. }
        synopsis: Une journée effacée.
        timeline:
          - { at: 2020-11-16T15:42, event: Message reçu. }
          - { at: 2020-11-18, approx: true, event: Fraction supplémentaire. }
        analysis: Le double contrôle ne voit pas une ligne jamais saisie.
        causes:
          - { category: procedure, text: Capture d'écran du planning. }
          - { category: software, text: Plan difficile à ouvrir., contributing: true }
        actions:
          - { text: Revue datée avec Varian et l'ICT, status: planned, owner: Qualité, due: 2027-02-26, procedure: ok }
        lessons: Restaurer au même point.
        followed: [ok]
        """

    private func handbook() throws -> (PageRenderer, Handbook) {
        try Sample.handbook(["incidents/rex-x.yml": Self.external]).renderer()
    }

    @Test func theLoadedRecordKeepsTheSourceApart() throws {
        let (_, handbook) = try handbook()
        let incident = try #require(handbook.incident("rex-x"))
        #expect(incident.origin.value == .external)
        #expect(incident.quoted?.actions.count == 2)
        #expect(incident.detected?.value.description == "2020-11-18" && incident.detectedApproximate)
        #expect(!incident.occurredApproximate)
        #expect(incident.causes.map(\.contributing) == [false, true])
        #expect(incident.severity?.ratedBy == .department)
        #expect(incident.followed.map(\.value) == ["ok"])
    }

    @Test func thePageQuotesTheSourceThenGivesTheDepartmentsPart() throws {
        let (renderer, handbook) = try handbook()
        let page = try renderer.incidentPage(try #require(handbook.incident("rex-x")))
        let source = try #require(page.range(of: #"<section class="source-text" data-part="source">"#))
        let department = try #require(page.range(of: #"<section class="department" data-part="department">"#))
        #expect(source.lowerBound < department.lowerBound)
        let quotedPart = String(page[source.upperBound..<department.lowerBound])
        #expect(quotedPart.contains("<h2>Texte de la source, cité tel que publié — AFCN — REX 3 - 2020</h2>"))
        #expect(quotedPart.contains("<blockquote><p>Le lundi 16/11/2020 à 15h42"))
        #expect(quotedPart.contains("<h3>Actions correctrices rapportées par la source (celles de l&#39;établissement concerné, pas les nôtres)</h3>"))
        #expect(quotedPart.contains("L’ICT a ajusté les procédures de maintenance des serveurs ;"))
        #expect(!quotedPart.contains("Revue datée"), "the department's action is not in the source's part")
        let departmentPart = String(page[department.upperBound...])
        for expected in ["<h2>Analyse et actions de notre service</h2>", "<h3>Analyse du service</h3>",
                         "<h3>Causes et facteurs contributifs (analyse du service, non publiée par la source)</h3>",
                         "<strong>Logiciel</strong> · facteur contributif", "<h3>Actions du service</h3>",
                         "Revue datée avec Varian et l’ICT", "<td>26/02/2027</td>", "<td>Prévue</td>"] {
            #expect(departmentPart.contains(expected), "\(expected)")
        }
        #expect(page.contains("<h2>Résumé (rédigé par le service)</h2>"))
        #expect(page.contains("data-origin-notice>REX externe : l&#39;événement est survenu dans un autre établissement"))
        #expect(page.contains("ASN-SFRO 1 — estimation du service<br>Une fraction de plus hors du boost."))
        #expect(page.contains("<dt>Détecté le</dt><dd>18/11/2020 (approx.)</dd>"))
        #expect(page.contains("<dd>Externe (événement d&#39;un autre établissement)</dd>"))
        #expect(page.contains("<h3>Chronologie établie par le service à partir de la source"))
        #expect(page.contains("<h3>Procédures suivies pendant l&#39;événement</h3>"))
        #expect(page.contains(#"<a href="../procedures/ok.html">Procédure correcte</a> (v1)"#))
    }

    @Test func theMarkdownReportHasTheSameParts() throws {
        let (_, handbook) = try handbook()
        let report = ReportMarkdown(incident: try #require(handbook.incident("rex-x")), handbook: handbook).render()
        let headings = report.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings == [
            "# Désynchronisation", "## Résumé (rédigé par le service)",
            "## Texte de la source, cité tel que publié — AFCN — REX 3 - 2020",
            "### Déroulement de l’incident",
            "### Actions correctrices rapportées par la source (celles de l’établissement concerné, pas les nôtres)",
            "### Recommandations", "## Analyse et actions de notre service", "### Analyse du service",
            "### Causes et facteurs contributifs (analyse du service, non publiée par la source)",
            "### Actions du service", "### Enseignements", "## Fiche structurée",
            "### Chronologie établie par le service à partir de la source (approx. : date ou heure estimée, non publiée)",
            "### Procédures suivies pendant l’événement",
        ])
        #expect(report.contains(">   - L’ICT a ajusté les procédures de maintenance des serveurs ;"))
        #expect(report.contains("> Le lundi 16/11/2020 à 15h42"))
        #expect(report.contains("  - **Gravité** : ASN-SFRO 1 — estimation du service — Une fraction de plus hors du boost."))
        #expect(report.contains("  - **Détecté le** : 18/11/2020 (approx.)"))
        #expect(report.contains("  - **Logiciel** · facteur contributif — Plan difficile à ouvrir."))
    }

    @Test func anInternalRecordReadsAsBefore() throws {
        let (renderer, handbook) = try Sample.handbook([:]).renderer()
        let incident = try #require(handbook.incidents.first)
        #expect(incident.origin.value == .internal)
        let page = try renderer.incidentPage(incident)
        #expect(page.contains("<h2>Résumé</h2>"))
        #expect(!page.contains("data-part=\"source\"") && !page.contains("data-origin-notice"))
        #expect(!page.contains("estimation du service"))
    }
}
