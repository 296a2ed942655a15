import Foundation

/// Reads one YAML mapping key by key into typed values, reporting every problem at its node:
/// unknown keys, missing keys, wrong types, impossible dates, values outside an enumeration.
/// Plain scalars arrive as strings (basic resolver), so `No` stays "No" and `12:30` stays "12:30".
struct MappingReader {
    let file: SourceFile
    let location: SourceLocation
    /// The mapping's pairs as written; those whose key is not text or not allowed were reported and are never asked
    /// for (the loader asks only for allowed keys). Kept as the node's own array, not copied into a table per mapping.
    private let pairs: [YAMLPair]
    /// From `FormatSpec`; kept to catch a loader reading a key the spec (and so the schema) lacks.
    private let allowedKeys: [String]

    /// Nil (and an error) when `node` is not a mapping.
    init?(_ node: YAMLNode, file: SourceFile, what: String, allowedKeys: [String]) {
        guard case .mapping(let mapping) = node.content else {
            file.error("expected \(what) as a mapping of keys, found \(describe(node))", at: file.location(node),
                       rule: "wrong-type")
            return nil
        }
        self.file = file
        self.location = file.location(node)
        self.allowedKeys = allowedKeys
        for pair in mapping {
            let key = pair.key
            guard let name = key.scalar else {
                file.error("a key must be plain text, found \(describe(key))", at: file.location(key), rule: "wrong-type")
                continue
            }
            if !allowedKeys.contains(name) {
                file.error("unknown key '\(name)' in \(what)", at: file.location(key), rule: "unknown-key",
                           suggestion: closestMatch(to: name, among: allowedKeys))
            }
        }
        pairs = mapping
    }

    /// The value node of a key, nil when absent or null; `required` reports its absence.
    func node(_ key: String, required: Bool = false) -> YAMLNode? {
        // A programming error, not a user's: every test that reads such a mapping fails until the key is
        // added to FormatSpec, so the schema and the documentation never miss a key the loader reads.
        assert(allowedKeys.contains(key), "the loader reads '\(key)', which FormatSpec does not list for this mapping")
        // An index, not the pair: a copy of the pair would retain its key and value for every key asked.
        let index = pairs.firstIndex { pair in
            if case .scalar(let text, _) = pair.key.content { return text == key }
            return false
        }
        if let index, !isNull(pairs[index].value) {
            return pairs[index].value
        }
        if required {
            if let index {
                file.error("'\(key)' has no value", at: file.location(pairs[index].key), rule: "missing-key")
            } else {
                file.error("missing required key '\(key)'", at: location, rule: "missing-key")
            }
        }
        return nil
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// Where a key's value is written (or the mapping, when it is absent).
    func location(of key: String) -> SourceLocation {
        node(key).map(file.location) ?? location
    }

    // MARK: Scalars

    func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let text = node(key, required: required).flatMap(scalarText) else { return nil }
        // A first byte that is visible ASCII says at once that the text is not blank (most texts are long Markdown).
        if required, !isVisibleASCII(text.value.utf8.first), text.value.allSatisfy(\.isWhitespace) {
            file.error("'\(key)' is empty", at: text.location, rule: "missing-key")
            return nil
        }
        return text
    }

    func text(_ key: String, required: Bool = false) -> String? {
        string(key, required: required)?.value
    }

    func scalarText(_ node: YAMLNode) -> Located<String>? {
        guard let text = node.scalar else {
            file.error("expected text, found \(describe(node))", at: file.location(node), rule: "wrong-type")
            return nil
        }
        return Located(text, at: file.location(node))
    }

    /// A document id (procedure, incident, severity scale): `[a-z0-9-]`, as in file names.
    func identifier(_ key: String, required: Bool = false) -> Located<String>? {
        string(key, required: required).flatMap(checkedIdentifier)
    }

    /// An id inside a procedure (step, field, column, log, role): `[a-z0-9_-]`, as in `db_backup_at`.
    func localIdentifier(_ key: String, required: Bool = false) -> Located<String>? {
        string(key, required: required).flatMap { checkedIdentifier($0, local: true) }
    }

    func checkedIdentifier(_ text: Located<String>) -> Located<String>? {
        checkedIdentifier(text, local: false)
    }

    func checkedIdentifier(_ text: Located<String>, local: Bool) -> Located<String>? {
        guard isValidIdentifier(text.value, allowingUnderscore: local) else {
            let allowed = local ? "lower-case letters, digits, '-' and '_' (e.g. 'db_backup_at')"
                                : "lower-case letters, digits and '-' (e.g. 'aria-restore')"
            file.error("'\(text.value)' is not a valid id: use \(allowed)", at: text.location, rule: "invalid-id")
            return nil
        }
        return text
    }

