/// The handbook with its documents by id, so that a page looking up the REX it cites or the procedures that
/// answer a REX does not scan every document each time.
struct HandbookLookup: Sendable {
    let handbook: Handbook
    private let procedures: [String: Procedure]
    private let incidents: [String: Incident]
    /// Incident id → the procedures that name it in `incidents`, in the handbook's order.
    private let answering: [String: [Procedure]]

    init(_ handbook: Handbook) {
        self.handbook = handbook
        var procedures: [String: Procedure] = [:], incidents: [String: Incident] = [:], answering: [String: [Procedure]] = [:]
        for procedure in handbook.procedures where procedures[procedure.id.value] == nil {
            procedures[procedure.id.value] = procedure
        }
        for incident in handbook.incidents where incidents[incident.id.value] == nil {
            incidents[incident.id.value] = incident
        }
        for procedure in handbook.procedures {
            for id in Set(procedure.incidents.map(\.value)) { answering[id, default: []].append(procedure) }
        }
        self.procedures = procedures
        self.incidents = incidents
        self.answering = answering
    }

    func procedure(_ id: String) -> Procedure? { procedures[id] }
    func incident(_ id: String) -> Incident? { incidents[id] }
    func procedures(answering incidentID: String) -> [Procedure] { answering[incidentID] ?? [] }

    func incidentLink(_ id: String) -> IncidentLinkView {
        IncidentLinkView(id: id, title: incidents[id]?.title ?? id)
    }
}
