/// An incident's status agrees with its corrective actions. Every action finished (`done`, or
/// `cancelled`) but the record not `closed` is a warning: someone forgot to close it. A `closed` record
/// with an action still `planned` or `in-progress` is an error: it hides work that is not done.
struct IncidentStatusRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.incidents.compactMap { incident -> Diagnostic? in
            let id = incident.id.value, status = incident.status
            let open = incident.actions.filter { $0.status == .planned || $0.status == .inProgress }
            if status.value == .closed, let first = open.first {
                let which = open.count == 1
                    ? "the action at line \(first.location.line) is still \(first.status.rawValue)"
                    : "the actions at lines \(open.map { String($0.location.line) }.joined(separator: ", ")) are still open"
                return .error("'\(id)' is closed but \(which); finish or cancel \(open.count == 1 ? "it" : "them"), "
                              + "or reopen the record", at: status.location, rule: "incident-status")
            }
            if status.value != .closed, !incident.actions.isEmpty, open.isEmpty {
                let finished = incident.actions.contains { $0.status == .cancelled } ? "done or cancelled" : "done"
                return .warning("every action of '\(id)' is \(finished) but its status is '\(status.value.rawValue)'; "
                                + "set 'status: closed'", at: status.location, rule: "incident-status")
            }
            return nil
        }
    }
}
