/// A procedure's steps as a directed graph, the way the runner walks them: a decision leads to each
/// choice's `goto`, any other step to its `goto` or, without one, to the next step in document order;
/// the last step falls through to the end. Node `steps.count` is the end.
///
/// Problems other rules already report are read charitably so that one mistake gives one diagnostic:
/// an unknown `goto` target is taken to lead to the end, and a decision without any usable choice
/// falls through like an action.
struct StepGraph {
    let steps: [Step]
    /// Successors of each step, without duplicates, in the order written.
    let successors: [[Int]]
    /// Index of each step id (its first occurrence, if duplicated).
    let index: [String: Int]
    /// Steps with a `goto` to an unknown step. Where that jump was meant to go is anyone's guess, so
    /// conclusions about which steps are reached wait until the reference is fixed.
    let unresolved: Set<Int>

    var end: Int { steps.count }

    /// `steps`: a procedure's steps, in order (`CheckContext.graph(of:)` makes each procedure's once).
    init(_ steps: [Step]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(steps.count)
        // Backwards, so that a duplicated id keeps its first occurrence.
        for position in steps.indices.reversed() {
            index[steps[position].id.value] = position
        }
        let end = steps.count
        var unresolved = Set<Int>()
        successors = steps.indices.map { position in
            let step = steps[position]
            func node(_ target: StepTarget) -> Int {
                guard case .step(let id) = target else { return end }
                guard let found = index[id] else {
                    unresolved.insert(position)
                    return end
                }
                return found
            }
            let fallThrough = position + 1
            guard step.isDecision else { return [step.goto.map { node($0.value) } ?? fallThrough] }
            // A decision has a few choices: a linear search keeps the first of each target.
            var targets: [Int] = []
            for choice in step.choices {
                if let goto = choice.goto {
                    let target = node(goto.value)
                    if !targets.contains(target) { targets.append(target) }
                }
            }
            return targets.isEmpty ? [fallThrough] : targets
        }
        self.steps = steps
        self.index = index
        self.unresolved = unresolved
    }

    /// Every node reachable from `starts` (the starts included), as a membership table over steps and the end.
    func reachable(from starts: [Int]) -> [Bool] {
        var seen = Array(repeating: false, count: steps.count + 1)
        var pending = starts
        while let node = pending.popLast() {
            guard !seen[node] else { continue }
            seen[node] = true
            if node < steps.count { pending += successors[node] }
        }
        return seen
    }

    /// Steps from which the end can be reached, found by walking the edges backwards from the end.
    func canReachEnd() -> [Bool] {
        var predecessors = Array(repeating: [Int](), count: steps.count + 1)
        for (node, targets) in successors.enumerated() {
            for target in targets { predecessors[target].append(node) }
        }
        var seen = Array(repeating: false, count: steps.count + 1)
        var pending = [end]
        while let node = pending.popLast() {
            guard !seen[node] else { continue }
            seen[node] = true
            pending += predecessors[node]
        }
        return seen
    }

    /// Strongly connected components of the steps where `included` is true (Tarjan's algorithm, iterative
    /// so that a very long procedure cannot exhaust the stack). Each component lists its steps in document order.
    func components(of included: [Bool]) -> [[Int]] {
        var order = Array(repeating: -1, count: steps.count)
        var lowLink = Array(repeating: 0, count: steps.count)
        var onStack = Array(repeating: false, count: steps.count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0

        for root in steps.indices where included[root] && order[root] < 0 {
            // Each frame is a node and how many of its successors have been looked at.
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            order[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let frame = frames.last {
                let targets = successors[frame.node]
                if frame.next < targets.count {
                    frames[frames.count - 1].next += 1
                    let target = targets[frame.next]
                    guard target < steps.count, included[target] else { continue }
                    if order[target] < 0 {
                        order[target] = counter; lowLink[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        frames.append((target, 0))
                    } else if onStack[target] {
                        lowLink[frame.node] = min(lowLink[frame.node], order[target])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowLink[parent.node] = min(lowLink[parent.node], lowLink[frame.node])
                }
                if lowLink[frame.node] == order[frame.node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == frame.node { break }
                    }
                    result.append(component.sorted())
                }
            }
        }
        return result
    }
}
