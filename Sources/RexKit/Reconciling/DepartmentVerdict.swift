/// The department's verdict over one outage, the same as the board's: each unit imported, not affected or missing;
/// every row of every counted run; the pending ones; one hold list; one fraction counter per patient across units
/// and days; every override, row added despite an alert, and void. Closed only when no unit is missing and no live
/// row is pending (and at least one run counted).
struct DepartmentVerdict {
    struct UnitStatus {
        enum Status: String { case imported, notAffected = "not-affected", missing }
        let unit: TreatmentUnit
        let status: Status
        let runs: [Run]
        let notAffected: Outage.NotAffected?
        let written, voided, reconciled, pending: Int
    }

    struct HeldPatient {
        let patient: String
        let rows: [OutageRow]
    }

    struct CounterIssue {
        /// `counter-duplicate` (the seed's stale counter) or `counter-gap`.
        let kind: String
        let row: OutageRow
        /// The row it duplicates, or the previous session.
        let earlier: OutageRow
        let expected: Double
    }

    let outage: Outage
    let units: [UnitStatus]
    let rows: [OutageRow]
    let pending: [OutageRow]
    let hold: [HeldPatient]
    let counters: [CounterIssue]

    init(_ outage: Outage) {
        self.outage = outage
        let counted = outage.counted
        let rows = counted.enumerated().flatMap { index, run in
            OutageRow.rows(of: run, index: index, procedure: outage.procedure, boardReconciles: outage.boardReconciles)
        }
        self.rows = rows
        pending = rows.filter(\.isPending)
        units = outage.handbook.settings.units.map { unit in
            let id = unit.id.value
            let runs = counted.filter { $0.unit == id }
            let mine = rows.filter { $0.run.unit == id }
            let marked = outage.notAffected[id]
            return UnitStatus(unit: unit, status: !runs.isEmpty ? .imported : marked != nil ? .notAffected : .missing,
                              runs: runs, notAffected: marked, written: mine.count, voided: mine.count { !$0.isLive },
                              reconciled: mine.count { $0.isLive && $0.isReconciled }, pending: mine.count(where: \.isPending))
        }
        hold = Self.holdList(pending)
        counters = Self.counterIssues(rows)
    }

    var missingUnits: [TreatmentUnit] { units.filter { $0.status == .missing }.map(\.unit) }

    /// No unit missing, no live row pending, and at least one run counted (as the board's closing gate).
    var isComplete: Bool { missingUnits.isEmpty && pending.isEmpty && !outage.counted.isEmpty }

    /// One entry per patient on hold, in the order of their first pending row.
    private static func holdList(_ pending: [OutageRow]) -> [HeldPatient] {
        var order: [String] = []
        var byKey: [String: (patient: String, rows: [OutageRow])] = [:]
        for row in pending {
            guard let key = row.patientKey, let patient = row.patient else { continue }
            if byKey[key] == nil { order.append(key); byKey[key] = (patient, []) }
            byKey[key]!.rows.append(row)
        }
        return order.map { HeldPatient(patient: byKey[$0]!.patient, rows: byKey[$0]!.rows) }
    }

    /// Each live row with a counter is the patient's previous live value + 1, whichever unit treated them.
    private static func counterIssues(_ rows: [OutageRow]) -> [CounterIssue] {
        var last: [String: OutageRow] = [:]
        var firstWith: [String: [Double: OutageRow]] = [:]
        var issues: [CounterIssue] = []
        for row in rows.filter({ $0.isLive && $0.patientKey != nil && $0.counter != nil }).sorted(by: OutageRow.chronological) {
            let key = row.patientKey!, value = row.counter!
            if let previous = last[key], let before = previous.counter, value != before + 1 {
                let duplicate = firstWith[key]?[value]
                issues.append(CounterIssue(kind: duplicate == nil ? "counter-gap" : "counter-duplicate", row: row,
                                           earlier: duplicate ?? previous, expected: before + 1))
            }
            last[key] = row
            if firstWith[key]?[value] == nil { firstWith[key, default: [:]][value] = row }
        }
        return issues
    }

    /// The exit code of `rex reconcile`: 0 closed-able, 1 something is missing or pending.
    var exitCode: Int32 { isComplete ? 0 : 1 }
}
