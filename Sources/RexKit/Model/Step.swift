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
///
/// Its fields sit behind one shared, immutable reference: rules and views copy steps all the time (walking a
/// procedure, building its graph), and copying the fields themselves took a retain for each of them — a tenth of
/// `rex validate` on a large handbook.
public struct Step: Sendable, Hashable {
    /// What a step says, as written (the loader fills it; the properties below read it).
    struct Fields: Sendable, Hashable {
        var id: Located<String>
        var role: Located<String>?
        var action: String?
        var expect: String?
        var question: String?
        var choices: [Choice]
        var goto: Located<StepTarget>?
        var record: [Field]
        var log: Located<String>?
        var doubleCheck: Bool
        var requiresReconciled: Located<String>?
        var warning: String?
        var caution: String?
        var note: String?
        var because: [Located<String>]
        var location: SourceLocation
    }

    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let storage: Storage

    init(_ fields: Fields) { storage = Storage(fields) }

    /// What the step says, as the loader filled it.
    var fields: Fields { storage.fields }

    public static func == (left: Step, right: Step) -> Bool {
        left.storage === right.storage || left.storage.fields == right.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    public var id: Located<String> { storage.fields.id }
    public var role: Located<String>? { storage.fields.role }
    /// The action, Markdown.
    public var action: String? { storage.fields.action }
    /// The expected response of a challenge–response item.
    public var expect: String? { storage.fields.expect }
    /// The question of a decision, Markdown.
    public var question: String? { storage.fields.question }
    public var choices: [Choice] { storage.fields.choices }
    /// An unconditional jump after this step.
    public var goto: Located<StepTarget>? { storage.fields.goto }
    public var record: [Field] { storage.fields.record }
    /// The downtime log this step writes rows into.
    public var log: Located<String>? { storage.fields.log }
    /// A second person must confirm with initials different from the first.
    public var doubleCheck: Bool { storage.fields.doubleCheck }
    /// This step cannot be completed while a row of this log lacks its reconciliation values.
    public var requiresReconciled: Located<String>? { storage.fields.requiresReconciled }
    /// Harm to people (Markdown), shown before the step.
    public var warning: String? { storage.fields.warning }
    /// Harm to equipment or data (Markdown), shown before the step.
    public var caution: String? { storage.fields.caution }
    /// Emphasis (Markdown), shown before the step.
    public var note: String? { storage.fields.note }
    /// REX ids that explain why this step exists.
    public var because: [Located<String>] { storage.fields.because }
    public var location: SourceLocation { storage.fields.location }

    public var isDecision: Bool { question != nil }
}
