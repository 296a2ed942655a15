/// Traceability between procedures and REX records: a procedure that cites a REX (in `incidents:` or a
/// step's `because:`) should be named back by one of that REX's `actions` (`procedure:`), so the report
/// shows which procedures its lessons changed. A warning: the link is documentation, not safety. A translation
/// is named back through its original (`translation_of`): one action covers every language version.
struct TraceabilityRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var citedBack: [String: Set<String>] = [:]
        for incident in context.handbook.incidents {
            citedBack[incident.id.value] = Set(incident.actions.compactMap(\.procedure?.value))
        }
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            let id = procedure.id.value
            let namedAs = procedure.translationOf?.value ?? id
            var reported = Set<String>()
            // The procedure-level list first, so the warning points there when the REX is listed.
            for citation in procedure.incidents + context.steps(of: procedure).flatMap(\.because) {
                // Unknown REX ids are reported as unknown references already.
                guard let back = citedBack[citation.value], !back.contains(namedAs),
                      reported.insert(citation.value).inserted else { continue }
                found.append(.warning("'\(id)' cites '\(citation.value)', but no action of '\(citation.value)' "
                                      + "names it back (add 'procedure: \(namedAs)' to the action that changed it)",
                                      at: citation.location, rule: "traceability"))
            }
        }
        return found
    }
}
