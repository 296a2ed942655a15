/// Jumps that change nothing: a decision whose every answer leads to the same step asks a question
/// for nothing, and a `goto` to the very next step repeats what happens anyway. Both are warnings:
/// the procedure works, but a reader looks for a branch that is not there.
struct JumpNoiseRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            let steps = context.steps(of: procedure)
            for (position, step) in steps.enumerated() {
                if step.isDecision {
                    found += sameTarget(step)
                } else if let jump = step.goto, case .step(let target) = jump.value,
                          position + 1 < steps.count, steps[position + 1].id.value == target {
                    found.append(.warning("'goto: \(target)' leads to the very next step, where '\(step.id.value)' "
                                          + "goes anyway; remove it", at: jump.location, rule: "redundant-goto"))
                }
            }
        }
        return found
    }

    private func sameTarget(_ step: Step) -> [Diagnostic] {
        let targets = step.choices.map(\.goto?.value)
        // Fewer than two choices, or a choice without `goto`, is already an error of its own.
        guard targets.count >= 2, let first = targets[0], targets.allSatisfy({ $0 == first }) else { return [] }
        return [.warning("every answer of decision '\(step.id.value)' leads to '\(first)', so the question changes "
                         + "nothing; send an answer elsewhere or make it a 'do' step",
                         at: step.id.location, rule: "same-target-choices")]
    }
}
