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

/// One step as pages and paper show it: its number, its Markdown as HTML, where it leads (its `content`). One
/// reference: swift-mustache copies each item of a list into its context, and a copy of the step's many fields took a
/// retain for each. A struct around it, as every `TemplateView` is (see there why not a class).
struct StepView: TemplateView {
    let content: StepContent

    init(_ step: Step, facts: ProcedureFacts, lookup: HandbookLookup) {
        content = StepContent(step, facts: facts, lookup: lookup)
    }
}

/// What a `StepView` shows.
final class StepContent: Sendable {
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
}

extension StepView {
    static let keys = ViewKeys<StepView>([
        "stepID": .text { $0.content.step.id.value },
        "stepNumber": .text { $0.content.number },
        "hasRole": .flag { $0.content.roleTitle != nil },
        "stepRole": .text { $0.content.roleTitle ?? "" },
        "stepRoleID": .text { $0.content.step.role?.value ?? "" },
        "hasAction": .flag { $0.content.actionHTML != nil },
        "actionHTML": .text { $0.content.actionHTML ?? "" },
        "hasExpect": .flag { $0.content.step.expect != nil },
        "expect": .text { $0.content.step.expect ?? "" },
        "isDecision": .flag { $0.content.step.isDecision },
        "questionHTML": .text { $0.content.questionHTML ?? "" },
        "choices": .list { $0.content.choices },
        // An explicit jump, or the end of the procedure, is printed; flowing to the next step is not.
        "hasJump": .flag { $0.content.step.goto != nil && $0.content.next != .end },
        "jumpNumber": .text { $0.content.jumpNumber ?? "" },
        "endsProcedure": .flag { $0.content.next == .end },
        "fields": .list { $0.content.fields }, "hasFields": .flag { !$0.content.fields.isEmpty },
        "hasLog": .flag { $0.content.logTitle != nil },
        "logID": .text { $0.content.step.log?.value ?? "" },
        "logTitle": .text { $0.content.logTitle ?? "" },
        "doubleCheck": .flag { $0.content.step.doubleCheck },
        "hasRequiresReconciled": .flag { $0.content.requiresLogTitle != nil },
        "isDepartmentClosing": .flag { $0.content.isDepartmentClosing },
        "requiresLogID": .text { $0.content.step.requiresReconciled?.value ?? "" },
        "requiresLogTitle": .text { $0.content.requiresLogTitle ?? "" },
        "hasWarning": .flag { $0.content.warningHTML != nil }, "warningHTML": .text { $0.content.warningHTML ?? "" },
        "hasCaution": .flag { $0.content.cautionHTML != nil }, "cautionHTML": .text { $0.content.cautionHTML ?? "" },
        "hasNote": .flag { $0.content.noteHTML != nil }, "noteHTML": .text { $0.content.noteHTML ?? "" },
        "because": .list { $0.content.because }, "hasBecause": .flag { !$0.content.because.isEmpty },
    ], words: { $0.content.words })
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
