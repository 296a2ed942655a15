import Foundation

/// What the step runner needs to know about a procedure, embedded in its page as JSON:
/// the flow (next step, choices), the fields with their constraints, the logs and the gates.
struct RunnerModel: Encodable {
    struct FieldModel: Encodable {
        var id, label, type: String
        var required: Bool
        var mustMatch, distinctFrom: String?
        /// How far the value may differ from `mustMatch`'s: the number for number fields, SECONDS for date,
        /// time and datetime fields. Absent: the values must be equal.
        var tolerance: Double?
        /// The tolerance as written in the procedure (`10 min`), for messages.
        var toleranceText: String?
        var min, max: Double?
        var options: [String]?
        var unit: String?
        /// True on a log's counter column only (absent elsewhere).
        var counter: Bool?
    }
    struct ChoiceModel: Encodable {
        var answer, goto: String
    }
    struct StepModel: Encodable {
        var id, number, title: String
        var role: String?
        /// Where the step leads once done: a step id or "end"; nil for a decision.
        var next: String?
        var choices: [ChoiceModel]
        var fields: [FieldModel]
        var log: String?
        var doubleCheck: Bool
        var requiresReconciled: String?
    }
    struct LogModel: Encodable {
        var id, title: String
        var columns, reconcile: [FieldModel]
        /// The id of the column naming the patient (`type: patient`), if the log has one.
        var patient: String?
        /// The id of the patient's fraction counter column (`counter: true`), if the log has one.
        var counter: String?
    }

    /// A treatment unit a run can be recorded on (rex.yml's `units`).
    struct UnitModel: Encodable {
        var id, name: String
    }

    var handbook: String
    var procedure: String
    var title: String
    var version: Int
    var revision: String
    var language: String
    /// Ids of every language version of this procedure (itself included): a run of one imports into another.
    var languageVersions: [String]
    var steps: [StepModel]
    var logs: [LogModel]
    /// The department's units: when there are any, a run starts with its unit.
    var units: [UnitModel]
    /// `run` or `department` (closed on the reconciliation board).
    var closing: String

    /// `view`: the procedure's view, when at hand, whose steps' titles are already made from their Markdown.
    init(_ procedure: Procedure, handbook book: Handbook, view: ProcedureView? = nil) {
        let numbering = StepNumbering(procedure)
        let titles = view.map { view in
            Dictionary(view.sections.flatMap(\.steps).map(\.content).map { ($0.step.id.value, $0.plainTitle) },
                       uniquingKeysWith: { first, _ in first })
        }
        handbook = book.settings.storageKey
        languageVersions = book.languageVersions(of: procedure).map(\.id.value)
        self.procedure = procedure.id.value
        title = procedure.title
        version = procedure.version
        revision = procedure.revision
        language = procedure.language
        steps = procedure.allSteps.map { step in
            StepModel(
                id: step.id.value, number: numbering.number(of: step.id.value),
                title: titles?[step.id.value] ?? Markdown.plainText(step.action ?? step.question ?? ""),
                role: step.role?.value, next: numbering.next(after: step)?.description,
                choices: step.choices.map { ChoiceModel(answer: $0.answer, goto: ($0.goto?.value ?? .end).description) },
                fields: step.record.map(Self.field), log: step.log?.value, doubleCheck: step.doubleCheck,
                requiresReconciled: step.requiresReconciled?.value)
        }
        logs = procedure.logs.map {
            LogModel(id: $0.id.value, title: $0.title, columns: $0.columns.map(Self.field),
                     reconcile: $0.reconcile.map(Self.field), patient: $0.patientColumn?.id.value,
                     counter: $0.counterColumn?.id.value)
        }
        units = book.settings.units.map { UnitModel(id: $0.id.value, name: $0.name) }
        closing = (procedure.closing?.value ?? .run).rawValue
    }

    private static func field(_ field: Field) -> FieldModel {
        FieldModel(id: field.id.value, label: field.label, type: field.type.value.rawValue, required: field.required,
                   mustMatch: field.mustMatch?.value, distinctFrom: field.distinctFrom?.value,
                   tolerance: field.tolerance?.value.value, toleranceText: field.tolerance?.value.text,
                   min: field.min?.value, max: field.max?.value, options: field.options?.value, unit: field.unit,
                   counter: field.isCounter ? true : nil)
    }
}
