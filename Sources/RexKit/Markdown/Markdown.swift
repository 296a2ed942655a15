import CCmark
import Foundation

/// The only place that touches cmark. Every Markdown text of a handbook goes through here.
///
/// HTML output is cmark's safe mode (raw HTML omitted, `javascript:`/`vbscript:`/`file:` links emptied)
/// with smart punctuation; cmark allocates every returned string with `malloc`, freed right after copying.
public enum Markdown {
    private static let options = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8

    /// Block HTML (`<p>…</p>`, lists, emphasis) of a Markdown text.
    public static func html(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        guard let rendered = cmark_markdown_to_html(bytes, bytes.count, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// HTML of a short text without its paragraph wrapper, for labels and table cells.
    public static func inlineHTML(_ markdown: String) -> String {
        let block = html(markdown)
        let paragraph = block.dropFirst(3).dropLast(5)
        if block.hasPrefix("<p>"), block.hasSuffix("</p>\n"), !paragraph.contains("<p>") {
            return String(paragraph)
        }
        return block
    }

    /// Markdown normalised through cmark's CommonMark renderer (no line wrapping).
    public static func commonMark(_ markdown: String) -> String {
        withDocument(markdown) { document in
            guard let rendered = cmark_render_commonmark(document, options, 0) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Plain text made safe to place inside Markdown: the characters that start markup
    /// (emphasis, links, code, HTML, entities, headings) are backslash-escaped, so `<b>` stays text.
    /// Quotes are left to smart punctuation, as in every other text of the handbook.
    public static func escaped(_ plain: String) -> String {
        var result = ""
        for character in plain {
            if "\\`*_[]<>&#!|~".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }

    /// The words of a Markdown text without markup, for search and plain-text places.
    public static func plainText(_ markdown: String) -> String {
        withDocument(markdown) { document in
            guard let iterator = cmark_iter_new(document) else { return "" }
            defer { cmark_iter_free(iterator) }
            var words: [String] = []
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                let node = cmark_iter_get_node(iterator)
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if let literal = cmark_node_get_literal(node) { words.append(String(cString: literal)) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM:
                    if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER { words.append(" ") }
                default:
                    break
                }
            }
            return collapsingWhitespace(words.joined())
        }
    }

    /// Runs of spaces, tabs and line breaks as one space, trimmed (scalar by scalar: this runs on every step).
    private static func collapsingWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T {
        let bytes = Array(markdown.utf8)
        let document = cmark_parse_document(bytes, bytes.count, options)!
        defer { cmark_node_free(document) }
        return body(document)
    }
}
