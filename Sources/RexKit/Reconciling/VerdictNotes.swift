/// How the verdict names units, rows, notes and counter discrepancies: in English on the command line, in the
/// handbook's language (Labels) on the printed report. `{0}`, `{1}`… are filled in order.
struct VerdictPhrases {
    var noUnit, rowName, note, step, row, counterDuplicate, counterGap: String
    /// "2026-11-17 10:30" or "17/11/2026 10:30".
    var dayFirst: Bool

    static let english = VerdictPhrases(
        noUnit: "(unit not named)", rowName: "{0}, row {1} of “{2}” ({3})", note: "{0}, run {1}, {2}, {3} by {4}: {5}",
        step: "step {0}", row: "row {0} of “{1}”",
        counterDuplicate: "{0}: “{1}” = {2} on {3} (row {4}, {5}); {6} (row {7}) already has {2}: duplicate, stale counter? "
            + "Expected: {8}.",
        counterGap: "{0}: “{1}” = {2} on {3} (row {4}, {5}); the previous session, {6} (row {7}), has {9}: expected {8} (gap).",
        dayFirst: false)

    /// The printed report's phrases, from the page words of `language`.
    static func labels(_ language: String) -> VerdictPhrases {
        let words = Labels.forLanguage(language)
        func word(_ key: String) -> String { words["t_" + key] ?? key }
        return VerdictPhrases(noUnit: word("reportNoUnit"), rowName: word("reportRowName"), note: word("reportNote"),
                              step: word("reportStep"), row: word("reportRow"),
                              counterDuplicate: word("reportCounterDuplicate"), counterGap: word("reportCounterGap"),
                              dayFirst: true)
    }

    /// Fills `{0}`…`{9}` in one pass: a filled-in value is never read again as a placeholder. (No regular
    /// expression: one built per call costs more than the whole verdict on a large outage.)
    func say(_ template: String, _ arguments: String...) -> String {
        var text = ""
        var characters = Array(template)[...]
        while let open = characters.firstIndex(of: "{") {
            text += String(characters[..<open])
            let digit = open + 1 < characters.endIndex ? characters[open + 1].wholeNumberValue : nil
            if let digit, open + 2 < characters.endIndex, characters[open + 2] == "}" {
                text += digit < arguments.count ? arguments[digit] : ""
                characters = characters[(open + 3)...]
            } else {
                text += "{"
                characters = characters[(open + 1)...]
            }
        }
        return text + String(characters)
    }

    /// A time as written at the workstation, to the minute.
    func shown(_ text: String) -> String {
        let minute = String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let parts = Array(minute)
        guard dayFirst, parts.count >= 10, parts[4] == "-", parts[7] == "-" else { return minute }
        return String(parts[8..<10]) + "/" + String(parts[5..<7]) + "/" + String(parts[0..<4]) + String(parts[10...])
    }
}

/// What a closing report must show besides the rows: every override of a step, every row added despite an alert,
/// every void — of the counted runs, in the order recorded — and how the verdict names units, rows and times.
extension DepartmentVerdict {
    struct Note {
        let run: Run
        let at: RunTime
        let by: String?
        let reason: String
        /// The step overridden (`number` and id), or the row.
        let step: String?
        let row: OutageRow?
    }

    var overrides: [Note] {
        let numbering = StepNumbering(outage.procedure)
        return outage.counted.flatMap { run in
            run.events.compactMap { event -> Note? in
                guard case .override(let step, _, _, let reason, _) = event.kind else { return nil }
                return Note(run: run, at: event.at, by: event.by, reason: reason,
                            step: "\(numbering.number(of: step)) (\(step))", row: nil)
            }
        }
    }

    var confirmedRows: [Note] {
        rows.compactMap { row in
            row.confirmed.map { Note(run: row.run, at: row.at, by: row.by, reason: $0.reason, step: nil, row: row) }
        }
    }

    var voids: [Note] {
        rows.compactMap { row in
            row.voided.map { Note(run: row.run, at: $0.at, by: $0.by, reason: $0.reason, step: nil, row: row) }
        }
    }

    /// The unit's name as the department says it, its id when the handbook does not declare it.
    func unitName(_ run: Run, _ w: VerdictPhrases = .english) -> String {
        guard let id = run.unit else { return w.noUnit }
        return outage.handbook.settings.units.first { $0.id.value == id }?.name ?? id
    }

    /// "2026-11-17 10:30": a time as written at the workstation, to the minute.
    static func shown(_ text: String) -> String { VerdictPhrases.english.shown(text) }

    /// "Fraction n° 18, 2026-11-17 10:30": the counter and time of a row.
    func summary(_ row: OutageRow, _ w: VerdictPhrases = .english) -> String {
        var parts: [String] = []
        if let column = row.log.counterColumn {
            parts.append("\(column.label) \(row.counter.map(formatNumber) ?? "—")")
        }
        parts.append(w.shown(row.time))
        return parts.joined(separator: ", ")
    }

    /// "Halcyon, row 1 of “Séances…” (Fraction n° 18, 2026-11-17 10:30)".
    func rowName(_ row: OutageRow, _ w: VerdictPhrases = .english) -> String {
        w.say(w.rowName, unitName(row.run, w), String(row.number), row.log.title, summary(row, w))
    }

    func noteText(_ note: Note, _ w: VerdictPhrases = .english) -> String {
        let what = note.step.map { w.say(w.step, $0) } ?? note.row.map { w.say(w.row, String($0.number), $0.log.title) } ?? ""
        return w.say(w.note, unitName(note.run, w), note.run.runID, what, w.shown(note.at.text), note.by ?? "?", note.reason)
    }

    func counterText(_ issue: CounterIssue, _ w: VerdictPhrases = .english) -> String {
        let row = issue.row, earlier = issue.earlier
        return w.say(issue.kind == "counter-duplicate" ? w.counterDuplicate : w.counterGap, row.patient ?? "?",
                     row.log.counterColumn?.label ?? "", row.counter.map(formatNumber) ?? "—", unitName(row.run, w),
                     String(row.number), w.shown(row.time), unitName(earlier.run, w), String(earlier.number),
                     formatNumber(issue.expected), earlier.counter.map(formatNumber) ?? "—")
    }
}
