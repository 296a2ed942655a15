/// Procedure → the Mustache context of its page, its checklist and its binder chapter.
/// Plain strings are escaped by the templates; keys ending in `HTML` hold cmark's safe HTML.
struct ProcedureContext {
    let procedure: Procedure
    let handbook: Handbook
    let numbering: StepNumbering
    let language: String

    init(_ procedure: Procedure, in handbook: Handbook) {
        self.procedure = procedure
        self.handbook = handbook
        self.numbering = StepNumbering(procedure)
        self.language = procedure.language
    }

    /// The document's own keys (not the page chrome). `link` gives the address of a language version from the page
    /// being rendered (nil on a standalone file, which names the versions without links).
    func values(today: LocalDate, link: (String) -> String? = { _ in nil }) -> [String: Any] {
        let versions = handbook.languageVersions(of: procedure)
        let translations = versions.map { version -> [String: Any] in
            let id = version.id.value
            let href = id == procedure.id.value ? nil : link(id)
            return ["translationName": Wording.table(version.language).pages["languageName"] ?? version.language,
                    "translationLang": version.language, "isCurrent": id == procedure.id.value,
                    "translationHref": href ?? "", "hasTranslationHref": href != nil]
        }
        let roles = procedure.roles.map { ["roleID": $0.id.value, "roleTitle": $0.title] }
        let contacts = procedure.contacts.map { contact -> [String: Any] in
            ["contactName": contact.name, "contactPhone": contact.phone ?? "", "contactNote": contact.note ?? "",
             "contactRole": contact.role.map { roleTitle($0.value) } ?? ""]
        }
        let incidents = procedure.incidents.map(incidentLink)
        return [
            "docID": procedure.id.value,
            "docTitle": procedure.title,
            "docKind": Labels.value(procedure.kind.rawValue, language: language),
            "docVersion": procedure.version,
            "docStatus": procedure.status.value.rawValue,
            "docStatusLabel": Labels.value(procedure.status.value.rawValue, language: language),
            "isDraft": procedure.status.value == .draft,
            "isRetired": procedure.status.value == .retired,
            "docOwner": procedure.owner,
            "docApprovedBy": procedure.approvedBy ?? "—",
            "docEffective": procedure.effective?.value.dayFirst ?? "—",
            "docReviewBy": procedure.reviewBy?.value.dayFirst ?? "—",
            "reviewOverdue": procedure.isReviewOverdue(on: today),
            "docRevision": procedure.revision,
            "hasTranslations": versions.count > 1,
            "translations": translations,
            "whenHTML": Markdown.html(procedure.when),
            "objectiveHTML": procedure.objective.map(Markdown.html) ?? "",
            "hasObjective": procedure.objective != nil,
            "roles": roles, "hasRoles": !roles.isEmpty,
            "contacts": contacts, "hasContacts": !contacts.isEmpty,
            "incidents": incidents, "hasIncidents": !incidents.isEmpty,
            "sections": procedure.sections.enumerated().map(section),
            "logs": procedure.logs.map(log),
            "hasLogs": !procedure.logs.isEmpty,
            // The runner asks a run's unit when the department declares its units.
            "units": units, "hasUnits": !units.isEmpty,
            // Closed on the reconciliation board: the paper prints a department closing sheet, one line per unit.
            "closesAtDepartment": procedure.closesAtDepartment,
            "departmentRows": (1...Self.departmentExtraRows).map { ["departmentExtraRow": $0] },
        ]
    }

    private var units: [[String: Any]] {
        handbook.settings.units.map { ["unitID": $0.id.value, "unitName": $0.name] }
    }

    /// Blank lines under the declared units on the department closing sheet (a console not listed, a second run).
    static let departmentExtraRows = 2

    private func section(_ index: Int, _ section: Section) -> [String: Any] {
        [
            "sectionNumber": index + 1,
            "sectionTitle": section.title,
            "sectionMode": section.mode.rawValue,
            "sectionModeLabel": Labels.value(section.mode.rawValue, language: language),
            "steps": section.steps.map(step),
        ]
    }

    private func step(_ step: Step) -> [String: Any] {
        let choices = step.choices.map { choice -> [String: Any] in
            let target = choice.goto?.value ?? .end
            return ["answer": choice.answer, "target": target.description, "targetNumber": targetNumber(target),
                    "targetIsEnd": target == .end]
        }
        let next = numbering.next(after: step)
        let because = step.because.map(incidentLink)
        let fields = step.record.map(field)
        return [
            "stepID": step.id.value,
            "stepNumber": numbering.number(of: step.id.value),
            "hasRole": step.role != nil,
            "stepRole": step.role.map { roleTitle($0.value) } ?? "",
            "stepRoleID": step.role?.value ?? "",
            "hasAction": step.action != nil,
            "actionHTML": step.action.map(Markdown.html) ?? "",
            "hasExpect": step.expect != nil,
            "expect": step.expect ?? "",
            "isDecision": step.isDecision,
            "questionHTML": step.question.map(Markdown.html) ?? "",
            "choices": choices,
            // An explicit jump, or the end of the procedure, is printed; flowing to the next step is not.
            "hasJump": step.goto != nil && next != .end,
            "jumpNumber": next.map(targetNumber) ?? "",
            "endsProcedure": next == .end,
            "fields": fields, "hasFields": !fields.isEmpty,
            "hasLog": step.log != nil,
            "logID": step.log?.value ?? "",
            "logTitle": step.log.map { logTitle($0.value) } ?? "",
            "doubleCheck": step.doubleCheck,
            "hasRequiresReconciled": step.requiresReconciled != nil,
            // The step that closes a department-level procedure sends the coordinator to the board.
            "isDepartmentClosing": procedure.closesAtDepartment && step.requiresReconciled != nil && next == .end,
            "requiresLogID": step.requiresReconciled?.value ?? "",
            "requiresLogTitle": step.requiresReconciled.map { logTitle($0.value) } ?? "",
            "hasWarning": step.warning != nil, "warningHTML": step.warning.map(Markdown.html) ?? "",
            "hasCaution": step.caution != nil, "cautionHTML": step.caution.map(Markdown.html) ?? "",
            "hasNote": step.note != nil, "noteHTML": step.note.map(Markdown.html) ?? "",
            "because": because, "hasBecause": !because.isEmpty,
        ]
    }

