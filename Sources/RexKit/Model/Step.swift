/// Where a `goto` leads: another step of the same procedure, or the end of the procedure.
public enum StepTarget: Sendable, Hashable, CustomStringConvertible {
    case step(String)
    case end

    init(_ text: String) { self = text == "end" ? .end : .step(text) }

    public var description: String {
        switch self {
        case .step(let id): id
        case .end: "end"
        }
    }
}

/// One answer of a decision step, and where it leads.
public struct Choice: Sendable, Hashable {
    public var answer: String
    public var goto: Located<StepTarget>?
    public var location: SourceLocation
}

/// One step of a procedure: an action (`do`) or a decision (`ask` + `choices`).
public struct Step: Sendable, Hashable {
    public var id: Located<String>
    public var role: Located<String>?
    /// The action, Markdown.
    public var action: String?
    /// The expected response of a challenge–response item.
    public var expect: String?
    /// The question of a decision, Markdown.
    public var question: String?
    public var choices: [Choice]
    /// An unconditional jump after this step.
    public var goto: Located<StepTarget>?
    public var record: [Field]
    /// The downtime log this step writes rows into.
    public var log: Located<String>?
    /// A second person must confirm with initials different from the first.
    public var doubleCheck: Bool
    /// This step cannot be completed while a row of this log lacks its reconciliation values.
    public var requiresReconciled: Located<String>?
    /// Harm to people (Markdown), shown before the step.
    public var warning: String?
    /// Harm to equipment or data (Markdown), shown before the step.
    public var caution: String?
    /// Emphasis (Markdown), shown before the step.
    public var note: String?
    /// REX ids that explain why this step exists.
    public var because: [Located<String>]
    public var location: SourceLocation

    public var isDecision: Bool { question != nil }
}
