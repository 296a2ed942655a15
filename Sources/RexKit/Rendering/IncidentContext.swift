/// "ASN-SFRO 1 (provisoire) — estimation du service": a severity as pages and reports print it, with its scale's
/// title and, on an external record (or when the source gave it), who gave the level.
func severityText(_ rating: SeverityRating, scales: [SeverityScale], language: String, origin: IncidentOrigin = .internal) -> String {
    let words = Labels.forLanguage(language)
    let scale = scales.first { $0.id == rating.scale.value }?.title ?? rating.scale.value
    let provisional = rating.provisional ? " (\(words["t_provisional"] ?? "provisional"))" : ""
    let rater = switch (origin, rating.ratedBy) {
    case (_, .source): " — \(words["t_ratedBySource"] ?? "")"
    case (.external, .department): " — \(words["t_ratedByDepartment"] ?? "")"
    case (.internal, .department): ""
    }
    return "\(scale) \(rating.level.value)\(provisional)\(rater)"
}

/// "18/11/2020 (approx.)": a date that may be an estimate.
func datedText(_ value: LocalDateTime, approximate: Bool, language: String) -> String {
    approximate ? "\(value.dayFirst) (\(Labels.forLanguage(language)["t_approx"] ?? "approx."))" : value.dayFirst
}

/// Incident → the Mustache context of its page and its report. An external record's page keeps the source's
/// words (`quoted…`) apart from the department's own analysis and actions (`department…`).
struct IncidentContext {
    let incident: Incident
    let handbook: Handbook

    func values() -> [String: Any] {
        let language = incident.language
        let label = { (raw: String) in Labels.value(raw, language: language) }
        let external = incident.origin.value == .external
        let severity = incident.severity.map {
            severityText($0, scales: handbook.settings.severityScales, language: language, origin: incident.origin.value)
        }
        let timeline = incident.timeline.map { entry -> [String: Any] in
            ["at": entry.at.dayFirst, "atISO": entry.at.description, "approx": entry.approximate,
             "eventHTML": Markdown.inlineHTML(entry.event)]
        }
        let causes = incident.causes.map { cause -> [String: Any] in
            ["categoryLabel": label(cause.category.rawValue), "contributing": cause.contributing,
             "textHTML": Markdown.inlineHTML(cause.text)]
        }
        let answeredBy = handbook.procedures
            .filter { procedure in procedure.incidents.contains { $0.value == incident.id.value } }
            .map { ["procedureID": $0.id.value, "procedureTitle": $0.title, "procedureVersion": $0.version] }
        let quoted = incident.quoted ?? QuotedSource(narrative: nil, actions: [], recommendations: nil,
                                                     location: incident.id.location)
        var values: [String: Any] = [
            "docID": incident.id.value,
            "docTitle": incident.title,
            "docRevision": incident.revision,
            "docStatus": incident.status.value.rawValue,
            "docStatusLabel": label(incident.status.value.rawValue),
            "hasSource": incident.source != nil, "source": incident.source ?? "",
            "origin": incident.origin.value.rawValue, "originLabel": label(incident.origin.value.rawValue),
            "external": external, "internal": !external,
            "eventClass": incident.eventClass.rawValue,
            "eventClassLabel": label(incident.eventClass.rawValue),
            "occurred": datedText(incident.occurred.value, approximate: incident.occurredApproximate, language: language),
            "detected": incident.detected.map {
                datedText($0.value, approximate: incident.detectedApproximate, language: language)
            } ?? "—",
            "systems": incident.systems.isEmpty ? "—" : incident.systems.joined(separator: ", "),
            "patientsAffected": incident.patientsAffected.map(String.init) ?? "—",
            "hasSeverity": severity != nil, "severity": severity ?? "—",
            "hasSeverityNote": incident.severity?.note != nil,
            "severityNoteHTML": incident.severity?.note.map(Markdown.inlineHTML) ?? "",
            "synopsisHTML": Markdown.html(incident.synopsis),
            "hasNarrative": incident.narrative != nil, "narrativeHTML": incident.narrative.map(Markdown.html) ?? "",
            "hasQuoted": !quoted.isEmpty,
            "hasQuotedNarrative": quoted.narrative != nil, "quotedNarrativeHTML": quoted.narrative.map(Markdown.html) ?? "",
            "quotedActions": quoted.actions.map { ["textHTML": Markdown.inlineHTML($0)] },
            "hasQuotedActions": !quoted.actions.isEmpty,
            "hasQuotedRecommendations": quoted.recommendations != nil,
            "quotedRecommendationsHTML": quoted.recommendations.map(Markdown.html) ?? "",
            "hasAnalysis": incident.analysis != nil, "analysisHTML": incident.analysis.map(Markdown.html) ?? "",
            "timeline": timeline, "hasTimeline": !timeline.isEmpty,
            "causes": causes, "hasCauses": !causes.isEmpty,
            "actions": actions(label), "hasActions": !incident.actions.isEmpty,
            "hasRecommendations": incident.recommendations != nil,
            "recommendationsHTML": incident.recommendations.map(Markdown.html) ?? "",
            "hasLessons": incident.lessons != nil, "lessonsHTML": incident.lessons.map(Markdown.html) ?? "",
            "answeredBy": answeredBy, "hasAnsweredBy": !answeredBy.isEmpty,
            "followed": followed(), "hasFollowed": !incident.followed.isEmpty,
        ]
        // Headings that say whose words a section holds: on an external record, the department's are marked.
        let words = Labels.forLanguage(language)
        let own = { (key: String) in words["t_\(key)\(external ? "Department" : "")"] ?? key }
        values["synopsisHeading"] = own("synopsis")
        values["narrativeHeading"] = own("narrative")
        values["causesHeading"] = own("causes")
        values["actionsHeading"] = own("actions")
        values["recommendationsHeading"] = own("recommendations")
        values["timelineHeading"] = own("timeline")
        values["hx"] = external ? "h3" : "h2"  // the department's sections sit under their own heading

        return values
    }

    private func actions(_ label: (String) -> String) -> [[String: Any]] {
        incident.actions.map { action -> [String: Any] in
            let procedure = action.procedure.flatMap { handbook.procedure($0.value) }
            return [
                "textHTML": Markdown.inlineHTML(action.text),
                "owner": action.owner ?? "—",
                "due": action.due?.value.dayFirst ?? "—",
                "actionStatus": action.status.rawValue,
                "actionStatusLabel": label(action.status.rawValue),
                "hasProcedure": procedure != nil,
                "procedureID": procedure?.id.value ?? "",
                "procedureTitle": procedure?.title ?? "",
            ]
        }
    }

    private func followed() -> [[String: Any]] {
        incident.followed.map { id -> [String: Any] in
            let procedure = handbook.procedure(id.value)
            return ["procedureID": id.value, "procedureTitle": procedure?.title ?? id.value,
                    "procedureVersion": procedure?.version ?? 0]
        }
    }
}
