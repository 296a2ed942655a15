/// A step is either an action (`do`) or a decision (`ask` with at least two `choices`), never both.
struct StepShapeRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for step in context.handbook.procedures.flatMap(context.steps(of:)) {
            let id = step.id.value
            if id == "end" {
                found.append(.error("'end' is reserved: 'goto: end' ends the procedure, so no step can be called 'end'",
                                    at: step.id.location, rule: "invalid-id"))
            }
            var answers = Set<String>()
            for choice in step.choices where !answers.insert(choice.answer).inserted {
                found.append(.error("decision '\(id)' offers the answer '\(choice.answer)' twice", at: choice.location,
                                    rule: "decision-choices"))
            }
            switch (step.action != nil, step.question != nil) {
            case (true, true):
                found.append(.error("step '\(id)' has both 'do' and 'ask'; split it into an action and a decision",
                                    at: step.location, rule: "step-kind"))
            case (false, false):
                found.append(.error("step '\(id)' needs 'do' (an action) or 'ask' (a decision)",
                                    at: step.location, rule: "step-kind"))
            default: break
            }
            if step.isDecision {
                if step.choices.count < 2 {
                    found.append(.error("decision '\(id)' needs at least two choices, each with a 'goto'",
                                        at: step.location, rule: "decision-choices"))
                }
                if let goto = step.goto {
                    found.append(.error("decision '\(id)' cannot also have a 'goto': each choice says where to go",
                                        at: goto.location, rule: "decision-choices"))
                }
            } else if let first = step.choices.first {
                found.append(.error("step '\(id)' has 'choices' but no 'ask' question", at: first.location,
                                    rule: "decision-choices"))
            }
        }
        return found
    }
}
