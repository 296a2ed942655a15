/// The site's index: procedures by kind, incidents by date.
struct IndexView: TemplateView {
    let groups: [ProcedureGroupView]
    let incidents: [IndexIncidentView]
    let hasBoard: Bool

    init(_ handbook: Handbook, today: LocalDate) {
        let language = handbook.settings.language
        groups = ProcedureKind.allCases.compactMap { kind in
            let procedures = handbook.procedures.filter { $0.kind == kind }
            guard !procedures.isEmpty else { return nil }
            return ProcedureGroupView(kindLabel: Labels.value(kind.rawValue, language: language),
                                      procedures: procedures.map { IndexProcedureView(procedure: $0, language: language,
                                                                                       overdue: $0.isReviewOverdue(on: today)) })
        }
        // Places sorted, not copies of every incident (megabytes in a large handbook).
        let all = handbook.incidents
        incidents = all.indices.sorted { all[$0].occurred.value > all[$1].occurred.value }.map { place in
            let incident = all[place]
            return IndexIncidentView(incident: incident, language: language, severity: incident.severity.map {
                severityText($0, scales: handbook.settings.severityScales, language: language, origin: incident.origin.value)
            })
        }
        hasBoard = !BoardModel.procedures(of: handbook).isEmpty
    }

    static let keys = ViewKeys<IndexView>([
        "procedureGroups": .list { $0.groups }, "hasProcedures": .flag { !$0.groups.isEmpty },
        "hasBoard": .flag { $0.hasBoard },
        "incidentRows": .list { $0.incidents }, "hasIncidents": .flag { !$0.incidents.isEmpty },
    ])
}

struct ProcedureGroupView: TemplateView {
    let kindLabel: String
    let procedures: [IndexProcedureView]
    static let keys = ViewKeys<ProcedureGroupView>([
        "kindLabel": .text { $0.kindLabel }, "procedures": .list { $0.procedures },
    ])
}

struct IndexProcedureView: TemplateView {
    let procedure: Procedure
    let language: String
    let overdue: Bool
    static let keys = ViewKeys<IndexProcedureView>([
        "procedureID": .text { $0.procedure.id.value },
        "procedureTitle": .text { $0.procedure.title },
        "procedureVersion": .number { $0.procedure.version },
        "procedureStatus": .text { $0.procedure.status.value.rawValue },
        "procedureStatusLabel": .text { Labels.value($0.procedure.status.value.rawValue, language: $0.language) },
        "procedureEffective": .text { $0.procedure.effective?.value.dayFirst ?? "—" },
        "procedureReviewBy": .text { $0.procedure.reviewBy?.value.dayFirst ?? "—" },
        "procedureOverdue": .flag { $0.overdue },
        "procedureRevision": .text { $0.procedure.revision },
    ])
}

struct IndexIncidentView: TemplateView {
    let incident: Incident
    let language: String
    let severity: String?
    static let keys = ViewKeys<IndexIncidentView>([
        "incidentID": .text { $0.incident.id.value },
        "incidentTitle": .text { $0.incident.title },
        "incidentOccurred": .text { $0.incident.occurred.value.date.dayFirst },
        "incidentClass": .text { Labels.value($0.incident.eventClass.rawValue, language: $0.language) },
        "incidentSeverity": .text { $0.severity ?? "—" },
        "incidentOrigin": .text { Labels.value($0.incident.origin.value.rawValue, language: $0.language) },
        "incidentStatus": .text { Labels.value($0.incident.status.value.rawValue, language: $0.language) },
    ])
}

/// Every approved emergency, downtime and restore procedure, each a chapter on its own pages, after a list of them.
struct BinderView: TemplateView {
    let chapters: [ChapterDocument]
    let contents: [ContentsView]
    let today: String

    static let keys = ViewKeys<BinderView>([
        "chapters": .list { $0.chapters }, "contents": .list { $0.contents },
        "hasChapters": .flag { !$0.chapters.isEmpty }, "today": .text { $0.today },
    ])
}

struct ContentsView: TemplateView {
    let procedure: Procedure
    static let keys = ViewKeys<ContentsView>([
        "procedureID": .text { $0.procedure.id.value },
        "procedureTitle": .text { $0.procedure.title },
        "procedureVersion": .number { $0.procedure.version },
        "procedureRevision": .text { $0.procedure.revision },
        "procedureKind": .text { Labels.value($0.procedure.kind.rawValue, language: $0.procedure.language) },
    ])
}
