/// What a draft's synopsis says the runs recorded: one line per run (which procedure, version and revision, unit,
/// start, end, drill) and, per unit and log, how many rows were written, voided, completed after the fact (their
/// reconciliation columns: re-entered and verified, released…), or are still pending — the counts a coordinator
/// checks before closing an outage.
struct DraftSummary {
    let wording: DraftWording

    func lines(_ runs: [Run]) -> [String] {
        runs.map(runLine) + counts(runs) + zoneNotes(runs)
    }

    private func runLine(_ run: Run) -> String {
        let w = wording
        let unit = run.unit.map { w.say("draftUnit", w.plain($0)) } ?? w.say("draftNoUnit")
        let starter = run.events.first.flatMap { event -> String? in
            if case .start(let who, _) = event.kind { return who }
            return nil
        }
        let started = run.startedAt ?? run.events.first?.at
        let end = run.status == "complete" ? run.completedAt.map { w.say("draftCompleted", w.time($0).dayFirst) } : nil
        var line = w.say("draftRun", w.plain(run.title ?? run.procedure), run.procedure, run.version.map(String.init) ?? "?",
                         w.plain(run.revision ?? "?"), unit, w.plain(run.runID), started.map { w.time($0).dayFirst } ?? "?",
                         w.plain(starter ?? "?"), end ?? w.say("draftNotCompleted"))
        if run.drill { line = "**\(w.say("draftDrillRun"))** — " + line }
        if let current = w.procedures[run.procedure], current.version != run.version || current.revision != run.revision {
            line += " (" + w.say("draftCurrentVersion", String(current.version), current.revision) + ")"
        }
        return line
    }

    /// Per unit, then per log: rows, voided, reconciled, pending.
    private func counts(_ runs: [Run]) -> [String] {
        var order: [String] = []
        var tally: [String: (title: String, columns: String, rows: Int, voided: Int, reconciled: Int, pending: Int)] = [:]
        for run in runs {
            let unit = wording.unit(of: run)
            for (log, rows) in rowsByLog(run) {
                let key = "\(unit)\u{0}\(log)"
                if tally[key] == nil {
                    order.append(key)
                    let columns = wording.log(log, of: run)?.reconcile.map { wording.plain($0.label) } ?? []
                    tally[key] = (wording.logTitle(log, of: run), columns.joined(separator: ", "), 0, 0, 0, 0)
                }
                for row in rows {
                    tally[key]!.rows += 1
                    if row.voided { tally[key]!.voided += 1 } else if row.reconciled { tally[key]!.reconciled += 1 } else {
                        tally[key]!.pending += 1
                    }
                }
            }
        }
        return order.map { key in
            let entry = tally[key]!, unit = String(key.split(separator: "\u{0}").first ?? "")
            guard !entry.columns.isEmpty else {
                return wording.say("draftLogCountPlain", unit, entry.title, String(entry.rows), String(entry.voided))
            }
            return wording.say("draftLogCount", unit, entry.title, String(entry.rows), String(entry.voided),
                               String(entry.reconciled), entry.columns, String(entry.pending))
        }
    }

    /// The rows of each log of a run, replayed from its events, in the order the logs were first written.
    private func rowsByLog(_ run: Run) -> [(String, [(voided: Bool, reconciled: Bool)])] {
        var logs: [String] = []
        var rows: [String: [Int: (voided: Bool, values: [String: RunValue])]] = [:]
        var order: [String: [Int]] = [:]
        for event in run.events {
            switch event.kind {
            case .rowAdd(let log, let row, _, _):
                if rows[log] == nil { logs.append(log); rows[log] = [:] }
                if rows[log]![row] == nil { order[log, default: []].append(row) }
                rows[log]![row] = (false, [:])
            case .rowVoid(let log, let row, _):
                rows[log]?[row]?.voided = true
            case .rowReconcile(let log, let row, let values):
                for entry in values.entries { rows[log]?[row]?.values[entry.id] = entry.value }
            default:
                break
            }
        }
        return logs.map { log in
            let definition = wording.log(log, of: run)
            return (log, (order[log] ?? []).compactMap { number in
                rows[log]?[number].map { ($0.voided, isReconciled($0.values, definition)) }
            })
        }
    }

    /// Every required reconcile column has a value (the runner's rule); for a log this version no longer has, any value.
    private func isReconciled(_ values: [String: RunValue], _ log: DowntimeLog?) -> Bool {
        let filled = { (value: RunValue?) -> Bool in
            switch value {
            case .none, .null?: false
            case .text(let text)?: !text.isEmpty
            default: true
            }
        }
        guard let log else { return values.values.contains { filled($0) } }
        return log.reconcile.allSatisfy { !$0.required || filled(values[$0.id.value]) }
    }

    /// A run whose workstation wrote times at another offset than the handbook's clock: say the times were converted.
    private func zoneNotes(_ runs: [Run]) -> [String] {
        runs.compactMap { run in
            guard let offset = run.events.lazy.compactMap({ wording.foreignOffset($0.at) }).first else { return nil }
            return wording.say("draftZone", wording.zone.identifier, wording.plain(run.runID), offset)
        }
    }
}
