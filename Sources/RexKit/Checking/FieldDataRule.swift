/// Recorded fields and log columns make sense as data: `must_match` compares two fields of the same
/// type (never a field with itself), `distinct_from` compares two sets of initials, `min` ≤ `max` on
/// number fields, and `options` list the answers of a `choice` field. The runner enforces these
/// relations while staff type; a relation that can never hold blocks them mid-procedure.
struct FieldDataRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            // Same scopes as the references: `must_match` any field of the procedure, `distinct_from` a
            // field of the same step; in a log, any column of the same row.
            // Most fields name no other: the tables are made only where one does.
            let steps = context.steps(of: procedure)
            let matching = steps.contains { $0.record.contains { $0.mustMatch != nil } }
            let stepFields = matching ? byID(steps.flatMap(\.record)) : [:]
            for step in steps where !step.record.isEmpty {
                let siblings = step.record.contains { $0.distinctFrom != nil } ? byID(step.record) : [:]
                for field in step.record {
                    found += relations(field, mustMatchAmong: stepFields, distinctAmong: siblings)
                    found += limits(field) + options(field)
                }
            }
            for log in procedure.logs {
                let row = log.columns + log.reconcile
                let columns = byID(row)
                for field in row {
                    found += relations(field, mustMatchAmong: columns, distinctAmong: columns)
                    found += limits(field) + options(field)
                }
            }
        }
        return found
    }

    /// Fields by id, the first of duplicates winning (duplicates are reported by the unique-id rule).
    private func byID(_ fields: [Field]) -> [String: Field] {
        Dictionary(fields.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func relations(_ field: Field, mustMatchAmong candidates: [String: Field],
                           distinctAmong siblings: [String: Field]) -> [Diagnostic] {
        let id = field.id.value, type = field.type.value
        var found: [Diagnostic] = []
        if let other = field.mustMatch {
            if other.value == id {
                found.append(.error("field '\(id)' cannot 'must_match' itself; name the earlier field it must equal",
                                    at: other.location, rule: "must-match-self"))
            } else if let target = candidates[other.value], target.type.value != type {
                found.append(.error("field '\(id)' (\(type.rawValue)) cannot 'must_match' '\(other.value)' "
                                    + "(\(target.type.value.rawValue)): both must have the same type",
                                    at: other.location, rule: "must-match-type"))
            }
        }
        if let other = field.distinctFrom {
            if other.value == id {
                found.append(.error("field '\(id)' cannot be 'distinct_from' itself; name the other person's initials",
                                    at: other.location, rule: "distinct-from-self"))
            } else if type != .initials {
                found.append(.error("'distinct_from' compares initials, but '\(id)' is a \(type.rawValue) field "
                                    + "(use type: initials)", at: other.location, rule: "distinct-from-type"))
            } else if let target = siblings[other.value], target.type.value != .initials {
                found.append(.error("'distinct_from' compares initials, but '\(other.value)' is a "
                                    + "\(target.type.value.rawValue) field", at: other.location, rule: "distinct-from-type"))
            }
        }
        return found
    }

    private func limits(_ field: Field) -> [Diagnostic] {
        guard let first = field.min ?? field.max else { return [] }
        if field.type.value != .number {
            return [.error("'min' and 'max' apply to number fields only, and '\(field.id.value)' is a "
                           + "\(field.type.value.rawValue) field", at: first.location, rule: "min-max")]
        }
        if let min = field.min, let max = field.max, min.value > max.value {
            return [.error("'min' (\(plain(min.value))) is greater than 'max' (\(plain(max.value))) in field "
                           + "'\(field.id.value)': no value can be entered", at: min.location, rule: "min-max")]
        }
        return []
    }

    private func options(_ field: Field) -> [Diagnostic] {
        let id = field.id.value
        guard field.type.value == .choice else {
            guard let options = field.options else { return [] }
            return [.error("'options' apply to choice fields only, and '\(id)' is a \(field.type.value.rawValue) field "
                           + "(use type: choice, or remove 'options')", at: options.location, rule: "options-misuse")]
        }
        guard let options = field.options else {
            return [.error("choice field '\(id)' needs 'options': the answers to choose from",
                           at: field.type.location, rule: "options-misuse")]
        }
        guard !options.value.isEmpty else {
            return [.error("'options' of choice field '\(id)' is empty; list the answers to choose from",
                           at: options.location, rule: "options-misuse")]
        }
        var seen = Set<String>()
        let repeated = options.value.filter { !seen.insert($0).inserted }
        guard repeated.isEmpty else {
            return [.error("choice field '\(id)' lists \(quotedList(Array(Set(repeated)).sorted())) more than once "
                           + "in 'options'", at: options.location, rule: "options-misuse")]
        }
        return []
    }

    /// `60` rather than `60.0`, as the author wrote it.
    private func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
