/// One event of a run: the common keys (`seq`, `type`, `at`, `by`), then the fields its type carries, as the
/// runner's import check lists them (`SHAPES` in runner-exchange.js).
extension RunDecoder {
    static let eventTypes = ["start", "operator", "take-over", "done", "blocked", "override", "decision", "correction",
                             "row-add", "row-void", "row-reconcile"]

    func event(_ node: JSONNode, seq: Int) -> RunEvent? {
        guard let members = node.members else {
            problems.error("event \(seq) must be an object, found \(node.described)", at: node)
            return nil
        }
        let common = Fields(members: members, owner: node, context: "event \(seq): ", problems: problems)
        if let written = common.integer("seq"), written != seq {
            problems.error("event \(seq): 'seq' must be \(seq) (events are numbered from 1, without gaps), found \(written)",
                           at: members["seq"]!.node)
        }
        guard let type = common.text("type", limit: RunLimits.shortText) else { return nil }
        guard Self.eventTypes.contains(type) else {
            problems.error("event \(seq): unknown type \"\(type.prefix(40))\"; expected one of: "
                           + Self.eventTypes.joined(separator: ", "), at: members["type"]!.node)
            return nil
        }
        if (seq == 1) != (type == "start") {
            problems.error(seq == 1 ? "event 1 must be the run's \"start\", found \"\(type)\""
                                    : "event \(seq): a run has one \"start\" event, the first", at: members["type"]!.node)
            return nil
        }
        let fields = Fields(members: members, owner: node, context: "event \(seq) (\(type)): ", problems: problems)
        let at = fields.time("at"), by = fields.text("by", required: false, limit: RunLimits.shortText)
        guard let kind = kind(type, fields), let at else { return nil }
        return RunEvent(seq: seq, at: at, by: by, kind: kind,
                        location: SourceLocation(path: problems.path, line: node.line, column: node.column))
    }

    private func kind(_ type: String, _ f: Fields) -> RunEvent.Kind? {
        let short = RunLimits.shortText
        switch type {
        case "start":
            guard let who = f.text("operator", limit: short) else { return nil }
            return .start(operator: who, drill: f.bool("drill") ?? false)
        case "operator":
            let from = f.text("from", required: false, limit: short)
            guard let to = f.text("to", limit: short) else { return nil }
            return .operatorChange(from: from, to: to)
        case "take-over":
            return .takeOver(tab: f.text("tab", required: false, limit: short))
        case "done":
            let step = f.identifier("step"), values = values(f, "values", required: false)
            let second = f.text("second", required: false, limit: short)
            guard let step, let values else { return nil }
            return .done(step: step, values: values, second: second)
        case "blocked":
            let step = f.identifier("step"), values = values(f, "values", required: false), found = mismatches(f)
            guard let step, let values, let found else { return nil }
            return .blocked(step: step, values: values, mismatches: found)
        case "override":
            let step = f.identifier("step"), values = values(f, "values", required: false), found = mismatches(f)
            let reason = f.text("reason"), second = f.text("second", required: false, limit: short)
            guard let step, let values, let found, let reason else { return nil }
            return .override(step: step, values: values, mismatches: found, reason: reason, second: second)
        case "decision":
            let step = f.identifier("step"), answer = f.text("answer"), target = target(f, required: true)
            let values = values(f, "values", required: false), second = f.text("second", required: false, limit: short)
            guard let step, let answer, let target, let values else { return nil }
            return .decision(step: step, answer: answer, goto: target, values: values, second: second)
        case "correction":
            return correction(f)
        case "row-add":
            let log = f.identifier("log"), row = f.integer("row"), values = values(f, "values", required: true)
            let confirmed = f.members["confirmed"].flatMap { member in confirmation(member.node, f) }
            guard let log, let row, let values, f.members["confirmed"] == nil || confirmed != nil else { return nil }
            return .rowAdd(log: log, row: row, values: values, confirmed: confirmed)
        case "row-void":
            let log = f.identifier("log"), row = f.integer("row"), reason = f.text("reason")
            guard let log, let row, let reason else { return nil }
            return .rowVoid(log: log, row: row, reason: reason)
        default: // row-reconcile
            let log = f.identifier("log"), row = f.integer("row"), values = values(f, "values", required: true)
            guard let log, let row, let values else { return nil }
            return .rowReconcile(log: log, row: row, values: values)
        }
    }

    private func correction(_ f: Fields) -> RunEvent.Kind? {
        let step = f.identifier("step"), reason = f.text("reason"), answer = f.text("answer", required: false)
        let target = target(f, required: false)
        let values = f.members["values"] == nil ? RunValues?.none : self.values(f, "values", required: true)
        var previous: RunValue?, previousValues: RunValues?
        if let node = f.members["previous"]?.node {
            if case .object = node.value {
                previousValues = self.values(f, "previous", required: true)
            } else {
                previous = scalar(node, name: "previous", f)
            }
        }
        // An optional key that is there must have been read; nil means it was reported.
        let unread = (f.has("answer") && answer == nil) || (f.has("goto") && target == nil)
            || (f.has("values") && values == nil) || (f.has("previous") && previous == nil && previousValues == nil)
        guard let step, let reason, !unread else { return nil }
        return .correction(step: step, reason: reason, previous: previous, previousValues: previousValues,
                           answer: answer, goto: target, values: values)
    }

    /// A `goto`: a step id, or `end`.
    private func target(_ f: Fields, required: Bool) -> String? {
        f.identifier("goto", required: required)
    }

    /// `{ "field_id": value, … }`; nil (reported) when it is not one. Absent and not required: empty.
    func values(_ f: Fields, _ key: String, required: Bool) -> RunValues? {
        guard let node = f.node(key, required: required, kind: "an object of field → value") else {
            return required ? nil : RunValues()
        }
        guard case .object(let list) = node.value else {
            problems.error("\(f.context)'\(key)' must be an object of field → value, found \(node.described)", at: node)
            return nil
        }
        guard list.count <= RunLimits.entries else {
            problems.error("\(f.context)'\(key)' holds \(list.count) values; at most \(RunLimits.entries)", at: node)
            return nil
        }
        var entries: [(id: String, value: RunValue)] = []
        for member in list {
            guard isValidIdentifier(member.key, allowingUnderscore: true) else {
                problems.error("\(f.context)'\(key)' has the key \"\(member.key.prefix(40))\", which is not a field id",
                               line: member.keyLine, column: member.keyColumn)
                return nil
            }
            guard let value = scalar(member.node, name: "\(key).\(member.key)", f) else { return nil }
            entries.append((member.key, value))
        }
        return RunValues(entries)
    }

    /// Text, a number, true, false or null.
    func scalar(_ node: JSONNode, name: String, _ f: Fields) -> RunValue? {
        switch node.value {
        case .string: return f.checkedText(node, name: name).map(RunValue.text)
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .object, .array:
            problems.error("\(f.context)'\(name)' must be text, a number, true, false or null, found \(node.described)",
                           at: node)
            return nil
        }
    }
}
