/// A `tolerance` says how far a value may differ from the one it `must_match` and still match. In the seed the
/// file server and the database ended at different points in time; `must_match` makes the runner refuse that,
/// and a tolerance lets a department say how close two recorded times must be to count as one point (two
/// backups started by the same night job, minutes apart) without letting two different jobs pass. It only means
/// something next to a `must_match`, and only in the unit of the values compared: a number for numbers, a
/// duration for dates and times. Any other tolerance would make the runner's comparison meaningless.
struct ToleranceRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            let fields = context.steps(of: procedure).flatMap(\.record) + procedure.logs.flatMap { $0.columns + $0.reconcile }
            for field in fields {
                guard let tolerance = field.tolerance else { continue }
                found += problems(of: tolerance, on: field)
            }
        }
        return found
    }

    private func problems(of tolerance: Located<Tolerance>, on field: Field) -> [Diagnostic] {
        let id = field.id.value, type = field.type.value, written = tolerance.value.text
        var found: [Diagnostic] = []
        if field.mustMatch == nil {
            found.append(.error("field '\(id)' has a tolerance ('\(written)') but no 'must_match': a tolerance says how "
                                + "far it may differ from the field it must match; add 'must_match' or remove "
                                + "'tolerance'", at: tolerance.location, rule: "tolerance-without-must-match"))
        }
        switch (tolerance.value.kind, type.toleranceKind) {
        case (.duration, .number?):
            found.append(.error("tolerance '\(written)' is a duration, but field '\(id)' is a number: write a number "
                                + "such as 0.5", at: tolerance.location, rule: "tolerance-type"))
        case (.number, .duration?):
            found.append(.error("tolerance '\(written)' is a number, but field '\(id)' is a \(type.rawValue): write a "
                                + "duration such as 5 min (s, min, h or d)", at: tolerance.location, rule: "tolerance-type"))
        case (_, nil):
            found.append(.error("field '\(id)' is a \(type.rawValue) field, which takes no tolerance (only number, "
                                + "date, time and datetime values can be near each other): remove 'tolerance'",
                                at: tolerance.location, rule: "tolerance-type"))
        default:
            break
        }
        return found
    }
}
