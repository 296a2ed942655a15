/// A YAML node as Rex reads it: text (every scalar is a string: Rex's typed reading decides what it means),
/// a list or a mapping, with the 1-based line and column where it starts. Anchors, aliases and tags never
/// reach it: handbooks have no use for them (anchors and aliases are refused, tags are not read).
struct YAMLNode: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        /// `plain` is false for quoted and block scalars: only a plain empty value, `~` or `null` is null.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    var line: Int
    var column: Int

    /// The text of a scalar; nil for a list or a mapping.
    var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }
}

/// One key and its value, in the order written.
struct YAMLPair: Sendable, Equatable {
    var key: YAMLNode
    var value: YAMLNode
}

/// A YAML null: an empty plain value, `~` or `null`.
func isNull(_ node: YAMLNode) -> Bool {
    guard case .scalar(let text, let plain) = node.content, plain else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
}

/// "a list", "a mapping", "the text 'x'" — for messages.
func describe(_ node: YAMLNode) -> String {
    switch node.content {
    case .scalar(let text, _): "'\(text)'"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
}
