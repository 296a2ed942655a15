/// A draft REX record (`incidents/ID.yml`) from exported runs: `origin: internal`, `status: draft`, the procedures
/// followed, the units, a timeline of what the runs recorded and, in the synopsis, the runs and their row counts. The
/// narrative, analysis, causes and actions are left for the QA officer and say so. Every text from a run is quoted,
/// so the draft reads back as written, whatever the runs hold.
public struct IncidentDraft {
    let id: String
    let runs: [Run]
    let wording: DraftWording
    let today: LocalDate
    /// The run files, as shown in the draft's header.
    let files: [String]

    public init(id: String, runs: [Run], handbook: Handbook, today: LocalDate, files: [String]) {
        self.id = id
        self.runs = runs
        self.wording = DraftWording(handbook: handbook)
        self.today = today
        self.files = files
    }

    public func text() -> String {
        let w = wording
        let timeline = DraftTimeline(wording: w).entries(runs)
        let starts = runs.compactMap { $0.events.first.map { w.time($0.at) } }
        let occurred = starts.min() ?? LocalDateTime(date: today)
        let first = runs.first
        var title = w.say("draftTitle", first.map { $0.title ?? $0.procedure } ?? "", occurred.date.dayFirst)
        if first?.drill == true { title += w.say("draftDrill") }
        var followed: [String] = []
        for run in runs where !followed.contains(run.procedure) { followed.append(run.procedure) }
        var units: [String] = []
        for run in runs {
            if let unit = run.unit.map({ w.say("draftUnit", DraftWording.oneLine($0)) }), !units.contains(unit) { units.append(unit) }
        }
        let comment = w.say("draftHeader", today.dayFirst, String(runs.count), files.joined(separator: ", "))
        var lines = wrapped(comment).map(YAMLQuoting.comment)
        lines += [
            "id: \(id)",
            "title: \(YAMLQuoting.quoted(DraftWording.oneLine(title)))",
            "language: \(w.language)",
            "origin: internal",
            "source: \(YAMLQuoting.quoted(w.say("draftSource", String(runs.count))))",
            "event_class: operational  " + YAMLQuoting.comment(w.say("draftToComplete")),
            "occurred: \(occurred)",
        ]
        if !units.isEmpty { lines.append("systems: [\(units.map(YAMLQuoting.quoted).joined(separator: ", "))]") }
        lines += ["status: draft", "synopsis: |"]
        lines += ([w.say("draftSynopsis"), "", w.say("draftRecorded"), ""]
                  + DraftSummary(wording: w).lines(runs).map { "- \($0)" }).map { $0.isEmpty ? "" : "  \($0)" }
        lines.append("narrative: \(YAMLQuoting.quoted(w.say("draftNarrative")))")
        if timeline.isEmpty {
            lines.append("timeline: []")
        } else {
            lines.append("timeline:")
            for entry in timeline {
                lines.append("  - at: \(entry.at)")
                lines.append("    event: \(YAMLQuoting.quoted(entry.event))")
            }
        }
        lines += [
            "analysis: \(YAMLQuoting.quoted(w.say("draftAnalysis")))",
            "causes: []  " + YAMLQuoting.comment(w.say("draftToComplete")),
            "actions: []  " + YAMLQuoting.comment(w.say("draftToComplete")),
            "followed: [\(followed.joined(separator: ", "))]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A long comment on lines of at most about 110 characters.
    private func wrapped(_ text: String) -> [String] {
        var lines: [String] = [], line = ""
        for word in DraftWording.oneLine(text).split(separator: " ") {
            if !line.isEmpty, line.count + word.count + 1 > 110 {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " \(word)"
        }
        return lines + (line.isEmpty ? [] : [line])
    }
}
