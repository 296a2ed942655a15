/// A JSON value with the 1-based line and column where it starts, so that a check can point at it, as
/// `Located` does for YAML. Built by `JSONReader`; numbers keep their text (a run's `row` must be a whole number).
struct JSONNode: Sendable {
    enum Value: Sendable {
        case object([JSONMember])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    var value: Value
    var line: Int
    var column: Int

    /// "an object", "a list", "the text "x"", "the number 3" — for messages.
    var described: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string(let text): "the text \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .number(let number): "the number \(JSONNode.format(number))"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    /// `3` rather than `3.0` for whole numbers.
    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// The members of an object, by key (keys are unique: the reader refuses a repeated one).
    var members: [String: JSONMember]? {
        guard case .object(let list) = value else { return nil }
        return Dictionary(list.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One `"key": value` of an object, with where the key is written.
struct JSONMember: Sendable {
    var key: String
    var keyLine: Int
    var keyColumn: Int
    var node: JSONNode
}
