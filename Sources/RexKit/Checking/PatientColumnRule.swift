/// A log's `type: patient` column names the patient of each row. The hold list ("do not treat until re-entered
/// and verified") and the fraction counter are kept per patient, from that one column: with two of them the
/// runner could not tell which one names the patient, and the seed's stale counter would slip through.
struct PatientColumnRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for log in context.handbook.procedures.flatMap(\.logs) {
            guard let first = log.patientColumn else { continue }
            for column in log.columns.filter({ $0.type.value == .patient }).dropFirst() {
                found.append(.error("log '\(log.id.value)' already has a patient column ('\(first.id.value)'): a log "
                                    + "names its patient in one column; give '\(column.id.value)' another type "
                                    + "(type: text)", at: column.type.location, rule: "duplicate-patient-column"))
            }
        }
        return found
    }
}
