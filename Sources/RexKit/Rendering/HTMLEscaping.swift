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

    func escapeText(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: Self.isEscaped) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
        return escaped ?? text
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
