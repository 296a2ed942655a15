/// The department's treatment units (`units` in `rex.yml`) are what the reconciliation board accounts for: a
/// unit written twice would be counted once and could hide a console whose log was never brought in, and a
/// procedure closed at department level (`closing: department`) with no unit declared could be closed with
/// nothing accounted for — the seed's "one re-entry nobody saw was missing", at department scale.
struct UnitRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        let units = context.handbook.settings.units
        var found: [Diagnostic] = []
        var first: [String: SourceLocation] = [:]
        for unit in units {
            if let earlier = first[unit.id.value] {
                found.append(.error("duplicate unit id '\(unit.id.value)' (first defined at line \(earlier.line))",
                                    at: unit.id.location, rule: "duplicate-id"))
            } else {
                first[unit.id.value] = unit.id.location
            }
        }
        guard units.isEmpty else { return found }
        for procedure in context.handbook.procedures where procedure.closesAtDepartment {
            guard let closing = procedure.closing else { continue }
            found.append(.error("'closing: department' needs the department's treatment units: declare them in rex.yml "
                                + "('units: - { id: linac-1, name: TrueBeam 1 }'), or write 'closing: run'",
                                at: closing.location, rule: "department-units"))
        }
        return found
    }
}
