/// A corrective action past its due date, still planned or in progress, on a record that is not closed: the REX
/// promised a change that has not happened. A warning (the work may be late for good reasons), so the QA officer
/// sees it on every `rex validate` until the action is done, given a new date, or cancelled.
struct ActionOverdueRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.incidents.flatMap { incident -> [Diagnostic] in
            guard incident.status.value != .closed else { return [] }
            return incident.actions.compactMap { action -> Diagnostic? in
                guard action.status == .planned || action.status == .inProgress,
                      let due = action.due, due.value < context.today else { return nil }
                return .warning("an action of '\(incident.id.value)' was due on \(due.value) and is still "
                                + "\(action.status.rawValue) (today is \(context.today)); finish it, set a new 'due', "
                                + "or cancel it", at: due.location, rule: "action-overdue")
            }
        }
    }
}
