/// A procedure takes effect before its review is due: `effective` ≤ `review_by`. The other way round
/// it is overdue the day it takes effect, which is a typo in one of the two dates.
struct ReviewPeriodRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.procedures.compactMap { procedure -> Diagnostic? in
            guard let effective = procedure.effective, let review = procedure.reviewBy,
                  review.value < effective.value else { return nil }
            return .error("'review_by' (\(review.value)) is before 'effective' (\(effective.value)) in "
                          + "'\(procedure.id.value)'; a procedure is reviewed after it takes effect",
                          at: review.location, rule: "effective-after-review")
        }
    }
}
