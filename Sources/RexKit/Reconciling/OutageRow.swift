/// One row of one unit's log, replayed from its run's events, with its re-entry as recorded at the unit and on the
/// board — the same replay as the runner's and the board's (`core.derive`, `runRows` in board-core.js). A class:
/// a row is shared by the lists that name it (pending, hold list, counters) instead of copied with its whole run.
final class OutageRow {
    let run: Run
    /// The run's place in the outage: rows recorded at the same time are ordered by it.
    let runIndex: Int
    let log: DowntimeLog
    let logIndex: Int
    let number: Int
    let at: RunTime
    let by: String?
    let values: RunValues
    var voided: (reason: String, at: RunTime, by: String?)?
    var confirmed: RowConfirmation?
    var reconcile: [String: Outage.RecordedValue] = [:]
    /// When the session happened: the row's first date-time column, or when the row was recorded.
    let time: String

    init(run: Run, runIndex: Int, log: DowntimeLog, logIndex: Int, number: Int, at: RunTime, by: String?,
         values: RunValues, confirmed: RowConfirmation?) {
        self.run = run
        self.runIndex = runIndex
        self.log = log
        self.logIndex = logIndex
        self.number = number
        self.at = at
        self.by = by
        self.values = values
        self.confirmed = confirmed
        time = Self.sessionTime(log, values) ?? at.text
    }

    /// "RUN_ID/LOG_ID/N", as on the board.
    var key: String { "\(run.runID)/\(log.id.value)/\(number)" }

    var isLive: Bool { voided == nil }

    /// Every required reconciliation column has a value.
    var isReconciled: Bool {
        log.reconcile.allSatisfy { !$0.required || reconcile[$0.id.value] != nil }
    }

    var isPending: Bool { isLive && !isReconciled }

    /// The patient, as written (trimmed), when the log names its patients.
    var patient: String? {
        guard let column = log.patientColumn?.id.value, let value = values[column] else { return nil }
        let text: String
        switch value {
        case .text(let written): text = written
        case .number(let number): text = formatNumber(number)
        case .bool, .null: return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Patients are matched ignoring case and surrounding spaces.
    var patientKey: String? { patient?.lowercased() }

    var counter: Double? {
        guard let column = log.counterColumn?.id.value, case .number(let value)? = values[column] else { return nil }
        return value
    }

    private static func sessionTime(_ log: DowntimeLog, _ values: RunValues) -> String? {
        for column in log.columns where column.type.value == .datetime {
            if case .text(let text)? = values[column.id.value], !text.isEmpty { return text }
        }
        return nil
    }

    /// The rows of every log of `run` (logs this procedure does not have are left out, as the runner leaves them).
    static func rows(of run: Run, index: Int, procedure: Procedure,
                     boardReconciles: [String: [String: Outage.RecordedValue]]) -> [OutageRow] {
        var rows: [OutageRow] = []
        var byKey: [String: OutageRow] = [:]
        func find(_ log: String, _ number: Int) -> OutageRow? { byKey["\(log)/\(number)"] }
        for event in run.events {
            switch event.kind {
            case .rowAdd(let logID, let number, let values, let confirmed):
                guard let logIndex = procedure.logs.firstIndex(where: { $0.id.value == logID }) else { continue }
                let row = OutageRow(run: run, runIndex: index, log: procedure.logs[logIndex], logIndex: logIndex,
                                    number: number, at: event.at, by: event.by, values: values, confirmed: confirmed)
                rows.append(row)
                byKey["\(logID)/\(number)"] = row
            case .rowVoid(let log, let number, let reason):
                find(log, number)?.voided = (reason, event.at, event.by)
            case .rowReconcile(let log, let number, let values):
                guard let found = find(log, number) else { continue }
                for entry in values.entries where entry.value != .null {
                    found.reconcile[entry.id] = Outage.RecordedValue(value: entry.value, at: event.at, by: event.by,
                                                                     onBoard: false)
                }
            default:
                continue
            }
        }
        // The board fills only what the unit did not record itself.
        for row in rows {
            for (column, value) in boardReconciles[row.key] ?? [:] where row.reconcile[column] == nil {
                row.reconcile[column] = value
            }
        }
        return rows
    }

    /// Time, then the run's place, the log and the row: the order sessions happened in, across runs.
    static func chronological(_ a: OutageRow, _ b: OutageRow) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.runIndex != b.runIndex { return a.runIndex < b.runIndex }
        if a.logIndex != b.logIndex { return a.logIndex < b.logIndex }
        return a.number < b.number
    }
}
