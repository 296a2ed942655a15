/// `rex reconcile --format json`: the verdict for another program, with the keys of the board's export summary
/// (`units`, `runs`, `pending`, `holdList`, `counterIssues`, `overrides`, `confirmedRows`, `voids`) and a `verdict`.
extension DepartmentVerdict {
    func json() -> String {
        let board: JSONValue = outage.board.map { board in
            .object([("boardId", .string(board.boardID)), ("file", .string(board.path)),
                     ("status", .string(outage.closed == nil ? "open" : "closed")),
                     ("closedAt", outage.closed.map { .string($0.at.text) } ?? .null),
                     ("closedBy", outage.closed.flatMap { $0.by.map(JSONValue.string) } ?? .null)])
        } ?? .null
        let value = JSONValue.object([
            ("procedure", .string(outage.procedure.id.value)), ("version", .integer(outage.procedure.version)),
            ("revision", .string(outage.procedure.revision)), ("drill", .bool(outage.drill)), ("board", board),
            ("units", .array(units.map(unitJSON))),
            ("runs", .array(outage.runs.map(runJSON))),
            ("pending", .array(pending.map(rowJSON))),
            ("holdList", .array(hold.map { .object([("patient", .string($0.patient)), ("rows", .array($0.rows.map(rowJSON)))]) })),
            ("counterIssues", .array(counters.map { issue in
                .object([("kind", .string(issue.kind)), ("row", rowJSON(issue.row)), ("earlier", rowJSON(issue.earlier)),
                         ("expected", Self.number(issue.expected)), ("value", issue.row.counter.map(Self.number) ?? .null),
                         ("confirmed", issue.row.confirmed.map { .string($0.reason) } ?? .null)])
            })),
            ("overrides", .array(overrides.map(noteJSON))),
            ("confirmedRows", .array(confirmedRows.map(noteJSON))),
            ("voids", .array(voids.map(noteJSON))),
            ("warnings", .array(outage.warnings.map { warning in
                .object([("path", .string(warning.location.path)), ("rule", .string(warning.rule)),
                         ("message", .string(warning.message))])
            })),
            ("verdict", .object([("complete", .bool(isComplete)),
                                 ("missingUnits", .array(missingUnits.map { .string($0.id.value) })),
                                 ("pendingRows", .integer(pending.count)),
                                 ("exitCode", .integer(Int(exitCode)))])),
        ])
        return value.text
    }

    private func unitJSON(_ status: UnitStatus) -> JSONValue {
        .object([("id", .string(status.unit.id.value)), ("name", .string(status.unit.name)),
                 ("status", .string(status.status.rawValue)), ("runs", .array(status.runs.map { .string($0.runID) })),
                 ("notAffected", status.notAffected.map { mark in
                     .object([("initials", .string(mark.initials)), ("reason", .string(mark.reason)),
                              ("at", .string(mark.at.text)), ("by", mark.by.map(JSONValue.string) ?? .null)])
                 } ?? .null),
                 ("rows", .object([("written", .integer(status.written)), ("voided", .integer(status.voided)),
                                   ("reconciled", .integer(status.reconciled)), ("pending", .integer(status.pending))]))])
    }

    private func runJSON(_ run: Run) -> JSONValue {
        .object([("runId", .string(run.runID)), ("unit", run.unit.map(JSONValue.string) ?? .null),
                 ("file", .string(run.path)), ("drill", .bool(run.drill)), ("apart", .bool(outage.apart.contains(run.runID))),
                 ("version", run.version.map(JSONValue.integer) ?? .null),
                 ("revision", run.revision.map(JSONValue.string) ?? .null),
                 ("revisionDiffers", .bool(run.revision != outage.procedure.revision)),
                 ("events", .integer(run.events.count))])
    }

    private func rowJSON(_ row: OutageRow) -> JSONValue {
        .object([("run", .string(row.run.runID)), ("unit", row.run.unit.map(JSONValue.string) ?? .null),
                 ("log", .string(row.log.id.value)), ("row", .integer(row.number)),
                 ("patient", row.patient.map(JSONValue.string) ?? .null),
                 ("counter", row.counter.map(Self.number) ?? .null), ("at", .string(row.time))])
    }

    private func noteJSON(_ note: Note) -> JSONValue {
        .object([("run", .string(note.run.runID)), ("unit", note.run.unit.map(JSONValue.string) ?? .null),
                 ("step", note.step.map(JSONValue.string) ?? .null),
                 ("log", note.row.map { .string($0.log.id.value) } ?? .null),
                 ("row", note.row.map { .integer($0.number) } ?? .null),
                 ("at", .string(note.at.text)), ("by", note.by.map(JSONValue.string) ?? .null),
                 ("reason", .string(note.reason))])
    }

    /// A whole number as an integer; anything else as its text (JSONValue holds no fractions).
    private static func number(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 1e15 ? .integer(Int(value)) : .string(String(value))
    }
}
