/// A parsed JSON tree → `Board`, checked the way the board's own page writes it: top-level keys, events numbered
/// from 1 without gaps, the first an `open`, each event's fields of the right kind. Each imported run is checked
/// whole by `RunDecoder`, its problems located in the board's file and prefixed with the `import` event that holds
/// it. Every problem names the event's `seq` and field. Keys the format does not know are ignored.
struct BoardDecoder {
    let problems: RunProblems

    static let eventTypes = ["open", "operator", "take-over", "import", "unit-not-affected", "row-reconcile", "close"]

    func decode(_ root: JSONNode, top: [String: JSONMember]) -> Board? {
        let fields = Fields(members: top, owner: root, context: "", problems: problems)
        if let version = fields.integer("formatVersion"), version != 1 {
            problems.error("'formatVersion' \(version) is not one this rex reads (1)", at: top["formatVersion"]!.node)
        }
        let boardID = fields.text("boardId", limit: RunLimits.shortText)
        let handbook = fields.text("handbook", limit: RunLimits.shortText)
        guard let member = top["events"], case .array(let items) = member.node.value, !items.isEmpty else {
            problems.error("'events' must be a list of at least one event (the board's record)", at: top["events"]?.node ?? root)
            return nil
        }
        guard items.count <= RunLimits.events else {
            problems.error("'events' holds \(items.count) events; a board may hold at most \(RunLimits.events)", at: member.node)
            return nil
        }
        let events = items.enumerated().compactMap { index, node in event(node, seq: index + 1) }
        guard problems.diagnostics.isEmpty, let boardID, let handbook,
              case .open(_, let procedure, let drill)? = events.first?.kind else { return nil }
        let procedureNode = items[0].members?["procedure"]?.node ?? items[0]
        return Board(path: problems.path, boardID: boardID, handbook: handbook, procedure: procedure, drill: drill,
                     events: events, handbookLocation: location(top["handbook"]?.node ?? root),
                     procedureLocation: location(procedureNode))
    }

    private func location(_ node: JSONNode) -> SourceLocation {
        SourceLocation(path: problems.path, line: node.line, column: node.column)
    }

    private func event(_ node: JSONNode, seq: Int) -> BoardEvent? {
        guard let members = node.members else {
            problems.error("event \(seq) must be an object, found \(node.described)", at: node)
            return nil
        }
        let common = Fields(members: members, owner: node, context: "event \(seq): ", problems: problems)
        if let written = common.integer("seq"), written != seq {
            problems.error("event \(seq): 'seq' must be \(seq) (events are numbered from 1, without gaps), found \(written)",
                           at: members["seq"]!.node)
        }
        guard let type = common.text("type", limit: RunLimits.shortText) else { return nil }
        guard Self.eventTypes.contains(type) else {
            problems.error("event \(seq): unknown type \"\(type.prefix(40))\"; expected one of: "
                           + Self.eventTypes.joined(separator: ", "), at: members["type"]!.node)
            return nil
        }
        if (seq == 1) != (type == "open") {
            problems.error(seq == 1 ? "event 1 must be the board's \"open\", found \"\(type)\""
                                    : "event \(seq): a board has one \"open\" event, the first", at: members["type"]!.node)
            return nil
        }
        let f = Fields(members: members, owner: node, context: "event \(seq) (\(type)): ", problems: problems)
        let at = f.time("at"), by = f.text("by", required: false, limit: RunLimits.shortText)
        guard let kind = kind(type, f), let at else { return nil }
        return BoardEvent(seq: seq, at: at, by: by, kind: kind, location: location(node))
    }

    private func kind(_ type: String, _ f: Fields) -> BoardEvent.Kind? {
        let short = RunLimits.shortText
        switch type {
        case "open":
            let who = f.text("operator", limit: short), procedure = f.identifier("procedure", local: false)
            guard let who, let procedure else { return nil }
            return .open(operator: who, procedure: procedure, drill: f.bool("drill") ?? false)
        case "operator":
            let from = f.text("from", required: false, limit: short)
            guard let to = f.text("to", limit: short) else { return nil }
            return .operatorChange(from: from, to: to)
        case "take-over":
            return .takeOver
        case "import":
            return importedRun(f)
        case "unit-not-affected":
            let unit = f.identifier("unit", local: false), initials = f.text("initials", limit: short), reason = f.text("reason")
            guard let unit, let initials, let reason else { return nil }
            return .unitNotAffected(unit: unit, initials: initials, reason: reason)
        case "row-reconcile":
            let run = f.text("run", limit: 64), log = f.identifier("log"), row = f.integer("row")
            let values = RunDecoder(problems: problems).values(f, "values", required: true)
            guard let run, let log, let row, let values else { return nil }
            return .rowReconcile(run: run, log: log, row: row, values: values)
        default: // close
            return .close
        }
    }

    /// The run inside an `import` event, decoded by the run format's own decoder.
    private func importedRun(_ f: Fields) -> BoardEvent.Kind? {
        let file = f.text("file", required: false, limit: short)
        guard let node = f.node("run", required: true, kind: "an exported run") else { return nil }
        guard let members = node.members, case .string("rex-run")? = members["format"]?.node.value else {
            problems.error("\(f.context)'run' must be an exported run (\"format\": \"rex-run\"), found \(node.described)", at: node)
            return nil
        }
        let inner = RunProblems(path: problems.path)
        let run = RunDecoder(problems: inner).decode(node)
        for diagnostic in inner.diagnostics {
            problems.error("\(f.context)run: \(diagnostic.message)", line: diagnostic.location.line,
                           column: diagnostic.location.column, rule: diagnostic.rule)
        }
        return run.map { .importRun(file: file, run: $0) }
    }

    private var short: Int { RunLimits.shortText }
}
