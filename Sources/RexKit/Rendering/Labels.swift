/// Fixed words of the pages, in the document's language, as the templates and contexts ask for them:
/// `t_*` keys merged into every page context, and words for enumeration values. The words themselves
/// live in `Wording/`, the one source.
enum Labels {
    static func forLanguage(_ language: String) -> [String: String] {
        prefixedTables[wordingLanguage(language)]!
    }

    /// The language whose words a document in `language` is shown with (French for one Rex has no words in).
    static func wordingLanguage(_ language: String) -> String {
        let prefix = String(language.prefix(2))
        return prefixedTables[prefix] == nil ? "fr" : prefix
    }

    /// Every `t_*` key, in any language (`Wording.validate()` makes every language have them all).
    static let wordKeys: Set<String> = Set(prefixedTables.values.flatMap(\.keys))

    // Prefixed once: every page, step and go-to asks for them.
    private static let prefixedTables: [String: [String: String]] = Wording.tables.mapValues { table in
        Dictionary(uniqueKeysWithValues: table.pages.map { ("t_\($0.key)", $0.value) })
    }

    /// The word for an enumeration value (`downtime` → "Arrêt (mode dégradé)"). `Wording.validate()` makes sure
    /// every value has one in every language before anything is rendered.
    static func value(_ raw: String, language: String) -> String {
        Wording.table(language).values[raw] ?? raw
    }

    /// A wording of the table with `{0}`, `{1}`… filled in order.
    static func say(_ key: String, language: String, _ arguments: [String]) -> String {
        // One pass over the wording, so that an argument holding "{1}" stays as typed.
        let template = forLanguage(language)["t_\(key)"] ?? key
        var text = "", rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), arguments.indices.contains(index) {
                text += arguments[index]
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }
}
