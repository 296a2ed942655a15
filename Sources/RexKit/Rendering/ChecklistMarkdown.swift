/// A procedure as a CommonMark checklist: steps as `- [ ]` items, fields as labelled blanks,
/// decisions as explicit go-tos, the end marked; normalised through cmark's CommonMark renderer.
/// Plain-text fields (titles, labels, answers) are escaped; Markdown fields are kept as written.
public struct ChecklistMarkdown {
    let procedure: Procedure
    let handbook: Handbook
    /// Numbers, jumps and labels, derived once for every output of the procedure (`ProcedureFacts`).
    private let facts: ProcedureFacts
    private var numbering: StepNumbering { facts.numbering }
    private var words: [String: String] { facts.words }

    public init(procedure: Procedure, handbook: Handbook) {
        self.procedure = procedure
        self.handbook = handbook
        facts = ProcedureFacts(procedure, numbering: StepNumbering(procedure), words: Labels.forLanguage(procedure.language))
    }

    public func render() -> String {
        var lines = header() + opening()
        for (index, section) in procedure.sections.enumerated() {
            lines += ["## \(index + 1). \(plain(section.title)) — \(value(section.mode.rawValue))", ""]
            lines += section.steps.flatMap(step) + [""]
        }
        for log in procedure.logs {
            lines += ["## \(label("log")) : \(plain(log.title))", "", (log.columns + log.reconcile).map(column)
                .joined(separator: " | "), ""]
            if let patient = log.patientColumn { lines += holdList(of: log, patient: patient) }
        }
        if procedure.closesAtDepartment { lines += departmentSheet() }
        let normalised = Markdown.commonMark(lines.joined(separator: "\n"))
        // cmark escapes the brackets of a task item; put the checkbox back.
        return normalised.replacingOccurrences(of: "- \\[ \\] ", with: "- [ ] ")
    }

    private func header() -> [String] {
        let control = [
            "**\(label("id"))** \(procedure.id.value)",
            "**\(label("version"))** \(procedure.version)",
            "**\(label("status"))** \(value(procedure.status.value.rawValue))",
            "**\(label("effective"))** \(procedure.effective?.value.dayFirst ?? "—")",
            "**\(label("reviewBy"))** \(procedure.reviewBy?.value.dayFirst ?? "—")",
            "**\(label("revision"))** \(procedure.revision)",
        ]
        return ["# \(plain(procedure.title))", "", control.joined(separator: " · "), ""]
    }

    private func opening() -> [String] {
        var lines = ["## \(label("when"))", "", procedure.when, ""]
        if let objective = procedure.objective { lines += ["## \(label("objective"))", "", objective, ""] }
        if !procedure.roles.isEmpty {
            lines += ["## \(label("roles"))", ""]
            lines += procedure.roles.map { "- **\($0.id.value)** — \(plain($0.title))" } + [""]
        }
        if !procedure.contacts.isEmpty {
            lines += ["## \(label("contacts"))", ""]
            lines += procedure.contacts.map { contact in
                let role = contact.role.map { " (\($0.value))" } ?? ""
                let note = contact.note.map { " — \(plain($0))" } ?? ""
                return "- \(plain(contact.name))\(role) : \(plain(contact.phone ?? "—"))\(note)"
            } + [""]
        }
        return lines
    }

    private func step(_ step: Step) -> [String] {
        var lines: [String] = []
        for (kind, text) in [("warning", step.warning), ("caution", step.caution), ("note", step.note)] {
            if let text { lines += ["> **\(label(kind))** — " + indented(text, by: "> "), ""] }
        }
        let role = step.role.map { " \\[\($0.value)\\]" } ?? ""
        let body = step.action ?? step.question ?? ""
        lines.append("- [ ] **\(numbering.number(of: step.id.value))**\(role) " + indented(body, by: "  "))
        if let expect = step.expect { lines.append("  — **\(plain(expect))**") }
        return lines + details(of: step).map { "  - \($0)" }
    }

