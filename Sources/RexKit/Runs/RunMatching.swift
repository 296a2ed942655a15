/// Exported runs checked against the handbook they are read with: each was recorded with this handbook, of a
/// procedure it has. A run exported twice (at mid-outage, then at the end) is kept once, its longer export, as long
/// as the shorter is a beginning of it; two exports that disagree are refused, since nobody can tell which is true.
/// Drills and real runs are never mixed.
public enum RunMatching {
    public static func match(_ runs: [Run], to handbook: Handbook) -> (runs: [Run], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var kept: [Run] = []
        let procedures = handbook.procedures.map(\.id.value)
        for run in runs {
            if run.handbook != handbook.settings.storageKey {
                diagnostics.append(.error("this run was recorded with the handbook '\(run.handbook.prefix(80))', not with "
                                          + "this one ('\(handbook.settings.storageKey)')", at: run.handbookLocation,
                                          rule: "run-handbook"))
                continue
            }
            guard procedures.contains(run.procedure) else {
                diagnostics.append(.error("no procedure '\(run.procedure)' in this handbook", at: run.procedureLocation,
                                          rule: "unknown-reference", suggestion: closestMatch(to: run.procedure, among: procedures)))
                continue
            }
            guard let index = kept.firstIndex(where: { $0.runID == run.runID }) else {
                kept.append(run)
                continue
            }
            let other = kept[index]
            let (shorter, longer) = other.events.count <= run.events.count ? (other, run) : (run, other)
            if zip(shorter.events, longer.events).allSatisfy(sameEvent) {
                kept[index] = longer
            } else {
                diagnostics.append(.error("the run '\(run.runID)' is also in '\(other.path)', with other events: two "
                                          + "exports of one run disagree; give only the one to keep",
                                          at: SourceLocation(path: run.path, line: 1, column: 1), rule: "run-duplicate"))
            }
        }
        // A drill's REX is the drill's: a real outage is never told with an exercise's records, or the reverse.
        if let first = kept.first, kept.contains(where: { $0.drill != first.drill }) {
            for run in kept where run.drill != first.drill {
                diagnostics.append(.error(run.drill
                    ? "this run is a drill and '\(first.path)' is not: a REX tells one event; draft the drill's runs apart"
                    : "this run is not a drill and '\(first.path)' is one: a REX tells one event; draft the drill's runs apart",
                    at: SourceLocation(path: run.path, line: 1, column: 1), rule: "run-drill"))
            }
        }
        return (kept, diagnostics)
    }

    /// The same event in two files (their positions aside).
    static func sameEvent(_ a: RunEvent, _ b: RunEvent) -> Bool {
        a.seq == b.seq && a.at == b.at && a.by == b.by && a.kind == b.kind
    }
}
