import Mustache

/// How `{{x}}` escapes text in Rex's pages: the same five characters as swift-mustache's HTML escaping (`<`, `>`,
/// `&`, `"`, `'`), replaced the same way, but byte by byte. swift-mustache walks the text's grapheme clusters
/// with a dictionary lookup for each, a fourteenth of a full build; and a `<` carrying a combining mark is one
/// cluster it leaves as it is, where this escapes it.
struct HTMLEscaping: MustacheContentType {
    /// The name templates switch to it by (`TemplateSet` puts the pragma at the top of every template).
    static let name = "REX_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"
    /// Registered once, before the first template is parsed.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    private static let escapes = ByteEscapes(["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"])

    func escapeText(_ text: String) -> String {
        Self.escapes.apply(to: text)
    }
}
