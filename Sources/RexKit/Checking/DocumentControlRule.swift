/// Document control: an approved procedure names its approver and effective date; overdue reviews are flagged.
struct DocumentControlRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for procedure in context.handbook.procedures {
            let id = procedure.id.value
            if procedure.status.value == .approved {
                if procedure.approvedBy == nil {
                    found.append(.error("approved procedure '\(id)' needs 'approved_by'", at: procedure.status.location,
                                        rule: "approval"))
                }
                if procedure.effective == nil {
                    found.append(.error("approved procedure '\(id)' needs an 'effective' date",
                                        at: procedure.status.location, rule: "approval"))
                }
            }
            if let review = procedure.reviewBy, procedure.isReviewOverdue(on: context.today) {
                found.append(.warning("review of '\(id)' was due on \(review.value) (today is \(context.today))",
                                      at: review.location, rule: "review-overdue"))
            }
        }
        return found
    }
}
