/// The flow of a procedure: every step can be reached from the first, and from every step reached
/// there is a way on to the end (`goto: end`, or past the last step). A step nobody reaches is never
/// prompted by the runner; a loop with no way out traps the staff following the procedure.
struct FlowRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.procedures.flatMap { procedure -> [Diagnostic] in
            let graph = context.graph(of: procedure)
            guard !graph.steps.isEmpty else { return [] }
            let reached = graph.reachable(from: [0])
            // An unknown `goto` target (reported on its own) may have been meant for the very step that
            // looks unreachable; loops are still judged, reading the unknown target as the end.
            let lost = graph.unresolved.isEmpty ? unreachable(graph, reached) : []
            return lost + trapped(graph, reached)
        }
    }

    /// One diagnostic per run of consecutive unreachable steps, at its first step, saying why the step
    /// before the run does not lead into it.
    private func unreachable(_ graph: StepGraph, _ reached: [Bool]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var position = 1
        while position < graph.steps.count {
            guard !reached[position] else { position += 1; continue }
            var run: [Step] = []
            while position < graph.steps.count, !reached[position] {
                run.append(graph.steps[position])
                position += 1
            }
            // The step before a run is reached (the first step always is), so it jumps over the run.
            let before = graph.steps[position - run.count - 1]
            let it = run.count == 1 ? "it" : "them"
            let why = switch (before.isDecision, before.goto?.value) {
            case (true, _): "decision '\(before.id.value)' before \(it) sends every answer elsewhere"
            case (false, .end?): "'\(before.id.value)' before \(it) ends the procedure"
            case (false, let target): "'\(before.id.value)' before \(it) always goes to '\(target?.description ?? "")'"
            }
            let names = run.map(\.id.value)
            let subject = names.count == 1 ? "step '\(names[0])' is" : "steps \(quotedList(names)) are"
            found.append(.error("\(subject) never reached: \(why), and no choice or goto of a reachable step leads to \(it)",
                                at: run[0].id.location, rule: "unreachable-step"))
        }
        return found
    }

    /// Loops that reachable steps can enter but never leave: the bottom strongly connected components
    /// of the steps from which the end cannot be reached. Steps merely leading into such a loop are not
    /// reported: the loop is where a way out is missing.
    private func trapped(_ graph: StepGraph, _ reached: [Bool]) -> [Diagnostic] {
        let exits = graph.canReachEnd()
        let stuck = graph.steps.indices.map { reached[$0] && !exits[$0] } + [false]
        var found: [Diagnostic] = []
        for component in graph.components(of: stuck) {
            let members = Set(component)
            guard component.allSatisfy({ graph.successors[$0].allSatisfy(members.contains) }) else { continue }
            let names = component.map { graph.steps[$0].id.value }
            let last = graph.steps[component[component.count - 1]]
            let location: SourceLocation
            if !last.isDecision, let jump = last.goto {
                location = jump.location
            } else {
                location = last.id.location
            }
            let subject = names.count == 1 ? "step '\(names[0])' leads back to itself"
                                           : "steps \(quotedList(names)) lead only to each other"
            found.append(.error("no way out: \(subject), never to the end of the procedure; "
                                + "add a choice or a goto that leads on",
                                at: location, rule: "no-way-out"))
        }
        return found
    }
}
