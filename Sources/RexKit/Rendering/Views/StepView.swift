/// A titled group of steps.
struct SectionView: TemplateView {
    let number: Int
    let section: Section
    let language: String
    let steps: [StepView]
    let words: [String: String]

    static let keys = ViewKeys<SectionView>([
        "sectionNumber": .number { $0.number },
        "sectionTitle": .text { $0.section.title },
        "sectionMode": .text { $0.section.mode.rawValue },
        "sectionModeLabel": .text { Labels.value($0.section.mode.rawValue, language: $0.language) },
        "steps": .list { $0.steps },
    ], words: { $0.words })
}

/// One step as pages and paper show it: its number, its Markdown as HTML, where it leads. A class: swift-mustache
/// copies each item of a list into its context, and a copy of this view's many fields took a retain for each.
final class StepView: TemplateView {
    let step: Step
    let number: String
    let roleTitle: String?
    let actionHTML: String?
    let questionHTML: String?
    let warningHTML: String?
    let cautionHTML: String?
    let noteHTML: String?
    let choices: [ChoiceView]
    /// Where the step leads once done; nil for a decision.
    let next: StepTarget?
    let jumpNumber: String?
    let fields: [FieldView]
    let logTitle: String?
    let requiresLogTitle: String?
    let isDepartmentClosing: Bool
    let because: [IncidentLinkView]
    let words: [String: String]
    /// The step's words without markup, for the search data (from the same parse as its HTML).
    let searchText: String
    /// Its action's (or question's) words without markup: its title in the runner (`RunnerModel`).
    let plainTitle: String

    init(_ step: Step, facts: ProcedureFacts, lookup: HandbookLookup) {
        self.step = step
        number = facts.numbering.number(of: step.id.value)
        roleTitle = step.role.map { facts.roleTitle($0.value) }
        let action = step.action.map(Markdown.htmlAndText), question = step.question.map(Markdown.htmlAndText)
        let warning = step.warning.map(Markdown.htmlAndText), caution = step.caution.map(Markdown.htmlAndText)
        let note = step.note.map(Markdown.htmlAndText)
        (actionHTML, questionHTML) = (action?.html, question?.html)
        (warningHTML, cautionHTML, noteHTML) = (warning?.html, caution?.html, note?.html)
        plainTitle = action?.text ?? question?.text ?? ""
        searchText = ([action?.text, question?.text, step.expect.map(Markdown.plainText), warning?.text, caution?.text,
                       note?.text].compactMap { $0 } + step.record.map(\.label)).joined(separator: " ")
        choices = step.choices.map { choice in
            let target = choice.goto?.value ?? .end
            return ChoiceView(answer: choice.answer, target: target, targetNumber: facts.targetNumber(target),
                              words: facts.words)
        }
        let next = facts.numbering.next(after: step)
        self.next = next
        jumpNumber = next.map(facts.targetNumber)
        fields = step.record.map { FieldView($0, facts: facts) }
        logTitle = step.log.map { facts.logTitle($0.value) }
        requiresLogTitle = step.requiresReconciled.map { facts.logTitle($0.value) }
        // The step that closes a department-level procedure sends the coordinator to the board.
        isDepartmentClosing = facts.procedure.closesAtDepartment && step.requiresReconciled != nil && next == .end
        because = step.because.map { lookup.incidentLink($0.value) }
        words = facts.words
    }

    static let keys = ViewKeys<StepView>([
        "stepID": .text { $0.step.id.value },
        "stepNumber": .text { $0.number },
        "hasRole": .flag { $0.roleTitle != nil },
        "stepRole": .text { $0.roleTitle ?? "" },
        "stepRoleID": .text { $0.step.role?.value ?? "" },
        "hasAction": .flag { $0.actionHTML != nil },
        "actionHTML": .text { $0.actionHTML ?? "" },
        "hasExpect": .flag { $0.step.expect != nil },
        "expect": .text { $0.step.expect ?? "" },
        "isDecision": .flag { $0.step.isDecision },
        "questionHTML": .text { $0.questionHTML ?? "" },
        "choices": .list { $0.choices },
        // An explicit jump, or the end of the procedure, is printed; flowing to the next step is not.
        "hasJump": .flag { $0.step.goto != nil && $0.next != .end },
        "jumpNumber": .text { $0.jumpNumber ?? "" },
        "endsProcedure": .flag { $0.next == .end },
        "fields": .list { $0.fields }, "hasFields": .flag { !$0.fields.isEmpty },
        "hasLog": .flag { $0.logTitle != nil },
        "logID": .text { $0.step.log?.value ?? "" },
        "logTitle": .text { $0.logTitle ?? "" },
        "doubleCheck": .flag { $0.step.doubleCheck },
        "hasRequiresReconciled": .flag { $0.requiresLogTitle != nil },
        "isDepartmentClosing": .flag { $0.isDepartmentClosing },
        "requiresLogID": .text { $0.step.requiresReconciled?.value ?? "" },
        "requiresLogTitle": .text { $0.requiresLogTitle ?? "" },
        "hasWarning": .flag { $0.warningHTML != nil }, "warningHTML": .text { $0.warningHTML ?? "" },
        "hasCaution": .flag { $0.cautionHTML != nil }, "cautionHTML": .text { $0.cautionHTML ?? "" },
        "hasNote": .flag { $0.noteHTML != nil }, "noteHTML": .text { $0.noteHTML ?? "" },
        "because": .list { $0.because }, "hasBecause": .flag { !$0.because.isEmpty },
    ], words: { $0.words })
}

/// One answer of a decision and where it leads.
struct ChoiceView: TemplateView {
    let answer: String
    let target: StepTarget
    let targetNumber: String
    let words: [String: String]

    static let keys = ViewKeys<ChoiceView>([
        "answer": .text { $0.answer },
        "target": .text { $0.target.description },
        "targetNumber": .text { $0.targetNumber },
        "targetIsEnd": .flag { $0.target == .end },
    ], words: { $0.words })
}
