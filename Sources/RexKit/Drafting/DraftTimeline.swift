import Foundation

/// The timeline of a draft REX: what the runs recorded that a REX must tell, each at its recorded time on the
/// handbook's clock (to the minute): a run's start and shift changes, decisions, blocked mismatches and their
/// overrides with the reasons, corrections, rows added despite a refusal or (in a log that counts fractions)
/// written late, voids, each
/// reconciliation, the closing steps (`requires_reconciled`) and the end. Ordinary steps done are left out.
struct DraftTimeline {
    /// A row written more than this long after the session it describes is "late" (the procedures ask for at once).
    static let lateMinutes = 30

    struct Entry {
        var at: LocalDateTime
        var event: String
    }

    let wording: DraftWording

    func entries(_ runs: [Run]) -> [Entry] {
        let all = runs.flatMap { run in
            run.events.compactMap { event in text(event, run).map { Entry(at: wording.time(event.at), event: $0) } }
                + end(run)
        }
        // Stable: entries of one minute keep the order of their runs and events.
        return all.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    private func end(_ run: Run) -> [Entry] {
        guard run.status == "complete", let completed = run.completedAt else { return [] }
        return [Entry(at: wording.time(completed), event: wording.say("draftEnd"))]
    }

    private func text(_ event: RunEvent, _ run: Run) -> String? {
        let w = wording
        switch event.kind {
        case .start(let who, let drill):
            let unit = run.unit.map { w.say("draftUnit", w.plain($0)) } ?? w.say("draftNoUnit")
            return w.say("draftStart", w.plain(run.title ?? run.procedure), run.version.map(String.init) ?? "?", unit,
                         w.plain(who), drill ? w.say("draftDrill") : "")
        case .operatorChange(let from, let to):
            return w.say("draftOperator", w.plain(to), w.plain(from ?? "?"))
        case .decision(let step, let answer, _, _, let second):
            return w.say("draftDecision", w.step(step, of: run), w.plain(answer), w.who(event.by, second: second))
        case .blocked(let step, _, let mismatches):
            return w.say("draftBlocked", w.step(step, of: run), w.who(event.by), mismatchText(mismatches, run))
        case .override(let step, _, let mismatches, let reason, let second):
            return w.say("draftOverride", w.step(step, of: run), w.who(event.by, second: second),
                         mismatchText(mismatches, run), w.plain(reason))
        case .correction(let step, let reason, let previous, let previousValues, let answer, _, let values):
            var changes: [String] = []
            if let answer { changes.append(w.say("draftReplaced", previous.map(w.value) ?? "—", w.plain(answer))) }
            for entry in values?.entries ?? [] {
                let before = previousValues?[entry.id].map(w.value) ?? "—"
                changes.append("« \(w.label(entry.id, of: run)) » : " + w.say("draftReplaced", before, w.value(entry.value)))
            }
            return w.say("draftCorrection", w.step(step, of: run), w.who(event.by), changes.joined(separator: " ; "),
                         w.plain(reason))
        case .done(let step, _, let second):
            guard let procedure = w.procedures[run.procedure],
                  procedure.allSteps.first(where: { $0.id.value == step })?.requiresReconciled != nil else { return nil }
            return w.say("draftDone", w.step(step, of: run), w.who(event.by, second: second))
        case .rowAdd(let log, let row, let values, let confirmed):
            return rowAdded(event, log: log, row: row, values: values, confirmed: confirmed, run)
        case .rowVoid(let log, let row, let reason):
            return w.say("draftRowVoid", w.logTitle(log, of: run), String(row), rowName(log, row, run), w.who(event.by),
                         w.plain(reason))
        case .rowReconcile(let log, let row, let values):
            return w.say("draftRowReconcile", w.logTitle(log, of: run), String(row), rowName(log, row, run),
                         w.values(values, of: run), w.who(event.by))
        case .takeOver:
            return nil
        }
    }

    private func rowAdded(_ event: RunEvent, log: String, row: Int, values: RunValues, confirmed: RowConfirmation?,
                          _ run: Run) -> String? {
        let w = wording
        let name = w.row(values, log: log, of: run)
        if let confirmed {
            let refusals = confirmed.refusals.map { refusal -> String in
                let earlier = refusal.row.map(String.init) ?? "?"
                let expected = refusal.expected.map(w.value) ?? "—"
                return switch refusal.kind {
                case "on-hold": w.say("draftOnHold", earlier)
                case "counter-duplicate": w.say("draftCounterDuplicate", earlier, expected)
                case "counter-gap": w.say("draftCounterGap", earlier, expected)
                default: w.plain(refusal.kind)
                }
            }
            return w.say("draftRowConfirmed", w.logTitle(log, of: run), String(row), name, w.who(event.by),
                         refusals.joined(separator: " ; "), w.plain(confirmed.reason))
        }
        // Late: in a log that counts fractions (the sessions delivered), the row's first date-time column — the
        // session it describes — is well before the time the row was written.
        guard let definition = w.log(log, of: run), definition.counterColumn != nil,
              let column = definition.columns.first(where: { $0.type.value == .datetime && values[$0.id.value] != nil }),
              case .text(let written)? = values[column.id.value], let session = RunTime(written) else { return nil }
        let delay = minutes(from: session.local(in: w.zone), to: w.time(event.at))
        guard delay > Self.lateMinutes else { return nil }
        return w.say("draftRowLate", w.logTitle(log, of: run), String(row), name, w.who(event.by),
                     w.duration(minutes: delay), w.value(.text(written)))
    }

    private func rowName(_ log: String, _ row: Int, _ run: Run) -> String {
        // The row's own values, from the event that added it.
        for event in run.events {
            if case .rowAdd(log, row, let values, _) = event.kind { return wording.row(values, log: log, of: run) }
        }
        return "—"
    }

    private func mismatchText(_ mismatches: [Mismatch], _ run: Run) -> String {
        let w = wording
        return mismatches.map { mismatch in
            "« \(w.label(mismatch.field, of: run)) » = \(w.value(mismatch.value)), « \(w.label(mismatch.mustMatch, of: run)) » = "
                + w.value(mismatch.expected) + (mismatch.tolerance.map { " (± \(w.plain($0)))" } ?? "")
        }.joined(separator: " ; ")
    }

    private func minutes(from start: LocalDateTime, to end: LocalDateTime) -> Int {
        func absolute(_ time: LocalDateTime) -> Int {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let day = calendar.date(from: DateComponents(year: time.date.year, month: time.date.month, day: time.date.day))!
            return Int(day.timeIntervalSince1970 / 60) + (time.minuteOfDay ?? 0)
        }
        return absolute(end) - absolute(start)
    }
}
