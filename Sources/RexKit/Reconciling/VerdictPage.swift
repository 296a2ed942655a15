/// `rex reconcile --format html`: the Mustache context of the printable report — the department's hold list on a
/// sheet of its own (release signatures), then the closing report (status, units and their rows, pending rows,
/// counters, overrides and voids, set-apart runs, warnings, signatures) — in the handbook's language.
extension DepartmentVerdict {
    func pageView(printedAt: String) -> VerdictPageView {
        let language = outage.handbook.settings.language
        let words = Labels.forLanguage(language)
        let w = VerdictPhrases.labels(language)
        func word(_ key: String) -> String { words["t_" + key] ?? key }
        let procedure = outage.procedure
        let holdRows = hold.map { entry in
            VerdictHoldView(patient: entry.patient, rows: entry.rows.map { rowName($0, w) }.joined(separator: " ; "))
        }
        let unitRows = units.map { status -> VerdictUnitView in
            let text: String = switch status.status {
            case .imported: word("unitImported")
            case .missing: word("unitMissing")
            case .notAffected: w.say(word("unitNotAffected"), status.notAffected!.initials,
                                     w.shown(status.notAffected!.at.text), status.notAffected!.reason)
            }
            return VerdictUnitView(id: status.unit.id.value, name: status.unit.name, status: status.status.rawValue,
                                   statusText: text, runs: status.runs.map(\.runID).joined(separator: ", "),
                                   written: status.written, voided: status.voided, reconciled: status.reconciled,
                                   pending: status.pending)
        }
        let apart = outage.runs.filter { outage.apart.contains($0.runID) }.map {
            "\(unitName($0, w)) — \($0.runID)\($0.drill ? " — " + word("reportDrill") : "")"
        }
        var sections: [(String, [String])] = [
            (word("reportPending"), pending.map { ($0.patient.map { $0 + " — " } ?? "") + rowName($0, w) }),
            (word("reportCounters"), counters.map { counterText($0, w) }),
            (word("reportOverrides"), overrides.map { noteText($0, w) } + confirmedRows.map { noteText($0, w) }),
            (word("reportVoids"), voids.map { noteText($0, w) }),
        ]
        if !apart.isEmpty { sections.append((word("reportApart"), apart)) }
        let warnings = flagged(w, word)
        if !warnings.isEmpty { sections.append((word("reportWarnings"), warnings)) }
        return VerdictPageView(
            isDrill: outage.drill, isComplete: isComplete,
            printedLine: w.say(word("reportPrinted"), outage.handbook.settings.name, procedure.title, procedure.id.value,
                               String(procedure.version), w.shown(printedAt)),
            statusLine: statusLine(w, word),
            closedLine: outage.closed.map { w.say(word("reportClosedOnBoard"), w.shown($0.at.text), $0.by ?? "?") },
            holdRows: holdRows, unitRows: unitRows,
            sections: sections.map { VerdictSectionView(title: $0, items: $1.map(VerdictItemView.init)) })
    }

    /// Runs to check although they count: another revision, a unit not named or not declared.
    private func flagged(_ w: VerdictPhrases, _ word: (String) -> String) -> [String] {
        let units = outage.handbook.settings.units.map(\.id.value)
        return outage.counted.flatMap { run -> [String] in
            var lines: [String] = []
            let name = "\(unitName(run, w)) — \(run.runID)"
            if run.revision != outage.procedure.revision {
                lines.append(w.say(word("reportRevision"), name, run.version.map(String.init) ?? "?", run.revision ?? "?",
                                   String(outage.procedure.version), outage.procedure.revision))
            }
            if !units.isEmpty, !units.contains(run.unit ?? "") { lines.append(w.say(word("reportUnitUnknown"), name)) }
            return lines
        }
    }

    private func statusLine(_ w: VerdictPhrases, _ word: (String) -> String) -> String {
        if isComplete { return word("reportComplete") }
        var reasons: [String] = []
        if !missingUnits.isEmpty { reasons.append(w.say(word("reportMissingUnits"), missingUnits.map(\.name).joined(separator: ", "))) }
        if outage.counted.isEmpty && missingUnits.isEmpty { reasons.append(word("reportNoRun")) }
        if !pending.isEmpty { reasons.append(w.say(word("reportPendingRows"), String(pending.count))) }
        return w.say(word("reportNotClosed"), reasons.joined(separator: " ; "))
    }
}
