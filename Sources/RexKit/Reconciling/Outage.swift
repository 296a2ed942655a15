/// One outage as `rex reconcile` reads it: the procedure followed, every run (each in its latest export), the runs
/// set apart (a drill beside a real outage, or the reverse), and what the board recorded of its own — units marked
/// not affected, rows reconciled on the board, the close. Built by `assemble`, which checks every file against the
/// handbook and against the others, as the board checks each import.
struct Outage {
    let handbook: Handbook
    let procedure: Procedure
    let drill: Bool
    /// In the order they were imported on the board, then given.
    let runs: [Run]
    /// Run ids that do not count here (a drill in a real outage, or a real run on a drill's board).
    let apart: Set<String>
    let board: Board?
    /// Unit id → who confirmed it was not affected.
    let notAffected: [String: NotAffected]
    /// "RUN/LOG/N" → reconciliation column → value recorded on the board.
    let boardReconciles: [String: [String: RecordedValue]]
    let closed: (at: RunTime, by: String?)?
    /// Problems that do not stop the verdict: another revision, a run without its unit or with an unknown one.
    let warnings: [Diagnostic]

    struct NotAffected {
        var initials: String
        var reason: String
        var at: RunTime
        var by: String?
    }

    struct RecordedValue {
        var value: RunValue
        var at: RunTime
        var by: String?
        var onBoard: Bool
    }

    var counted: [Run] { runs.filter { !apart.contains($0.runID) } }

    /// Runs and boards → one outage, or the errors that make any verdict a guess (another handbook or procedure,
    /// two boards, two exports of one run that disagree).
    static func assemble(runs given: [Run], boards: [Board], handbook: Handbook) -> (Outage?, [Diagnostic]) {
        var errors: [Diagnostic] = []
        for extra in boards.dropFirst() {
            errors.append(.error("a second board export ('\(boards[0].path)' is the first): give the one board of this outage",
                                 at: SourceLocation(path: extra.path, line: 1, column: 1), rule: "board-duplicate"))
        }
        let board = boards.first
        if let board, board.handbook != handbook.settings.storageKey {
            errors.append(.error("this board was kept with the handbook '\(board.handbook.prefix(80))', not with this one "
                                 + "('\(handbook.settings.storageKey)')", at: board.handbookLocation, rule: "run-handbook"))
        }
        let candidates = (board?.runs ?? []) + given
        let procedureID = board?.procedure ?? candidates.first { $0.handbook == handbook.settings.storageKey }?.procedure
        guard let procedureID else {
            if errors.isEmpty, let first = candidates.first {
                errors.append(.error("this run was recorded with the handbook '\(first.handbook.prefix(80))', not with this "
                                     + "one ('\(handbook.settings.storageKey)')", at: first.handbookLocation, rule: "run-handbook"))
            }
            return (nil, errors)
        }
        guard let procedure = handbook.procedure(procedureID) else {
            let location = board?.procedureLocation ?? candidates.first { $0.procedure == procedureID }!.procedureLocation
            errors.append(.error("no procedure '\(procedureID)' in this handbook", at: location, rule: "unknown-reference",
                                 suggestion: closestMatch(to: procedureID, among: handbook.procedures.map(\.id.value))))
            return (nil, errors)
        }
        var kept: [Run] = []
        for run in candidates {
            if let problem = mismatch(run, handbook: handbook, procedure: procedureID) {
                errors.append(problem)
                continue
            }
            guard let index = kept.firstIndex(where: { $0.runID == run.runID }) else {
                kept.append(run)
                continue
            }
            let other = kept[index]
            let (shorter, longer) = other.events.count <= run.events.count ? (other, run) : (run, other)
            if zip(shorter.events, longer.events).allSatisfy(RunMatching.sameEvent) {
                kept[index] = longer
            } else {
                errors.append(.error("the run '\(run.runID)' is also in '\(other.path)', with other events: two exports of "
                                     + "one run disagree; give only the one to keep",
                                     at: SourceLocation(path: run.path, line: 1, column: 1), rule: "run-duplicate"))
            }
        }
        guard errors.isEmpty else { return (nil, errors) }
        let drill = board?.drill ?? (!kept.isEmpty && kept.allSatisfy(\.drill))
        let apart = Set(kept.filter { $0.drill != drill }.map(\.runID))
        let marks = BoardMarks(board)
        let outage = Outage(handbook: handbook, procedure: procedure, drill: drill, runs: kept, apart: apart, board: board,
                            notAffected: marks.notAffected, boardReconciles: marks.reconciles, closed: marks.closed,
                            warnings: warnings(kept, apart: apart, procedure: procedure, handbook: handbook, drill: drill))
        return (outage, [])
    }

    private static func mismatch(_ run: Run, handbook: Handbook, procedure: String) -> Diagnostic? {
        if run.handbook != handbook.settings.storageKey {
            return .error("this run was recorded with the handbook '\(run.handbook.prefix(80))', not with this one "
                          + "('\(handbook.settings.storageKey)')", at: run.handbookLocation, rule: "run-handbook")
        }
        if run.procedure != procedure {
            return .error("this run follows '\(run.procedure)'; the outage follows '\(procedure)': reconcile each "
                          + "procedure's runs apart", at: run.procedureLocation, rule: "run-procedure")
        }
        return nil
    }

    private static func warnings(_ runs: [Run], apart: Set<String>, procedure: Procedure, handbook: Handbook,
                                 drill: Bool) -> [Diagnostic] {
        let units = handbook.settings.units.map(\.id.value)
        var found: [Diagnostic] = []
        for run in runs {
            let at = SourceLocation(path: run.path, line: 1, column: 1)
            if apart.contains(run.runID) {
                found.append(.warning(run.drill ? "a drill, set apart: it never counts towards closing a real outage"
                                                : "a real run, set apart: this outage is a drill", at: at, rule: "run-drill"))
            }
            if run.revision != procedure.revision {
                found.append(.warning("started on version \(run.version.map(String.init) ?? "?") (revision "
                                      + "\(run.revision ?? "?")); this handbook has version \(procedure.version) (revision "
                                      + "\(procedure.revision)): its rows count; check them", at: at, rule: "run-revision"))
            }
            if let unit = run.unit, !units.contains(unit) {
                found.append(.warning("unit '\(unit.prefix(80))' is not one of this handbook's units: its rows count, but "
                                      + "no unit counts as imported because of it", at: at, rule: "run-unit"))
            } else if run.unit == nil, !units.isEmpty {
                found.append(.warning("this run does not name its treatment unit: its rows count, but no unit counts as "
                                      + "imported because of it", at: at, rule: "run-unit"))
            }
        }
        return found
    }
}

/// What a board recorded besides its runs, replayed from its events.
private struct BoardMarks {
    var notAffected: [String: Outage.NotAffected] = [:]
    var reconciles: [String: [String: Outage.RecordedValue]] = [:]
    var closed: (at: RunTime, by: String?)?

    init(_ board: Board?) {
        for event in board?.events ?? [] {
            switch event.kind {
            case .unitNotAffected(let unit, let initials, let reason):
                notAffected[unit] = Outage.NotAffected(initials: initials, reason: reason, at: event.at, by: event.by)
            case .rowReconcile(let run, let log, let row, let values):
                for entry in values.entries where entry.value != .null {
                    reconciles["\(run)/\(log)/\(row)", default: [:]][entry.id] =
                        Outage.RecordedValue(value: entry.value, at: event.at, by: event.by, onBoard: true)
                }
            case .close:
                closed = (event.at, event.by)
            default:
                break
            }
        }
    }
}
