/// Every reference resolves: goto targets, fields, logs, roles, REX ids and procedure ids.
struct ReferenceRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            found += check(procedure, context)
        }
        for incident in context.handbook.incidents {
            for action in incident.actions {
                if let procedure = action.procedure {
                    found += resolve(procedure, among: context.procedureIDs, what: "procedure")
                }
            }
            for followed in incident.followed {
                found += resolve(followed, among: context.procedureIDs, what: "procedure")
            }
        }
        return found
    }

    private func check(_ procedure: Procedure, _ context: CheckContext) -> [Diagnostic] {
        // Sets: a procedure may have thousands of steps, each with references to look up.
        let graph = context.graph(of: procedure), steps = graph.steps
        let stepIDs = graph.index.keys
        let roleIDs = Set(procedure.roles.map(\.id.value))
        let logIDs = Set(procedure.logs.map(\.id.value))
        let fieldIDs = Set(steps.flatMap(\.record).map(\.id.value))
        var found: [Diagnostic] = []

        for incident in procedure.incidents {
            found += resolve(incident, among: context.incidentIDs, what: "incident")
        }
        for contact in procedure.contacts {
            if let role = contact.role { found += resolve(role, among: roleIDs, what: "role") }
        }
        for log in procedure.logs {
            let rowIDs = Set((log.columns + log.reconcile).map(\.id.value))
            for field in log.columns + log.reconcile {
                found += checkField(field, mustMatchAmong: rowIDs, distinctAmong: rowIDs)
            }
        }
        for step in steps {
            if let role = step.role { found += resolve(role, among: roleIDs, what: "role") }
            if let log = step.log { found += resolve(log, among: logIDs, what: "log") }
            if let log = step.requiresReconciled { found += resolve(log, among: logIDs, what: "log") }
            for incident in step.because { found += resolve(incident, among: context.incidentIDs, what: "incident") }
            func resolveTarget(_ target: Located<StepTarget>?) {
                if let target, case .step(let id) = target.value {
                    found += resolve(Located(id, at: target.location), among: stepIDs, what: "step",
                                     hint: " (a step id of this procedure, or 'end')")
                }
            }
            resolveTarget(step.goto)
            for choice in step.choices { resolveTarget(choice.goto) }
            guard !step.record.isEmpty else { continue }
            let stepFieldIDs = Set(step.record.map(\.id.value))
            for field in step.record {
                found += checkField(field, mustMatchAmong: fieldIDs, distinctAmong: stepFieldIDs)
            }
        }
        return found
    }

    private func checkField(_ field: Field, mustMatchAmong candidates: Set<String>, distinctAmong siblings: Set<String>) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let other = field.mustMatch { found += resolve(other, among: candidates, what: "field") }
        if let other = field.distinctFrom {
            found += resolve(other, among: siblings, what: "field",
                             hint: " in the same step or log row (distinct_from compares values recorded together)")
        }
        return found
    }

    /// `known`: a set, or a dictionary's keys (both answer `contains` by hashing).
    private func resolve(_ reference: Located<String>, among known: some Collection<String>, what: String,
                         hint: String = "") -> [Diagnostic] {
        guard !known.contains(reference.value) else { return [] }
        // Sorted so that, between equally close names, the suggestion is always the same.
        return [.error("unknown \(what) '\(reference.value)'\(hint)", at: reference.location, rule: "unknown-reference",
                       suggestion: closestMatch(to: reference.value, among: known.sorted()))]
    }
}
