/// A step that `requires_reconciled` a downtime log waits until every row of it has been re-entered and
/// verified. That only makes sense if the log has `reconcile` columns to fill and some step writes rows
/// into it (`log:`) before, on at least one path from the first step — otherwise the requirement is
/// either impossible or empty, and the lesson of the founding REX (re-enter every manual action) is lost.
struct ReconciliationRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            let graph = context.graph(of: procedure)
            guard !graph.steps.isEmpty else { continue }
            let fromStart = graph.reachable(from: [0])
            let logIDs = Set(procedure.logs.map(\.id.value))
            // A `log:` naming an unknown log (reported on its own) may be the required log misspelt.
            let misspelt = graph.steps.contains { step in step.log.map { !logIDs.contains($0.value) } ?? false }
            // Per log, the steps that come after a step writing it (one edge at least) on a path from the start.
            var afterWriting: [String: [Bool]] = [:]
            for (position, step) in graph.steps.enumerated() {
                guard let required = step.requiresReconciled,
                      let log = procedure.logs.first(where: { $0.id.value == required.value }) else { continue }
                let id = step.id.value, logID = log.id.value
                if log.reconcile.isEmpty {
                    found.append(.error("step '\(id)' requires log '\(logID)' reconciled, but the log has no "
                                        + "'reconcile' columns to fill", at: required.location,
                                        rule: "log-without-reconcile"))
                }
                guard !misspelt else { continue }
                let writers = graph.steps.indices.filter { graph.steps[$0].log?.value == logID }
                if writers.isEmpty {
                    found.append(.error("step '\(id)' requires log '\(logID)' reconciled, but no step writes it "
                                        + "(a step with 'log: \(logID)')", at: required.location, rule: "log-not-written"))
                    continue
                }
                // Which paths exist is uncertain while a `goto` names an unknown step (reported on its own).
                guard graph.unresolved.isEmpty else { continue }
                let after = afterWriting[logID] ?? graph.reachable(from: writers.filter { fromStart[$0] }
                                                                    .flatMap { graph.successors[$0] })
                afterWriting[logID] = after
                guard !after[position] else { continue }
                found.append(.error("step '\(id)' requires log '\(logID)' reconciled, but no step writing it "
                                    + "(\(quotedList(writers.map { graph.steps[$0].id.value }))) comes before it "
                                    + "on any path", at: required.location, rule: "log-not-written"))
            }
        }
        return found
    }
}