    /// The lines under a step: blanks to fill, checks, the log to write, where to go next.
    private func details(of step: Step) -> [String] {
        var details: [String] = []
        for field in step.record {
            // Blanks are underscores: escaped so cmark keeps them as text, not emphasis.
            var line = "\(plain(field.label)) : \(plain(FieldView.paperBlank(field.type.value)))"
            if let unit = field.unit { line += " \(plain(unit))" }
            if let options = field.options?.value { line += " (" + options.map { "□ \(plain($0))" }.joined(separator: " ") + ")" }
            if !field.required { line += " (\(label("optional")))" }
            details.append(line)
            if let other = field.mustMatch {
                let matched = plain(facts.matchedLabel(other.value))
                let tolerance = toleranceLabel(of: field).map { " (\(plain($0)))" } ?? ""
                details.append("\\= \(matched)\(tolerance) ? □ \(label("yes")) □ \(label("no"))")
            }
        }
        if let log = step.log { details.append("\(label("log")) : \(plain(logTitle(log.value)))") }
        if let log = step.requiresReconciled {
            details.append("\(label("requiresReconciled")) (\(plain(logTitle(log.value))))")
            if procedure.closesAtDepartment && numbering.next(after: step) == .end {
                details.append(plain(label("departmentCloseRef")))
            }
        }
        if step.doubleCheck {
            details.append("\(label("doneBy")) \(plain("[____]")) / \(label("checkedBy")) \(plain("[____]"))")
        }
        for choice in step.choices {
            details.append("\(label("if")) « \(plain(choice.answer)) » → \(destination(choice.goto?.value ?? .end))")
        }
        let next = numbering.next(after: step)
        if next == .end {
            details.append("■ \(label("end"))")
        } else if let goto = step.goto?.value {
            details.append("→ \(destination(goto))")
        }
        return details
    }

    /// A log column's heading, with the patient and counter marks of the paper log.
    private func column(_ field: Field) -> String {
        var text = plain(field.label)
        if field.type.value == .patient { text += " (\(plain(label("patientMark"))))" }
        if field.isCounter { text += " (\(plain(label("counterMark"))))" }
        return text
    }

    /// The department closing sheet (`closing: department`): one line per unit, to fill in, then the signatures.
    private func departmentSheet() -> [String] {
        let columns = ["unit", "logReturned", "notAffected", "rowsWritten", "rowsVoided", "rowsReconciled", "unitInitials"]
        return ["## \(label("departmentSheetTitle"))", "", label("departmentSheetHelp"), "",
                columns.map(label).joined(separator: " | "), ""]
            + handbook.settings.units.map { "- \(plain($0.name)) : □ \(label("logReturned")) □ \(label("notAffected"))" }
            + ["", label("departmentSignOff"), "", "\(label("coordinator")) : \(label("name")), \(label("signature")), "
               + label("dateTime"), "", "\(label("physicist")) : \(label("name")), \(label("signature")), \(label("dateTime"))", ""]
    }

    /// The blank hold list printed after a log that names its patients.
    private func holdList(of log: DowntimeLog, patient: Field) -> [String] {
        let columns = [plain(patient.label), label("holdRow")] + (log.counterColumn.map { [plain($0.label)] } ?? [])
            + [label("time"), label("releasedByPhysicist"), label("releasedByOncologist")]
        return ["## \(label("holdListTitle"))", "", "\(label("log")) : \(plain(log.title))", "", label("holdListHelp"), "",
                columns.joined(separator: " | "), ""]
    }

    private func destination(_ target: StepTarget) -> String {
        switch target {
        case .end: "■ \(label("end"))"
        case .step(let id): "\(label("goTo")) \(numbering.number(of: id))"
        }
    }

    private func logTitle(_ id: String) -> String { facts.logTitle(id) }
    private func label(_ key: String) -> String { words["t_\(key)"] ?? key }
    private func value(_ raw: String) -> String { Labels.value(raw, language: procedure.language) }
    private func plain(_ text: String) -> String { Markdown.escaped(text) }

    /// Continuation lines of a multi-line Markdown text indented to stay inside their list item or quote.
    private func indented(_ text: String, by prefix: String) -> String {
        let lines = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line in index == 0 ? String(line) : prefix + line }.joined(separator: "\n")
    }
}
