/// `rex reconcile --format text`: the verdict for a terminal or a log, one section per question a coordinator asks
/// before closing — which units, which rows are pending, who is on hold, which counters to check, every override
/// and void — and the verdict on its last line.
extension DepartmentVerdict {
    func text() -> String {
        var lines = header()
        lines.append("Units:")
        lines += units.isEmpty ? ["  (rex.yml declares no units)"] : units.map(unitLine)
        lines.append("Pending rows, by patient:")
        lines += section(pendingLines())
        lines.append("Hold list (do not treat before re-entry and verification):")
        lines += section(hold.map { entry in
            "  \(entry.patient): " + entry.rows.map { rowName($0) }.joined(separator: "; ")
        })
        lines.append("Counters to check:")
        lines += section(counters.map { "  " + counterText($0) })
        lines.append("Overrides:")
        lines += section(overrides.map { "  " + noteText($0) })
        lines.append("Rows added despite an alert:")
        lines += section(confirmedRows.map { "  " + noteText($0) })
        lines.append("Voids:")
        lines += section(voids.map { "  " + noteText($0) })
        let apart = outage.runs.filter { outage.apart.contains($0.runID) }
        if !apart.isEmpty {
            lines.append("Set apart (not counted):")
            lines += apart.map { "  \(unitName($0)), run \($0.runID)\($0.drill ? " (drill)" : "") — \($0.path)" }
        }
        if !outage.warnings.isEmpty {
            lines.append("Warnings:")
            lines += outage.warnings.map { "  \($0)" }
        }
        lines.append(verdictLine)
        return lines.joined(separator: "\n") + "\n"
    }

    private func header() -> [String] {
        let procedure = outage.procedure
        var lines = ["Outage: \(procedure.id.value) “\(procedure.title)” (version \(procedure.version)), "
                     + (outage.drill ? "DRILL" : "real outage") + ", \(outage.counted.count) run(s) counted"]
        if let board = outage.board {
            let state = outage.closed.map { "closed \(Self.shown($0.at.text)) by \($0.by ?? "?")" } ?? "open"
            lines.append("Board: \(board.boardID) (\(board.path)), \(state)")
        }
        return lines
    }

    private func unitLine(_ status: UnitStatus) -> String {
        let head = "  \(status.unit.id.value) \(status.unit.name): "
        switch status.status {
        case .imported:
            return head + "imported, run(s) \(status.runs.map(\.runID).joined(separator: ", ")): \(status.written) row(s), "
                + "\(status.voided) voided, \(status.reconciled) reconciled, \(status.pending) pending"
        case .notAffected:
            let mark = status.notAffected!
            return head + "not affected (\(mark.initials), \(Self.shown(mark.at.text)), recorded by \(mark.by ?? "?")): "
                + mark.reason
        case .missing:
            return head + "MISSING (no run imported, not marked not affected)"
        }
    }

    /// Pending rows grouped by patient (first seen first), then rows of logs that name no patient, by log.
    private func pendingLines() -> [String] {
        var order: [String] = []
        var groups: [String: (title: String, rows: [OutageRow])] = [:]
        for row in pending {
            let key = row.patientKey.map { "p:" + $0 } ?? "l:" + row.log.id.value
            if groups[key] == nil {
                order.append(key)
                groups[key] = (row.patient ?? "log “\(row.log.title)”", [])
            }
            groups[key]!.rows.append(row)
        }
        let sorted = order.filter { $0.hasPrefix("p:") } + order.filter { $0.hasPrefix("l:") }
        return sorted.map { key in
            "  \(groups[key]!.title): " + groups[key]!.rows.sorted(by: OutageRow.chronological).map { rowName($0) }
                .joined(separator: "; ")
        }
    }

    private func section(_ lines: [String]) -> [String] { lines.isEmpty ? ["  (none)"] : lines }

    var verdictLine: String {
        if isComplete {
            return "Verdict: every unit accounted for, nothing pending" + (outage.closed == nil ? "" : "; closed on the board")
        }
        var reasons: [String] = []
        if !missingUnits.isEmpty { reasons.append("missing unit(s): " + missingUnits.map(\.name).joined(separator: ", ")) }
        if outage.counted.isEmpty && missingUnits.isEmpty { reasons.append("no run counted") }
        if !pending.isEmpty {
            let patients = hold.map(\.patient)
            reasons.append("\(pending.count) row(s) pending" + (patients.isEmpty ? "" : " (on hold: \(patients.joined(separator: ", ")))"))
        }
        return "Verdict: NOT CLOSED — " + reasons.joined(separator: "; ")
    }
}
