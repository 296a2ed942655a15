/// The handbook → the context of the site's index: procedures by kind, incidents by date.
struct IndexContext {
    let handbook: Handbook
    let today: LocalDate

    func values() -> [String: Any] {
        let language = handbook.settings.language
        let groups = ProcedureKind.allCases.compactMap { kind -> [String: Any]? in
            let procedures = handbook.procedures.filter { $0.kind == kind }
            guard !procedures.isEmpty else { return nil }
            return [
                "kindLabel": Labels.value(kind.rawValue, language: language),
                "procedures": procedures.map { procedure -> [String: Any] in
                    [
                        "procedureID": procedure.id.value,
                        "procedureTitle": procedure.title,
                        "procedureVersion": procedure.version,
                        "procedureStatus": procedure.status.value.rawValue,
                        "procedureStatusLabel": Labels.value(procedure.status.value.rawValue, language: language),
                        "procedureEffective": procedure.effective?.value.dayFirst ?? "—",
                        "procedureReviewBy": procedure.reviewBy?.value.dayFirst ?? "—",
                        "procedureOverdue": procedure.isReviewOverdue(on: today),
                        "procedureRevision": procedure.revision,
                    ]
                },
            ]
        }
        let incidents = handbook.incidents.sorted { $0.occurred.value > $1.occurred.value }.map { incident -> [String: Any] in
            [
                "incidentID": incident.id.value,
                "incidentTitle": incident.title,
                "incidentOccurred": incident.occurred.value.date.dayFirst,
                "incidentClass": Labels.value(incident.eventClass.rawValue, language: language),
                "incidentSeverity": incident.severity.map {
                    severityText($0, scales: handbook.settings.severityScales, language: language, origin: incident.origin.value)
                } ?? "—",
                "incidentOrigin": Labels.value(incident.origin.value.rawValue, language: language),
                "incidentStatus": Labels.value(incident.status.value.rawValue, language: language),
            ]
        }
        return [
            "procedureGroups": groups, "hasProcedures": !groups.isEmpty,
            "hasBoard": !BoardModel.procedures(of: handbook).isEmpty,
            "incidentRows": incidents, "hasIncidents": !incidents.isEmpty,
        ]
    }
}
