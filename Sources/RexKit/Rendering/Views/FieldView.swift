/// A value a step records, or a column of a downtime log, as the runner's inputs and the paper's blanks show it.
struct FieldView: TemplateView {
    let field: Field
    /// "Sauvegarde BD (2.1)": the field its `must_match` names, with the step that records it.
    let mustMatchLabel: String?
    let options: [OptionView]
    let words: [String: String]

    init(_ field: Field, facts: ProcedureFacts) {
        self.field = field
        words = facts.words
        mustMatchLabel = field.mustMatch.map { facts.matchedLabel($0.value) }
        options = (field.options?.value ?? []).map(OptionView.init)
    }

    private var type: FieldType { field.type.value }

    static let keys = ViewKeys<FieldView>([
        "fieldID": .text { $0.field.id.value },
        "fieldLabel": .text { $0.field.label },
        "fieldType": .text { $0.type.rawValue },
        "fieldRequired": .flag { $0.field.required },
        "hasUnit": .flag { $0.field.unit != nil }, "fieldUnit": .text { $0.field.unit ?? "" },
        "hasMustMatch": .flag { $0.mustMatchLabel != nil }, "mustMatchLabel": .text { $0.mustMatchLabel ?? "" },
        "hasTolerance": .flag { $0.field.tolerance != nil }, "toleranceLabel": .text { toleranceLabel(of: $0.field) ?? "" },
        "toleranceText": .text { $0.field.tolerance?.value.text ?? "" },
        "isPatientColumn": .flag { $0.type == .patient }, "isCounterColumn": .flag { $0.field.isCounter },
        "hasDistinctFrom": .flag { $0.field.distinctFrom != nil },
        "distinctFromID": .text { $0.field.distinctFrom?.value ?? "" },
        "isChoice": .flag { $0.type == .choice }, "isCheckbox": .flag { $0.type == .checkbox },
        "isInitials": .flag { $0.type == .initials },
        "isPlainInput": .flag { ![.choice, .checkbox].contains($0.type) },
        "inputType": .text { FieldView.inputType($0.type) },
        "hasMin": .flag { $0.field.min != nil }, "fieldMin": .text { $0.field.min.map { formatNumber($0.value) } ?? "" },
        "hasMax": .flag { $0.field.max != nil }, "fieldMax": .text { $0.field.max.map { formatNumber($0.value) } ?? "" },
        "options": .list { $0.options },
        "blank": .text { FieldView.paperBlank($0.type) },
    ], words: { $0.words })

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
}

/// A downtime log: its columns, its paper rows and, when it names patients, its blank hold list.
struct LogView: TemplateView {
    let log: DowntimeLog
    let columns: [FieldView]
    let reconcileColumns: [FieldView]
    let paperRows: [RowNumberView]
    let words: [String: String]

    init(_ log: DowntimeLog, facts: ProcedureFacts) {
        self.log = log
        words = facts.words
        columns = log.columns.map { FieldView($0, facts: facts) }
        reconcileColumns = log.reconcile.map { FieldView($0, facts: facts) }
        paperRows = (1...max(log.paperRows, 1)).map(RowNumberView.init)
    }

    /// Empty lines of the printed hold list: one A4 page.
    static let holdListRows = 15
    private static let holdRows = (1...holdListRows).map(HoldLineView.init)

    static let keys = ViewKeys<LogView>([
        "logID": .text { $0.log.id.value },
        "logTitle": .text { $0.log.title },
        "columns": .list { $0.columns },
        "reconcileColumns": .list { $0.reconcileColumns },
        "hasReconcile": .flag { !$0.reconcileColumns.isEmpty },
        "paperRows": .list { $0.paperRows },
        "columnCount": .number { $0.columns.count + $0.reconcileColumns.count + 1 },
        // A log that names its patients gets a blank hold list to tape to the console.
        "hasHoldList": .flag { $0.log.patientColumn != nil },
        "holdPatientLabel": .text { $0.log.patientColumn?.label ?? "" },
        "hasHoldCounter": .flag { $0.log.counterColumn != nil },
        "holdCounterLabel": .text { $0.log.counterColumn?.label ?? "" },
        "holdRows": .list { _ in LogView.holdRows },
    ], words: { $0.words })
}