    private func field(_ field: Field) -> [String: Any] {
        let mustMatch = field.mustMatch.map { matchedFieldLabel($0.value, in: procedure, numbering: numbering) }
        let type = field.type.value
        return [
            "fieldID": field.id.value,
            "fieldLabel": field.label,
            "fieldType": type.rawValue,
            "fieldRequired": field.required,
            "hasUnit": field.unit != nil, "fieldUnit": field.unit ?? "",
            "hasMustMatch": mustMatch != nil, "mustMatchLabel": mustMatch ?? "",
            "hasTolerance": field.tolerance != nil, "toleranceLabel": toleranceLabel(of: field) ?? "",
            "toleranceText": field.tolerance?.value.text ?? "",
            "isPatientColumn": type == .patient, "isCounterColumn": field.isCounter,
            "hasDistinctFrom": field.distinctFrom != nil, "distinctFromID": field.distinctFrom?.value ?? "",
            "isChoice": type == .choice, "isCheckbox": type == .checkbox,
            "isInitials": type == .initials,
            "isPlainInput": ![.choice, .checkbox].contains(type),
            "inputType": Self.inputType(type),
            "hasMin": field.min != nil, "fieldMin": field.min.map { formatNumber($0.value) } ?? "",
            "hasMax": field.max != nil, "fieldMax": field.max.map { formatNumber($0.value) } ?? "",
            "options": (field.options?.value ?? []).map { ["option": $0] },
            "blank": Self.paperBlank(type),
        ]
    }

    private func log(_ log: DowntimeLog) -> [String: Any] {
        [
            "logID": log.id.value,
            "logTitle": log.title,
            "columns": log.columns.map(field),
            "reconcileColumns": log.reconcile.map(field),
            "hasReconcile": !log.reconcile.isEmpty,
            "paperRows": (1...log.paperRows).map { ["rowNumber": $0] },
            "columnCount": log.columns.count + log.reconcile.count + 1,
            // A log that names its patients gets a blank hold list to tape to the console.
            "hasHoldList": log.patientColumn != nil,
            "holdPatientLabel": log.patientColumn?.label ?? "",
            "hasHoldCounter": log.counterColumn != nil,
            "holdCounterLabel": log.counterColumn?.label ?? "",
            "holdRows": (1...Self.holdListRows).map { ["holdLine": $0] },
        ]
    }

    /// Empty lines of the printed hold list: one A4 page.
    static let holdListRows = 15

    static func inputType(_ type: FieldType) -> String {
        switch type {
        case .number: "number"
        case .date: "date"
        case .time: "time"
        case .datetime: "datetime-local"
        case .checkbox: "checkbox"
        case .text, .initials, .choice, .patient: "text"
        }
    }

    /// What a pen fills in on paper, sized for the type.
    static func paperBlank(_ type: FieldType) -> String {
        switch type {
        case .datetime: "__/__/____ __:__"
        case .date: "__/__/____"
        case .time: "__:__"
        case .initials: "[____]"
        case .number: "__________"
        case .checkbox: "□"
        case .text, .choice, .patient: "______________________________"
        }
    }

    private func targetNumber(_ target: StepTarget) -> String {
        switch target {
        case .end: Labels.forLanguage(language)["t_endShort"] ?? "END"
        case .step(let id): numbering.number(of: id)
        }
    }

    private func roleTitle(_ id: String) -> String {
        procedure.roles.first { $0.id.value == id }?.title ?? id
    }

    private func logTitle(_ id: String) -> String {
        procedure.logs.first { $0.id.value == id }?.title ?? id
    }

    private func incidentLink(_ id: Located<String>) -> [String: Any] {
        ["incidentID": id.value, "incidentTitle": handbook.incident(id.value)?.title ?? id.value]
    }
}

/// "Sauvegarde BD (2.1)": the label of the field a `must_match` names, with the step that records it.
func matchedFieldLabel(_ fieldID: String, in procedure: Procedure, numbering: StepNumbering) -> String {
    let step = procedure.allSteps.first { $0.record.contains { $0.id.value == fieldID } }
    let label = step?.record.first { $0.id.value == fieldID }?.label ?? fieldID
    return step.map { "\(label) (\(numbering.number(of: $0.id.value)))" } ?? label
}

/// "± 10 min", "± 0.5 UM": a field's tolerance as written, with a number field's unit; paper and Markdown say it alike.
func toleranceLabel(of field: Field) -> String? {
    guard let tolerance = field.tolerance?.value else { return nil }
    let unit = tolerance.kind == .number ? field.unit.map { " \($0)" } ?? "" : ""
    return "± \(tolerance.text)\(unit)"
}

/// `3` rather than `3.0`; decimals kept when present.
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
