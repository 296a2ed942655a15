/// `counter: true` marks the log column holding the patient's fraction counter: per patient, each row must be
/// the previous row + 1. In the seed a postponed re-entry left the counter stale and the patient received an
/// extra fraction. The runner can only check "previous + 1" on a number, per patient, in one column; a counter
/// it cannot check would give staff a safeguard that is not there.
struct CounterColumnRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for log in context.handbook.procedures.flatMap(\.logs) {
            let logID = log.id.value
            let counters = log.columns.filter(\.isCounter)
            for (index, column) in counters.enumerated() {
                let id = column.id.value, type = column.type.value
                let location = column.counter?.location ?? column.location
                if index > 0 {
                    found.append(.error("log '\(logID)' already has a counter column ('\(counters[0].id.value)'): a "
                                        + "log counts one thing per patient; remove 'counter' from '\(id)'",
                                        at: location, rule: "counter-column"))
                }
                if type != .number {
                    found.append(.error("counter column '\(id)' of log '\(logID)' is a \(type.rawValue) column: a "
                                        + "counter is the patient's fraction number (type: number)",
                                        at: location, rule: "counter-column"))
                }
                if log.patientColumn == nil {
                    found.append(.error("counter column '\(id)' of log '\(logID)' counts per patient, but the log has "
                                        + "no patient column: add a column with type: patient",
                                        at: location, rule: "counter-column"))
                }
            }
        }
        return found
    }
}
