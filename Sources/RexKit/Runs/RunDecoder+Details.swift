/// The nested parts of an event: the mismatches of a blocked or overridden step, and the confirmation of a row
/// added despite a refusal.
extension RunDecoder {
    /// `mismatches`: a list of `{field, value, mustMatch, expected[, difference, tolerance]}`.
    func mismatches(_ f: Fields) -> [Mismatch]? {
        guard let node = f.node("mismatches", required: true, kind: "a list") else { return nil }
        guard case .array(let items) = node.value, items.count <= RunLimits.entries else {
            problems.error("\(f.context)'mismatches' must be a list of at most \(RunLimits.entries) items, found "
                           + node.described, at: node)
            return nil
        }
        var found: [Mismatch] = []
        for (index, item) in items.enumerated() {
            let name = "mismatches[\(index)]"
            guard let members = item.members else {
                problems.error("\(f.context)'\(name)' must be an object, found \(item.described)", at: item)
                return nil
            }
            let inner = Fields(members: members, owner: item, context: "\(f.context)\(name): ", problems: problems)
            let field = inner.identifier("field"), mustMatch = inner.identifier("mustMatch")
            let value = inner.members["value"].flatMap { scalar($0.node, name: "value", inner) } ?? .null
            let expected = inner.members["expected"].flatMap { scalar($0.node, name: "expected", inner) } ?? .null
            var difference: Double?
            if let node = inner.node("difference", required: false, kind: "a number") {
                guard case .number(let number) = node.value else {
                    problems.error("\(inner.context)'difference' must be a number, found \(node.described)", at: node)
                    return nil
                }
                difference = number
            }
            let tolerance = inner.text("tolerance", required: false, limit: RunLimits.shortText)
            guard let field, let mustMatch, !inner.has("tolerance") || tolerance != nil else { return nil }
            found.append(Mismatch(field: field, value: value, mustMatch: mustMatch, expected: expected,
                                  difference: difference, tolerance: tolerance))
        }
        return found
    }

    /// `confirmed`: `{reason, refusals: [{kind, row, expected}]}`.
    func confirmation(_ node: JSONNode, _ f: Fields) -> RowConfirmation? {
        guard let members = node.members else {
            problems.error("\(f.context)'confirmed' must be an object, found \(node.described)", at: node)
            return nil
        }
        let inner = Fields(members: members, owner: node, context: "\(f.context)confirmed: ", problems: problems)
        guard let reason = inner.text("reason") else { return nil }
        var refusals: [RowConfirmation.Refusal] = []
        if let list = inner.node("refusals", required: false, kind: "a list") {
            guard case .array(let items) = list.value, items.count <= RunLimits.entries else {
                problems.error("\(inner.context)'refusals' must be a list of at most \(RunLimits.entries) items, found "
                               + list.described, at: list)
                return nil
            }
            for (index, item) in items.enumerated() {
                guard let fields = item.members else {
                    problems.error("\(inner.context)'refusals[\(index)]' must be an object, found \(item.described)", at: item)
                    return nil
                }
                let refusal = Fields(members: fields, owner: item, context: "\(inner.context)refusals[\(index)]: ",
                                     problems: problems)
                let kind = refusal.text("kind", limit: RunLimits.shortText)
                let row = refusal.integer("row", required: false)
                let expected = refusal.members["expected"].flatMap { scalar($0.node, name: "expected", refusal) }
                guard let kind, !refusal.has("row") || row != nil else { return nil }
                refusals.append(RowConfirmation.Refusal(kind: kind, row: row, expected: expected))
            }
        }
        return RowConfirmation(reason: reason, refusals: refusals)
    }
}
