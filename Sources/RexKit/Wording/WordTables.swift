import Foundation

/// The one source of every fixed word Rex shows: pages, printed checklists, the binder, reports, search
/// and the step runner, one table per language (French, Dutch, English). Templates hold no words: pages get
/// theirs as `t_*` keys, the runner as the words script its page loads (`assets/words-<language>.js`).
/// The command line's own diagnostics stay in English and are not here.
public enum Wording {
    /// One language's words.
    struct Table: Sendable {
        let language: String
        /// Fixed words of pages, by key (`t_<key>` in templates).
        let pages: [String: String]
        /// Words for enumeration values (`downtime`, `approved`, `near-miss`…), by raw value.
        let values: [String: String]
        /// The runner's words, flattened (`status.complete`, `csv.0`).
        let runner: [String: String]
        /// The reconciliation board's words, flattened like the runner's.
        let board: [String: String]
    }

    /// The languages a document may be written in, as `language:` spells them.
    public static let languages = ["fr", "nl", "en"]

    static let tables: [String: Table] = ["fr": french, "nl": dutch, "en": english]

    /// The words of `language`. Loading accepts only `fr`, `nl` and `en`, so every document has a table.
    static func table(_ language: String) -> Table {
        tables[String(language.prefix(2))] ?? french
    }

    /// Enumeration values the pages name in words: each must have a word in every language.
    static let enumerationValues: [String] = ProcedureKind.allCases.map(\.rawValue)
        + DocumentStatus.allCases.map(\.rawValue) + SectionMode.allCases.map(\.rawValue)
        + EventClass.allCases.map(\.rawValue) + IncidentStatus.allCases.map(\.rawValue)
        + CauseCategory.allCases.map(\.rawValue) + ActionStatus.allCases.map(\.rawValue)
        + IncidentOrigin.allCases.map(\.rawValue)

    /// Every word that one language lacks while another has it, and every enumeration value without a word.
    /// Empty when the tables are complete; a build refuses to start otherwise (never an empty word, never a
    /// fallback to another language).
    static func problems(in tables: [Table]) -> [String] {
        var problems: [String] = []
        let parts: [(String, KeyPath<Table, [String: String]>)] = [("", \.pages), ("value ", \.values), ("runner ", \.runner),
                                                                  ("board ", \.board)]
        for (kind, part) in parts {
            let all = Set(tables.flatMap { $0[keyPath: part].keys })
            for table in tables {
                for key in all.subtracting(table[keyPath: part].keys).sorted() {
                    let others = tables.filter { $0[keyPath: part][key] != nil }.map(\.language).joined(separator: ", ")
                    problems.append("wording: '\(table.language)' has no word for \(kind)'\(key)' (\(others) has it)")
                }
                // A list's entry may be empty on purpose (a blank column to sign in); any other word may not.
                // Every build runs this: only the empty words are sorted, and no Foundation trimming.
                let empty = table[keyPath: part].filter { $0.value.allSatisfy(\.isWhitespace) }.keys
                for key in empty.sorted() where key != "none" && !isListEntry(key) {
                    problems.append("wording: '\(table.language)' has an empty word for \(kind)'\(key)'")
                }
            }
        }
        for value in Set(enumerationValues).sorted() {
            for table in tables where table.values[value] == nil {
                problems.append("wording: '\(table.language)' has no word for value '\(value)'")
            }
        }
        return problems
    }

    /// `csv.3`, `rowHeader.6`: one entry of a list of words.
    private static func isListEntry(_ key: String) -> Bool {
        guard let dot = key.lastIndex(of: ".") else { return false }
        return Int(key[key.index(after: dot)...]) != nil
    }

    /// Refuses to build with an incomplete wording (the message names each missing word).
    public static func validate() throws {
        let problems = problems(in: languages.compactMap { tables[$0] })
        if !problems.isEmpty { throw TemplateError(problems.joined(separator: "\n")) }
    }
}
