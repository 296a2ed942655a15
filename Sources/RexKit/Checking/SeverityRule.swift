/// A severity names a known scale and a level that exists on it.
struct SeverityRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        let scales = context.handbook.settings.severityScales
        return context.handbook.incidents.compactMap { incident -> Diagnostic? in
            guard let severity = incident.severity else { return nil }
            guard let scale = scales.first(where: { $0.id == severity.scale.value }) else {
                return .error("unknown severity scale '\(severity.scale.value)'; known: "
                              + scales.map(\.id).joined(separator: ", "),
                              at: severity.scale.location, rule: "severity-level",
                              suggestion: closestMatch(to: severity.scale.value, among: scales.map(\.id)))
            }
            guard scale.levels.contains(severity.level.value) else {
                return .error("level '\(severity.level.value)' does not exist on the \(scale.title) scale; expected one of: "
                              + scale.levels.joined(separator: ", "),
                              at: severity.level.location, rule: "severity-level")
            }
            return nil
        }
    }
}
