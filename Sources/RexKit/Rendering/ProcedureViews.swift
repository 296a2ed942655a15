import Foundation

/// The procedure views of one build, each built on first use and then shared by every output that shows the
/// procedure — page, checklist, binder chapter — whichever thread renders them.
final class ProcedureViews: @unchecked Sendable {
    private let lock = NSLock()
    private var views: [String: ProcedureView] = [:]

    func view(of procedure: Procedure, _ make: () -> ProcedureView) -> ProcedureView {
        if let view = lock.withLock({ views[procedure.digest + procedure.id.value] }) { return view }
        // Built outside the lock, so two threads never wait on each other's Markdown; the first one stored wins.
        let view = make()
        return lock.withLock {
            if let stored = views[procedure.digest + procedure.id.value] { return stored }
            views[procedure.digest + procedure.id.value] = view
            return view
        }
    }
}
