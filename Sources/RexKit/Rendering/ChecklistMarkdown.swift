/// A procedure as a CommonMark checklist: steps as `- [ ]` items, fields as labelled blanks,
/// decisions as explicit go-tos, the end marked; normalised through cmark's CommonMark renderer.
public struct ChecklistMarkdown {
    let procedure: Procedure
    let handbook: Handbook

    public init(procedure: Procedure, handbook: Handbook) {
        self.procedure = procedure
        self.handbook = handbook
    }

    public func render() -> String {
        let t = Labels.forLanguage(procedure.language)
        let label = { (key: String) in t["t_\(key)"] ?? key }
        let numbering = StepNumbering(procedure)
        let value = { (raw: String) in Labels.value(raw, language: procedure.language) }
        var lines: [String] = ["# \(procedure.title)", ""]
        lines.append([
            "**\(label("id"))** \(procedure.id.value)",
            "**\(label("version"))** \(procedure.version)",
            "**\(label("status"))** \(value(procedure.status.value.rawValue))",
            "**\(label("effective"))** \(procedure.effective?.value.dayFirst ?? "—")",
            "**\(label("reviewBy"))** \(procedure.reviewBy?.value.dayFirst ?? "—")",
            "**\(label("revision"))** \(procedure.revision)",
        ].joined(separator: " · "))
        lines += ["", "## \(label("when"))", "", procedure.when, ""]
        if let objective = procedure.objective { lines += ["## \(label("objective"))", "", objective, ""] }
        if !procedure.roles.isEmpty {
            lines += ["## \(label("roles"))", ""] + procedure.roles.map { "- **\($0.id.value)** — \($0.title)" } + [""]
        }
        if !procedure.contacts.isEmpty {
            lines += ["## \(label("contacts"))", ""]
            lines += procedure.contacts.map { contact in
                let role = contact.role.map { " (\($0.value))" } ?? ""
                return "- \(contact.name)\(role) : \(contact.phone ?? "—")\(contact.note.map { " — \($0)" } ?? "")"
            }
            lines.append("")
        }
        for (index, section) in procedure.sections.enumerated() {
            lines += ["## \(index + 1). \(section.title) — \(value(section.mode.rawValue))", ""]
            for step in section.steps {
                for (kind, text) in [("warning", step.warning), ("caution", step.caution), ("note", step.note)] {
                    if let text { lines += ["> **\(label(kind))** — " + indented(text, by: "> ", first: false), ""] }
                }
                let role = step.role.map { " [\($0.value)]" } ?? ""
                let body = step.action ?? step.question ?? ""
                lines.append("- [ ] **\(numbering.number(of: step.id.value))**\(role) " + indented(body, by: "  ", first: false))
                if let expect = step.expect { lines.append("  — **\(expect)**") }
                var details: [String] = []
                for field in step.record {
                    // Blanks are underscores: escaped so cmark keeps them as text, not emphasis.
                    let blank = ProcedureContext.paperBlank(field.type.value).replacingOccurrences(of: "_", with: "\\_")
                    var line = "\(field.label) : \(blank)"
                    if let unit = field.unit { line += " \(unit)" }
                    if let options = field.options?.value { line += " (" + options.map { "□ \($0)" }.joined(separator: " ") + ")" }
                    if !field.required { line += " (\(label("optional")))" }
                    details.append(line)
                    if let other = field.mustMatch {
                        details.append("= \(matchedFieldLabel(other.value, in: procedure, numbering: numbering)) ? □ oui □ non")
                    }
                }
                if let log = step.log { details.append("\(label("log")) : \(log.value)") }
                if let log = step.requiresReconciled { details.append("\(label("requiresReconciled")) (\(log.value))") }
                if step.doubleCheck { details.append("\(label("doneBy")) \\[\\_\\_\\_\\_\\] / \(label("checkedBy")) \\[\\_\\_\\_\\_\\]") }
                for choice in step.choices {
                    let target = choice.goto?.value ?? .end
                    let destination = target == .end ? "■ \(label("end"))" : "\(label("goTo")) \(numbering.number(of: target.description))"
                    details.append("\(choice.answer) → \(destination)")
                }
                let next = numbering.next(after: step)
                if next == .end {
                    details.append("■ \(label("end"))")
                } else if let goto = step.goto, case .step(let id) = goto.value {
                    details.append("→ \(label("goTo")) \(numbering.number(of: id))")
                }
                lines += details.map { "  - \($0)" }
            }
            lines.append("")
        }
        for log in procedure.logs {
            let columns = (log.columns + log.reconcile).map { $0.label }
            lines += ["## \(label("log")) : \(log.title)", "", columns.joined(separator: " | "), ""]
        }
        let normalised = Markdown.commonMark(lines.joined(separator: "\n"))
        // cmark escapes the brackets of a task item; put the checkbox back.
        return normalised.replacingOccurrences(of: "- \\[ \\] ", with: "- [ ] ")
    }

    /// Continuation lines of a multi-line text indented to stay inside their list item or quote.
    private func indented(_ text: String, by prefix: String, first: Bool) -> String {
        let lines = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line in
            index == 0 && !first ? String(line) : prefix + line
        }.joined(separator: "\n")
    }
}
