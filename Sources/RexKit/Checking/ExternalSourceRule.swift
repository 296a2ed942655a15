/// An external REX (another hospital's event) keeps the source's words apart from the department's. Once such a
/// record carries actions — the source's, quoted, or the department's own — a reader must be able to tell who
/// did or decided what: without the source named (`source`) and its text quoted (`quoted`), a department's
/// action or analysis reads as the source's, and a regulator cannot trust the record.
struct ExternalSourceRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.incidents.flatMap { incident -> [Diagnostic] in
            guard incident.origin.value == .external else { return [] }
            let quotedActions = incident.quoted?.actions ?? []
            guard !incident.actions.isEmpty || !quotedActions.isEmpty else { return [] }
            let id = incident.id.value, at = incident.origin.location
            var found: [Diagnostic] = []
            if incident.source?.allSatisfy(\.isWhitespace) ?? true {
                found.append(.error("'\(id)' is external and has actions, but names no source; add 'source' "
                                    + "(who published it, e.g. 'AFCN — REX 3 - 2020')", at: at, rule: "external-source"))
            }
            if incident.quoted?.isEmpty ?? true {
                found.append(.error("'\(id)' is external and has actions, but quotes nothing of its source; put the "
                                    + "source's words, as published, under 'quoted' (narrative, actions, recommendations)",
                                    at: at, rule: "external-source"))
            }
            return found
        }
    }
}