    func integer(_ key: String, required: Bool = false) -> Located<Int>? {
        guard let text = string(key, required: required) else { return nil }
        guard let value = Int(trimmingSpaces(text.value)) else {
            file.error("'\(key)' must be a whole number, found '\(text.value)'", at: text.location, rule: "wrong-type")
            return nil
        }
        return Located(value, at: text.location)
    }

    func number(_ key: String) -> Located<Double>? {
        guard let text = string(key) else { return nil }
        guard let value = Double(trimmingSpaces(text.value)), value.isFinite else {
            file.error("'\(key)' must be a number, found '\(text.value)'", at: text.location, rule: "wrong-type")
            return nil
        }
        return Located(value, at: text.location)
    }

    func boolean(_ key: String, default defaultValue: Bool) -> Bool {
        locatedBoolean(key)?.value ?? defaultValue
    }

    /// `true` or `false` where it is written; nil when absent or not a boolean (reported).
    func locatedBoolean(_ key: String) -> Located<Bool>? {
        guard let text = string(key) else { return nil }
        switch text.value.lowercased() {
        case "true": return Located(true, at: text.location)
        case "false": return Located(false, at: text.location)
        default:
            file.error("'\(key)' must be true or false, found '\(text.value)'", at: text.location, rule: "wrong-type")
            return nil
        }
    }

    func date(_ key: String, required: Bool = false) -> Located<LocalDate>? {
        guard let text = string(key, required: required) else { return nil }
        guard let dateTime = parseDateTime(text, allowTime: false) else { return nil }
        return Located(dateTime.value.date, at: text.location)
    }

    func dateTime(_ key: String, required: Bool = false) -> Located<LocalDateTime>? {
        string(key, required: required).flatMap { parseDateTime($0, allowTime: true) }
    }

    /// One of an enumeration's values. `listing` narrows the values a message offers (and suggests from) to
    /// those that make sense where the key is written; any value of the enumeration is still read, so a check
    /// can say why it does not belong there.
    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false,
                                                         default defaultValue: E? = nil,
                                                         listing: [E]? = nil) -> Located<E>?
    where E.RawValue == String {
        guard let text = string(key, required: required) else {
            return defaultValue.map { Located($0, at: location) }
        }
        guard let value = E(rawValue: text.value) else {
            let allowed = (listing ?? Array(E.allCases)).map(\.rawValue)
            file.error("'\(text.value)' is not a valid \(key); expected one of: \(allowed.joined(separator: ", "))",
                       at: text.location, rule: "invalid-value", suggestion: closestMatch(to: text.value, among: allowed))
            return nil
        }
        return Located(value, at: text.location)
    }

    // MARK: Collections

    /// The items of a list; a single value where a list is expected is an error.
    func list(_ key: String, required: Bool = false) -> [YAMLNode] {
        guard let node = node(key, required: required) else { return [] }
        guard case .sequence(let sequence) = node.content else {
            file.error("'\(key)' must be a list (e.g. '- item' lines or [a, b]), found \(describe(node))",
                       at: file.location(node), rule: "wrong-type")
            return []
        }
        return sequence
    }

    func strings(_ key: String) -> [Located<String>] {
        list(key).compactMap(scalarText)
    }

    func identifiers(_ key: String) -> [Located<String>] {
        strings(key).compactMap { checkedIdentifier($0) }
    }

    /// The key–value pairs of a nested mapping, with located keys.
    func pairs(_ key: String, required: Bool = false) -> [(key: Located<String>, value: YAMLNode)] {
        guard let node = node(key, required: required) else { return [] }
        guard case .mapping(let mapping) = node.content else {
            file.error("'\(key)' must be a mapping of 'id: value' lines, found \(describe(node))",
                       at: file.location(node), rule: "wrong-type")
            return []
        }
        return mapping.compactMap { pair in
            scalarText(pair.key).map { (key: $0, value: pair.value) }
        }
    }
}

/// Ids are lower-case `[a-z0-9-]` (ids inside a procedure may also use `_`) and start with a letter or digit:
/// they become file names, URL fragments and storage keys, and can never leave their folder.
/// Checked byte by byte rather than with a Regex: it runs for every id of every file, and a Regex match
/// cost ~0.2 ms each in debug builds (a quarter of the time of loading a 10 000-step procedure).
func isValidIdentifier(_ text: String, allowingUnderscore: Bool = false) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, bytes.count <= 80, isLowerAlphanumeric(first) else { return false }
    return bytes.allSatisfy {
        isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || (allowingUnderscore && $0 == UInt8(ascii: "_"))
    }
}

private func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}
