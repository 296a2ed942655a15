/// The handbook with its documents by id, so that a page looking up the REX it cites or the procedures that
/// answer a REX does not scan every document each time.
struct HandbookLookup: Sendable {
    let handbook: Handbook
    // Places in the handbook's lists, not copies of the documents (megabytes in a large handbook).
    private let procedures: [String: Int]
    private let incidents: [String: Int]
    /// Incident id → the procedures that name it in `incidents`, in the handbook's order.
    private let answering: [String: [Int]]

    init(_ handbook: Handbook) {
        self.handbook = handbook
        var procedures: [String: Int] = [:], incidents: [String: Int] = [:], answering: [String: [Int]] = [:]
        for (index, procedure) in handbook.procedures.enumerated() {
            if procedures[procedure.id.value] == nil { procedures[procedure.id.value] = index }
            for id in Set(procedure.incidents.map(\.value)) { answering[id, default: []].append(index) }
        }
        for (index, incident) in handbook.incidents.enumerated() where incidents[incident.id.value] == nil {
            incidents[incident.id.value] = index
        }
        self.procedures = procedures
        self.incidents = incidents
        self.answering = answering
    }

    func procedure(_ id: String) -> Procedure? { procedures[id].map { handbook.procedures[$0] } }
    func incident(_ id: String) -> Incident? { incidents[id].map { handbook.incidents[$0] } }
    func procedures(answering incidentID: String) -> [Procedure] {
        (answering[incidentID] ?? []).map { handbook.procedures[$0] }
    }

    func incidentLink(_ id: String) -> IncidentLinkView {
        IncidentLinkView(id: id, title: incident(id)?.title ?? id)
    }
}
