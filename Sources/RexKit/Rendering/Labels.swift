/// Fixed words of the pages, in the document's language, as the templates and contexts ask for them:
/// `t_*` keys merged into every page context, and words for enumeration values. The words themselves
/// live in `Wording/`, the one source.
enum Labels {
    static func forLanguage(_ language: String) -> [String: String] {
        prefixedTables[String(language.prefix(2))] ?? prefixedTables["fr"]!
    }

    // Prefixed once: every page, step and go-to asks for them.
    private static let prefixedTables: [String: [String: String]] = Wording.tables.mapValues { table in
        Dictionary(uniqueKeysWithValues: table.pages.map { ("t_\($0.key)", $0.value) })
    }

    /// The word for an enumeration value (`downtime` → "Arrêt (mode dégradé)"). `Wording.validate()` makes sure
    /// every value has one in every language before anything is rendered.
    static func value(_ raw: String, language: String) -> String {
        Wording.table(language).values[raw] ?? raw
    }
}
