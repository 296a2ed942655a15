/// `section.step` numbers (1.1, 1.2, 2.1 …): the same on the site, on paper and in the runner.
struct StepNumbering {
    private var numbers: [String: String] = [:]
    /// Where each step goes when it has no `goto`: the next step in document order, or the end.
    private var following: [String: StepTarget] = [:]

    init(_ procedure: Procedure) {
        let steps = procedure.allSteps
        for (sectionIndex, section) in procedure.sections.enumerated() {
            for (stepIndex, step) in section.steps.enumerated() {
                numbers[step.id.value] = "\(sectionIndex + 1).\(stepIndex + 1)"
            }
        }
        for (index, step) in steps.enumerated() {
            following[step.id.value] = index + 1 < steps.count ? .step(steps[index + 1].id.value) : .end
        }
    }

    func number(of stepID: String) -> String { numbers[stepID] ?? "?" }

    /// Where a step leads once done (its `goto`, else the next step); nil for a decision.
    func next(after step: Step) -> StepTarget? {
        if step.isDecision { return nil }
        return step.goto?.value ?? following[step.id.value]
    }
}
