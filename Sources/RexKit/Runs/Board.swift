/// A reconciliation board exported by `reconcile.html` (`"format": "rex-board"`, `formatVersion` 1): the outage it
/// reconciled, and its append-only record — who opened it, every run imported (the whole run, in its `import`
/// event), the units marked not affected, the rows reconciled on the board, the close. The derived `summary` of the
/// file is not read: everything the board says is in its events.
public struct Board: Sendable, Hashable {
    /// The file it was read from, as given.
    public var path: String
    public var boardID: String
    /// The handbook's storage key (`HandbookSettings.storageKey`).
    public var handbook: String
    /// The procedure the outage followed (the `open` event's).
    public var procedure: String
    public var drill: Bool
    public var events: [BoardEvent]
    public var handbookLocation: SourceLocation
    public var procedureLocation: SourceLocation

    /// The runs the board imported, each in its latest import (a later export of a run supersedes the earlier).
    public var runs: [Run] {
        var order: [String] = []
        var latest: [String: Run] = [:]
        for event in events {
            guard case .importRun(_, let run) = event.kind else { continue }
            if latest[run.runID] == nil { order.append(run.runID) }
            latest[run.runID] = run
        }
        return order.compactMap { latest[$0] }
    }
}

/// One event of a board's record: `seq` from 1, when, by whom (the coordinator's initials), and what.
public struct BoardEvent: Sendable, Hashable {
    public var seq: Int
    public var at: RunTime
    public var by: String?
    public var kind: Kind
    public var location: SourceLocation

    public enum Kind: Sendable, Hashable {
        case open(operator: String, procedure: String, drill: Bool)
        case operatorChange(from: String?, to: String)
        case takeOver
        /// A run imported from a file (its name as the coordinator chose it).
        case importRun(file: String?, run: Run)
        /// A unit the outage did not touch, confirmed by `initials`, with the reason.
        case unitNotAffected(unit: String, initials: String, reason: String)
        /// Reconciliation columns of a row of an imported run, recorded on the board.
        case rowReconcile(run: String, log: String, row: Int, values: RunValues)
        case close
    }
}
