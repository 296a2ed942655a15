/// An incident as a Markdown report, in the order an AFCN REX reads (déroulement, actions correctrices,
/// recommandations), followed by Rex's structured record.
public struct ReportMarkdown {
    let incident: Incident
    let handbook: Handbook

    public init(incident: Incident, handbook: Handbook) {
        self.incident = incident
        self.handbook = handbook
    }

    public func render() -> String {
        let t = Labels.forLanguage(incident.language)
        let label = { (key: String) in t["t_\(key)"] ?? key }
        let value = { (raw: String) in Labels.value(raw, language: incident.language) }
        var lines = ["# \(plain(incident.title))", ""]
        if let source = incident.source { lines += ["*\(plain(source))*", ""] }
        lines += ["## \(label("synopsis"))", "", incident.synopsis, ""]
        if let narrative = incident.narrative { lines += ["## \(label("narrative"))", "", narrative, ""] }
        if !incident.actions.isEmpty {
            lines += ["## \(label("actions"))", ""]
            for action in incident.actions {
                var line = "- \(action.text.replacingOccurrences(of: "\n", with: " ")) — *\(value(action.status.rawValue))*"
                if let owner = action.owner { line += ", \(plain(owner))" }
                if let due = action.due { line += ", \(label("due").lowercased()) \(due.dayFirst)" }
                if let procedure = action.procedure {
                    line += " → \(plain(handbook.procedure(procedure.value)?.title ?? procedure.value)) (\(procedure.value))"
                }
                lines.append(line)
            }
            lines.append("")
        }
        if let recommendations = incident.recommendations {
            lines += ["## \(label("recommendations"))", "", recommendations, ""]
        }
        if let lessons = incident.lessons { lines += ["## \(label("lessons"))", "", lessons, ""] }
        lines += ["## \(label("structured"))", ""]
        let severity = incident.severity.map {
            plain(severityText($0, scales: handbook.settings.severityScales, language: incident.language))
        }
        let rows: [(String, String)] = [
            (label("id"), incident.id.value),
            (label("class"), value(incident.eventClass.rawValue)),
            (label("occurred"), incident.occurred.value.dayFirst),
            (label("detected"), incident.detected?.value.dayFirst ?? "—"),
            (label("systems"), incident.systems.isEmpty ? "—" : plain(incident.systems.joined(separator: ", "))),
            (label("patientsAffected"), incident.patientsAffected.map(String.init) ?? "—"),
            (label("severity"), severity ?? "—"),
            (label("status"), value(incident.status.value.rawValue)),
            (label("revision"), incident.revision),
        ]
        lines += rows.map { "- **\($0.0)** : \($0.1)" } + [""]
        if !incident.timeline.isEmpty {
            lines += ["## \(label("timeline"))", ""]
            lines += incident.timeline.map { entry in
                "- **\(entry.at.dayFirst)**\(entry.approximate ? " (\(label("approx")))" : "") — \(entry.event)"
            }
            lines.append("")
        }
        if !incident.causes.isEmpty {
            lines += ["## \(label("causes"))", ""]
            lines += incident.causes.map { "- **\(value($0.category.rawValue))** — \($0.text.replacingOccurrences(of: "\n", with: " "))" }
            lines.append("")
        }
        return Markdown.commonMark(lines.joined(separator: "\n"))
    }

    private func plain(_ text: String) -> String { Markdown.escaped(text) }
}
