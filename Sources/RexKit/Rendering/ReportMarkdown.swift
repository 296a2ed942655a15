/// An incident as a Markdown report, in the order an AFCN REX reads (déroulement, actions correctrices,
/// recommandations), followed by Rex's structured record. An external record quotes its source, word for word,
/// in a part of its own, then gives the department's analysis and actions under headings that say so.
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
        let external = incident.origin.value == .external
        let own = { (key: String) in label(external ? "\(key)Department" : key) }
        let sub = external ? "###" : "##"
        var lines = ["# \(plain(incident.title))", ""]
        if let source = incident.source { lines += ["*\(plain(source))*", ""] }
        if external { lines += ["> **\(plain(label("externalNotice")))**", ""] }
        lines += ["## \(own("synopsis"))", "", incident.synopsis, ""]
        if let quoted = incident.quoted, !quoted.isEmpty {
            lines += ["## \(label("sourcePart"))\(incident.source.map { " — \(plain($0))" } ?? "")", ""]
            if let narrative = quoted.narrative { lines += ["### \(label("quotedNarrative"))", "", blockquote(narrative), ""] }
            if !quoted.actions.isEmpty {
                lines += ["### \(label("quotedActions"))", "", blockquote(quoted.actions.map { "- " + oneLine($0) }.joined(separator: "\n")), ""]
            }
            if let recommendations = quoted.recommendations {
                lines += ["### \(label("quotedRecommendations"))", "", blockquote(recommendations), ""]
            }
        }
        if external { lines += ["## \(label("departmentPart"))", ""] }
        if let narrative = incident.narrative { lines += ["\(sub) \(own("narrative"))", "", narrative, ""] }
        if let analysis = incident.analysis { lines += ["\(sub) \(label("analysis"))", "", analysis, ""] }
        if !incident.causes.isEmpty {
            lines += ["\(sub) \(own("causes"))", ""] + incident.causes.map(causeLine) + [""]
        }
        if !incident.actions.isEmpty {
            lines += ["\(sub) \(own("actions"))", ""] + incident.actions.map(actionLine) + [""]
        }
        if let recommendations = incident.recommendations {
            lines += ["\(sub) \(own("recommendations"))", "", recommendations, ""]
        }
        if let lessons = incident.lessons { lines += ["\(sub) \(label("lessons"))", "", lessons, ""] }
        lines += structured(label: label, own: own)
        return Markdown.commonMark(lines.joined(separator: "\n"))
    }

    private func structured(label: (String) -> String, own: (String) -> String) -> [String] {
        let value = { (raw: String) in Labels.value(raw, language: self.incident.language) }
        let language = incident.language
        var lines = ["## \(label("structured"))", ""]
        let severity = incident.severity.map {
            plain(severityText($0, scales: handbook.settings.severityScales, language: language, origin: incident.origin.value))
                + ($0.note.map { " — " + oneLine($0) } ?? "")
        }
        let rows: [(String, String)] = [
            (label("id"), incident.id.value),
            (label("origin"), value(incident.origin.value.rawValue)),
            (label("class"), value(incident.eventClass.rawValue)),
            (label("occurred"), datedText(incident.occurred.value, approximate: incident.occurredApproximate, language: language)),
            (label("detected"), incident.detected.map {
                datedText($0.value, approximate: incident.detectedApproximate, language: language)
            } ?? "—"),
            (label("systems"), incident.systems.isEmpty ? "—" : plain(incident.systems.joined(separator: ", "))),
            (label("patientsAffected"), incident.patientsAffected.map(String.init) ?? "—"),
            (label("severity"), severity ?? "—"),
            (label("status"), value(incident.status.value.rawValue)),
            (label("revision"), incident.revision),
        ]
        lines += rows.map { "- **\($0.0)** : \($0.1)" } + [""]
        if !incident.timeline.isEmpty {
            lines += ["### \(own("timeline"))", ""]
            lines += incident.timeline.map { entry in
                "- **\(entry.at.dayFirst)**\(entry.approximate ? " (\(label("approx")))" : "") — \(oneLine(entry.event))"
            }
            lines.append("")
        }
        if !incident.followed.isEmpty {
            lines += ["### \(label("followed"))", ""]
            lines += incident.followed.map { id in
                let procedure = handbook.procedure(id.value)
                return "- \(plain(procedure?.title ?? id.value)) (\(id.value)\(procedure.map { ", v\($0.version)" } ?? ""))"
            }
            lines.append("")
        }
        return lines
    }

    private func causeLine(_ cause: Cause) -> String {
        let category = Labels.value(cause.category.rawValue, language: incident.language)
        let contributing = cause.contributing ? " · \(Labels.forLanguage(incident.language)["t_contributing"] ?? "")" : ""
        return "- **\(category)**\(contributing) — \(oneLine(cause.text))"
    }

    private func actionLine(_ action: CorrectiveAction) -> String {
        let t = Labels.forLanguage(incident.language)
        var line = "- \(oneLine(action.text)) — *\(Labels.value(action.status.rawValue, language: incident.language))*"
        if let owner = action.owner { line += ", \(plain(owner))" }
        if let due = action.due { line += ", \((t["t_due"] ?? "due").lowercased()) \(due.value.dayFirst)" }
        if let procedure = action.procedure {
            line += " → \(plain(handbook.procedure(procedure.value)?.title ?? procedure.value)) (\(procedure.value))"
        }
        return line
    }

    /// Markdown quoted as a block, line by line, so the source's paragraphs and lists stay what they were.
    private func blockquote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> \($0)" }.joined(separator: "\n")
    }

    private func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ") }

    private func plain(_ text: String) -> String { Markdown.escaped(text) }
}
