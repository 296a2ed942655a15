/// Bounds an exported run must respect, the same as the runner's own import check (`core.LIMITS`).
public enum RunLimits {
    /// Checked on the file's size, before a byte is parsed.
    public static let fileBytes = 4 * 1024 * 1024
    public static let events = 20_000
    public static let text = 10_000
    /// Ids and initials.
    public static let shortText = 200
    /// Keys of a `values` object, items of `mismatches` and `refusals`.
    public static let entries = 200
}

/// Collects the problems of one run file, each located at the JSON value it is about.
final class RunProblems {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    func error(_ message: String, at node: JSONNode) {
        error(message, line: node.line, column: node.column)
    }

    func error(_ message: String, line: Int, column: Int, rule: String = "run-format") {
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(path: path, line: line, column: column), rule: rule))
    }
}

/// A parsed JSON tree → `Run`, checking it against the run format the way the runner's import does (`checkRun`):
/// top-level keys, events numbered from 1 without gaps, the first a `start`, each event's fields of the right kind
/// and within bounds. Every problem is reported, located at its value and naming the event's `seq` and field. Keys
/// the format does not know are ignored, as the runner ignores them (a later runner may add some).
struct RunDecoder {
    let problems: RunProblems

    func decode(_ root: JSONNode) -> Run? {
        guard let top = root.members else {
            problems.error("expected an exported run (a JSON object), found \(root.described)", at: root)
            return nil
        }
        let fields = Fields(members: top, owner: root, context: "", problems: problems)
        guard let format = fields.text("format") else { return nil }
        guard format == "rex-run" else {
            problems.error("'format' must be \"rex-run\" (a run exported by the step runner), found \"\(format.prefix(40))\"",
                           at: top["format"]!.node)
            return nil
        }
        if let version = fields.integer("formatVersion"), version != 1 {
            problems.error("'formatVersion' \(version) is not one this rex reads (1)", at: top["formatVersion"]!.node)
        }
        let runID = fields.text("runId")
        if let runID, runID.isEmpty || runID.count > 64 || !runID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.error("'runId' must be 1 to 64 letters, digits or '-', found \"\(runID.prefix(40))\"", at: top["runId"]!.node)
        }
        let handbook = fields.text("handbook"), procedure = fields.identifier("procedure", local: false)
        let run = Run(path: problems.path, runID: runID ?? "", handbook: handbook ?? "", procedure: procedure ?? "",
                      title: fields.text("title", required: false), version: fields.integer("version", required: false),
                      revision: fields.text("revision", required: false), language: fields.text("language", required: false),
                      unit: fields.text("unit", required: false), drill: fields.bool("drill") ?? false,
                      status: fields.text("status", required: false), startedAt: fields.time("startedAt", required: false),
                      completedAt: fields.time("completedAt", required: false),
                      exportedAt: fields.time("exportedAt", required: false), events: events(top, root),
                      handbookLocation: location(top["handbook"]?.node ?? root),
                      procedureLocation: location(top["procedure"]?.node ?? root))
        return problems.diagnostics.isEmpty ? run : nil
    }

    private func location(_ node: JSONNode) -> SourceLocation {
        SourceLocation(path: problems.path, line: node.line, column: node.column)
    }

    private func events(_ top: [String: JSONMember], _ root: JSONNode) -> [RunEvent] {
        guard let member = top["events"] else {
            problems.error("missing 'events' (the run's record, a list)", at: root)
            return []
        }
        guard case .array(let items) = member.node.value, !items.isEmpty else {
            problems.error("'events' must be a list of at least one event, found \(member.node.described)", at: member.node)
            return []
        }
        guard items.count <= RunLimits.events else {
            problems.error("'events' holds \(items.count) events; a run may hold at most \(RunLimits.events)", at: member.node)
            return []
        }
        return items.enumerated().compactMap { index, node in event(node, seq: index + 1) }
    }
}

/// Reads the members of one JSON object, reporting each problem as "<context>'key' …".
struct Fields {
    let members: [String: JSONMember]
    let owner: JSONNode
    /// "event 7 (row-add): ", or "" at the top level.
    let context: String
    let problems: RunProblems

    /// The key is there with a value other than null.
    func has(_ key: String) -> Bool {
        guard let node = members[key]?.node else { return false }
        return !isNull(node)
    }

    func node(_ key: String, required: Bool, kind: String) -> JSONNode? {
        guard let node = members[key]?.node, !(!required && isNull(node)) else {
            if required { problems.error("\(context)missing '\(key)' (\(kind))", at: owner) }
            return nil
        }
        return node
    }

    func text(_ key: String, required: Bool = true, limit: Int = RunLimits.text) -> String? {
        guard let node = node(key, required: required, kind: "text") else { return nil }
        return checkedText(node, name: key, limit: limit)
    }

    func checkedText(_ node: JSONNode, name: String, limit: Int = RunLimits.text) -> String? {
        guard case .string(let text) = node.value else {
            problems.error("\(context)'\(name)' must be text, found \(node.described)", at: node)
            return nil
        }
        if text.count > limit {
            problems.error("\(context)'\(name)' holds \(text.count) characters; at most \(limit)", at: node)
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\t", "\r"].contains($0) }) {
            problems.error("\(context)'\(name)' holds a control character", at: node)
            return nil
        }
        return text
    }

    /// A procedure id (`local: false`) or an id inside a procedure (a step, a log, a field).
    func identifier(_ key: String, required: Bool = true, local: Bool = true) -> String? {
        guard let text = text(key, required: required, limit: RunLimits.shortText) else { return nil }
        guard isValidIdentifier(text, allowingUnderscore: local) else {
            problems.error("\(context)'\(key)' must be an id (lower-case letters, digits, '-'\(local ? ", '_'" : "")), "
                           + "found \"\(text.prefix(40))\"", at: members[key]!.node)
            return nil
        }
        return text
    }

    func integer(_ key: String, required: Bool = true, minimum: Int = 1) -> Int? {
        guard let node = node(key, required: required, kind: "a whole number") else { return nil }
        guard case .number(let number) = node.value, number.rounded() == number, number >= Double(minimum),
              number <= 1_000_000_000 else {
            problems.error("\(context)'\(key)' must be a whole number from \(minimum), found \(node.described)", at: node)
            return nil
        }
        return Int(number)
    }

    func bool(_ key: String) -> Bool? {
        guard let node = node(key, required: false, kind: "true or false") else { return nil }
        guard case .bool(let flag) = node.value else {
            problems.error("\(context)'\(key)' must be true or false, found \(node.described)", at: node)
            return nil
        }
        return flag
    }

    func time(_ key: String, required: Bool = true) -> RunTime? {
        guard let text = text(key, required: required, limit: RunLimits.shortText) else { return nil }
        guard let time = RunTime(text) else {
            problems.error("\(context)'\(key)' must be a date and time (2025-11-18T10:32:05+01:00), found \"\(text.prefix(40))\"",
                           at: members[key]!.node)
            return nil
        }
        return time
    }

    private func isNull(_ node: JSONNode) -> Bool {
        if case .null = node.value { return true }
        return false
    }
}
