/// `type: patient` and `counter` describe the rows of a downtime log (who was treated, which fraction): the
/// hold list and the "previous + 1" check are built from a log's `columns`. On a step's field or a
/// `reconcile` column they would do nothing, and an author who wrote them there expects a safeguard that the
/// runner and the paper never give.
struct LogColumnOnlyRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            for step in context.steps(of: procedure) {
                for field in step.record {
                    found += misplaced(field, where: "'\(field.id.value)' is recorded by step '\(step.id.value)'")
                }
            }
            for log in procedure.logs {
                for field in log.reconcile {
                    found += misplaced(field, where: "'\(field.id.value)' is a 'reconcile' column of log "
                                                     + "'\(log.id.value)'")
                }
            }
        }
        return found
    }

    private func misplaced(_ field: Field, where place: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if field.type.value == .patient {
            found.append(.error("type 'patient' names the patient of a log row and belongs in a log's 'columns', but "
                                + "\(place): use type: text", at: field.type.location, rule: "log-column-only"))
        }
        if let counter = field.counter {
            found.append(.error("'counter' marks the fraction counter of a log row and belongs in a log's 'columns', "
                                + "but \(place): remove 'counter'", at: counter.location, rule: "log-column-only"))
        }
        return found
    }
}
