import Foundation

extension Wording {
    /// Every word of one language as JSON (`{"language", "pages", "values", "runner"}`, keys sorted): for
    /// translators comparing languages, and for tests that check a page shows no word of another language.
    public static func json(_ language: Language) -> String {
        let table = table(language.rawValue)
        let object: [String: Any] = ["language": table.language, "pages": table.pages, "values": table.values,
                                     "runner": table.runner]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted,
                                                                                    .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
