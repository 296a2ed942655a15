/// "ASN-SFRO 1 (provisoire)": a severity as pages and reports print it, with its scale's title.
func severityText(_ rating: SeverityRating, scales: [SeverityScale], language: String) -> String {
    let scale = scales.first { $0.id == rating.scale.value }?.title ?? rating.scale.value
    let provisional = rating.provisional ? " (\(Labels.forLanguage(language)["t_provisional"] ?? "provisional"))" : ""
    return "\(scale) \(rating.level.value)\(provisional)"
}

/// Incident → the Mustache context of its page and its report.
struct IncidentContext {
    let incident: Incident
    let handbook: Handbook

    func values() -> [String: Any] {
        let language = incident.language
        let label = { (raw: String) in Labels.value(raw, language: language) }
        let severity = incident.severity.map {
            severityText($0, scales: handbook.settings.severityScales, language: language)
        }
        let timeline = incident.timeline.map { entry -> [String: Any] in
            ["at": entry.at.dayFirst, "approx": entry.approximate, "eventHTML": Markdown.inlineHTML(entry.event)]
        }
        let causes = incident.causes.map { cause -> [String: Any] in
            ["categoryLabel": label(cause.category.rawValue), "textHTML": Markdown.inlineHTML(cause.text)]
        }
        let actions = incident.actions.map { action -> [String: Any] in
            let procedure = action.procedure.flatMap { handbook.procedure($0.value) }
            return [
                "textHTML": Markdown.inlineHTML(action.text),
                "owner": action.owner ?? "—",
                "due": action.due?.dayFirst ?? "—",
                "actionStatus": action.status.rawValue,
                "actionStatusLabel": label(action.status.rawValue),
                "hasProcedure": procedure != nil,
                "procedureID": procedure?.id.value ?? "",
                "procedureTitle": procedure?.title ?? "",
            ]
        }
        let answeredBy = handbook.procedures
            .filter { procedure in procedure.incidents.contains { $0.value == incident.id.value } }
            .map { ["procedureID": $0.id.value, "procedureTitle": $0.title, "procedureVersion": $0.version] }
        return [
            "docID": incident.id.value,
            "docTitle": incident.title,
            "docRevision": incident.revision,
            "docStatus": incident.status.value.rawValue,
            "docStatusLabel": label(incident.status.value.rawValue),
            "hasSource": incident.source != nil, "source": incident.source ?? "",
            "eventClass": incident.eventClass.rawValue,
            "eventClassLabel": label(incident.eventClass.rawValue),
            "occurred": incident.occurred.value.dayFirst,
            "detected": incident.detected?.value.dayFirst ?? "—",
            "systems": incident.systems.isEmpty ? "—" : incident.systems.joined(separator: ", "),
            "patientsAffected": incident.patientsAffected.map(String.init) ?? "—",
            "hasSeverity": severity != nil, "severity": severity ?? "—",
            "synopsisHTML": Markdown.html(incident.synopsis),
            "hasNarrative": incident.narrative != nil, "narrativeHTML": incident.narrative.map(Markdown.html) ?? "",
            "timeline": timeline, "hasTimeline": !timeline.isEmpty,
            "causes": causes, "hasCauses": !causes.isEmpty,
            "actions": actions, "hasActions": !actions.isEmpty,
            "hasRecommendations": incident.recommendations != nil,
            "recommendationsHTML": incident.recommendations.map(Markdown.html) ?? "",
            "hasLessons": incident.lessons != nil, "lessonsHTML": incident.lessons.map(Markdown.html) ?? "",
            "answeredBy": answeredBy, "hasAnsweredBy": !answeredBy.isEmpty,
        ]
    }
}
