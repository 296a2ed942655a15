/// What every rule sees: the whole handbook and the day it is checked on.
struct CheckContext: Sendable {
    let handbook: Handbook
    let today: LocalDate
    let incidentIDs: Set<String>
    let procedureIDs: Set<String>
    /// Each procedure's step graph (its steps in order, and where each leads), by path, made once on all cores:
    /// most rules walk the steps and two walk the graph; gathering the steps from the sections for every rule
    /// took a tenth of `rex validate` on a large handbook.
    private let graphsByPath: [String: StepGraph]

    init(handbook: Handbook, today: LocalDate) {
        self.handbook = handbook
        self.today = today
        incidentIDs = Set(handbook.incidents.map(\.id.value))
        procedureIDs = Set(handbook.procedures.map(\.id.value))
        // Two procedures given the same path (only ever in memory) each get their own graph when asked.
        let paths = Dictionary(grouping: handbook.procedures.indices, by: { handbook.procedures[$0].path })
        let graphs = parallelMap(paths.values.compactMap { $0.count == 1 ? handbook.procedures[$0[0]] : nil }) {
            ($0.path, StepGraph($0.allSteps))
        }
        graphsByPath = Dictionary(uniqueKeysWithValues: graphs)
    }

    /// The procedure's step graph, made once.
    func graph(of procedure: Procedure) -> StepGraph {
        graphsByPath[procedure.path] ?? StepGraph(procedure.allSteps)
    }

    /// `procedure.allSteps`, gathered once.
    func steps(of procedure: Procedure) -> [Step] {
        graph(of: procedure).steps
    }
}

/// A rule looks at the model and reports problems; it never reads files.
protocol Rule: Sendable {
    func check(_ context: CheckContext) -> [Diagnostic]
}

/// Runs every rule over a loaded handbook.
public enum HandbookChecks {
    static let rules: [any Rule] = [
        UniqueIDRule(), ReferenceRule(), StepShapeRule(), DocumentControlRule(), SeverityRule(),
        FlowRule(), JumpNoiseRule(), FieldDataRule(), ToleranceRule(), PatientColumnRule(), CounterColumnRule(),
        LogColumnOnlyRule(), ReconciliationRule(), ReviewPeriodRule(), TraceabilityRule(), IncidentStatusRule(),
        ExternalSourceRule(), ActionOverdueRule(), UnsourcedTimeRule(), TranslationRule(), UnitRule(),
    ]

    /// The rules are independent of each other: they run on all cores.
    public static func run(on handbook: Handbook, today: LocalDate) -> [Diagnostic] {
        let context = CheckContext(handbook: handbook, today: today)
        return parallelMap(rules) { $0.check(context) }.flatMap { $0 }
    }
}

extension Diagnostic {
    static func error(_ message: String, at location: SourceLocation, rule: String, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, rule: rule, suggestion: suggestion)
    }

    static func warning(_ message: String, at location: SourceLocation, rule: String, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, rule: rule, suggestion: suggestion)
    }
}

extension LoadResult {
    /// The second step after loading: every rule run over the loaded model, on `today` (by default the day in the
    /// handbook's time zone), its problems added to loading's own.
    public func checked(today: LocalDate? = nil) -> LoadResult {
        let day = today ?? LocalDate.today(in: handbook.settings.timeZone)
        return LoadResult(handbook: handbook,
                          diagnostics: (diagnostics + HandbookChecks.run(on: handbook, today: day)).sortedForOutput())
    }
}
