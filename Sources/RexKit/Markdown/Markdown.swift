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
        withDocument(markdown, words)
    }

    /// Block HTML and the words of a Markdown text from one parse: a page and the search data read the same text.
    public static func htmlAndText(_ markdown: String) -> (html: String, text: String) {
        withDocument(markdown) { document in
            let html = cmark_render_html(document, options).map { rendered in
                defer { free(rendered) }
                return String(cString: rendered)
            } ?? ""
            return (html, words(document))
        }
    }

    private static func words(_ document: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        var words: [UInt8] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let node = cmark_iter_get_node(iterator)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    words.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM:
                if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER { words.append(UInt8(ascii: " ")) }
            default:
                break
            }
        }
        return collapsingWhitespace(words)
    }

    /// Runs of spaces, tabs, line breaks and no-break spaces as one space, trimmed; byte by byte (this runs on
    /// every step of every procedure).
    private static func collapsingWhitespace(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            let noBreak = byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0
            if space || noBreak {
                pendingSpace = !result.isEmpty
                index += noBreak ? 2 : 1
                continue
            }
            if pendingSpace { result.append(0x20) }
            pendingSpace = false
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T {
        let bytes = Array(markdown.utf8)
        let document = cmark_parse_document(bytes, bytes.count, options)!
        defer { cmark_node_free(document) }
        return body(document)
    }
}
