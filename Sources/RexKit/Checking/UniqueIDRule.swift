/// Ids are unique per kind (procedures, incidents) and, inside a procedure, per steps, fields and logs.
struct UniqueIDRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found = duplicates(context.handbook.procedures.map(\.id), what: "procedure", ordered: ownersFirst)
        found += duplicates(context.handbook.incidents.map(\.id), what: "incident", ordered: ownersFirst)
        for procedure in context.handbook.procedures {
            let graph = context.graph(of: procedure), steps = graph.steps
            // The graph's index holds each step id once: as many as there are steps, none is repeated.
            if graph.index.count < steps.count { found += duplicates(steps.map(\.id), what: "step") }
            found += duplicates(steps.flatMap(\.record).map(\.id), what: "field")
            found += duplicates(procedure.logs.map(\.id), what: "log")
            found += duplicates(procedure.roles.map(\.id), what: "role")
            for log in procedure.logs {
                found += duplicates((log.columns + log.reconcile).map(\.id), what: "column of log '\(log.id.value)'")
            }
        }
        return found
    }

    /// A document whose file is named after the id owns it: the copy is the one to blame.
    private func ownersFirst(_ ids: [Located<String>]) -> [Located<String>] {
        let owns = { (id: Located<String>) in id.location.path.hasSuffix("/\(id.value).yml") }
        return ids.filter(owns) + ids.filter { !owns($0) }
    }

    /// Every occurrence after the first (in `ordered` ids) is reported, pointing back at the first.
    private func duplicates(_ ids: [Located<String>], what: @autoclosure () -> String,
                            ordered: ([Located<String>]) -> [Located<String>] = { $0 }) -> [Diagnostic] {
        // Nearly always none: a set tells so at once, without a table of locations or an order to work out.
        guard ids.count > 1 else { return [] }
        var seen = Set<String>(minimumCapacity: ids.count)
        guard ids.contains(where: { !seen.insert($0.value).inserted }) else { return [] }
        let what = what()
        var first: [String: SourceLocation] = [:]
        var found: [Diagnostic] = []
        for id in ordered(ids) {
            if let earlier = first[id.value] {
                let place = earlier.path == id.location.path ? "line \(earlier.line)" : "\(earlier)"
                found.append(.error("duplicate \(what) id '\(id.value)' (first defined at \(place))",
                                    at: id.location, rule: "duplicate-id"))
            } else {
                first[id.value] = id.location
            }
        }
        return found
    }
}
