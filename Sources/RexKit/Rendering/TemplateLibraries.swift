import Foundation
import Mustache

/// The templates as swift-mustache parses them, one library per language a page is shown in, each made when a
/// page of that language first renders.
///
/// In each, the `t_*` words a template shows (`{{t_x}}`, `{{{t_x}}}`, `{{& t_x}}`) are written into its text before
/// it is parsed, escaped as `{{t_x}}` would escape them. Looked up as pages render, each word was a climb through the
/// context stack with dynamic casts at every frame, and its escaping again on every page: a tenth of a full build.
/// A word stays a tag where writing it in could show something else: where a page finds it among the words of items
/// that speak their own language (a binder chapter's, `TemplateKeyCheck`), with a transform, when its text holds
/// a brace or a line break (a brace could make a tag, a line break change which lines stand alone), in a template
/// that changes its delimiters or content type, and in every template of a set that inherits (`{{<parent}}`,
/// `{{$block}}`: a block is shown where its parent puts it) or includes partials deeper than the check follows.
/// The other names a view publishes are written as their short stand-ins (`TagAliases`), except in a template that
/// changes its delimiters or content type, where a tag holds more than the name (a transform, a dotted name), and for
/// a name one of whose tags that must match another (a section's, a block's, an inheriting partial's, a closing tag)
/// cannot take its stand-in. A template that parses as written but not rewritten is parsed as written: its words are
/// then looked up as its pages render, as they would be without words written in.
final class TemplateLibraries: @unchecked Sendable {
    struct Library: Sendable {
        let pages: MustacheLibrary
        /// With each parted list's row partial replaced by its marker: what the index's frame is rendered with.
        let indexFrame: MustacheLibrary
    }

    private let sources: [String: String]
    private let tags: [String: [MustacheTags.Tag]]
    /// The words that stay tags (`TemplateKeyCheck.WordScopes`); nil: all of them do.
    private let foreignWords: Set<TemplateKeyCheck.TagPlace>?
    private let indexRows: IndexRows
    private let writingWords: Bool
    private let lock = NSLock()
    private var made: [String: Result<Library, any Error>] = [:]

    init(sources: [String: String], tags: [String: [MustacheTags.Tag]], foreignWords: Set<TemplateKeyCheck.TagPlace>?,
         indexRows: IndexRows, writingWords: Bool) {
        (self.sources, self.tags, self.foreignWords) = (sources, tags, foreignWords)
        (self.indexRows, self.writingWords) = (indexRows, writingWords)
    }

    /// The library of pages in `language`, made on first use (other pages wait for it rather than parse it twice).
    /// Making it is what checks each template's syntax.
    func library(for language: String) throws -> Library {
        let wording = Labels.wordingLanguage(language)
        return try lock.withLock {
            if let library = made[wording] { return library }
            let library = Result { try make(wording) }
            made[wording] = library
            return library
        }.get()
    }

    private func make(_ language: String) throws -> Library {
        let words = Labels.forLanguage(language)
        var pages = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let written = Self.rewritten(text, words: words, tags: tags[name] ?? [], shorteningNames: writingWords) {
                writingWords && foreignWords?.contains(TemplateKeyCheck.TagPlace(template: name, offset: $0)) == false
            }
            do {
                pages.register(try TemplateSet.parse(written, file: "\(name).mustache"), named: name)
            } catch {
                // Words and stand-ins written in move the place of a syntax error: the template as written says where
                // it is. One that parses as written is taken as written.
                pages.register(try TemplateSet.parse(text, file: "\(name).mustache"), named: name)
            }
        }
        var indexFrame = pages
        for list in indexRows.lists {
            indexFrame.register(try MustacheTemplate(string: list.template), named: list.partial)
        }
        return Library(pages: pages, indexFrame: indexFrame)
    }

    /// `text` with each word tag whose place `mayWrite` accepts replaced by the word as it would render, and, when
    /// `shorteningNames`, the name of each other tag by its stand-in (`TagAliases`), where it has one.
    static func rewritten(_ text: String, words: [String: String], tags: [MustacheTags.Tag], shorteningNames: Bool,
                          mayWrite: (Int) -> Bool) -> String {
        // Searched in the bytes (`MustacheTags.find`): `String.contains`, Foundation's as `import Foundation` picks it,
        // went through NSString.
        let bytes = Array(text.utf8)
        guard MustacheTags.find(Array("{{=".utf8), in: bytes, from: 0) == nil,
              MustacheTags.find(Array("{{%".utf8), in: bytes, from: 0) == nil else { return text }
        let shortenings = tags.map { shorteningNames ? shortened($0, in: bytes) : nil }
        // A name stays as written wherever one of its tags that must match another (a section's, a block's, an
        // inheriting partial's, a closing tag) cannot take the stand-in: swift-mustache checks that they match.
        let keptNames = Set(zip(tags, shortenings).filter { $0.0.kind != .variable && $0.1 == nil }.map(\.0.name))
        var written: [UInt8] = []
        written.reserveCapacity(bytes.count)
        var copied = 0
        for (tag, shortened) in zip(tags, shortenings) {
            let replacement: String
            if tag.kind == .variable, let word = words[tag.name], mayWrite(tag.range.lowerBound),
               !word.utf8.contains(where: { "{}\n\r".utf8.contains($0) }),
               let escaped = Self.escapes(String(decoding: bytes[tag.range], as: UTF8.self), showing: tag.name) {
                replacement = escaped ? HTMLEscaping().escapeText(word) : word
            } else if let shortened, !keptNames.contains(tag.name) {
                replacement = shortened
            } else {
                continue
            }
            written += bytes[copied..<tag.range.lowerBound]
            written += replacement.utf8
            copied = tag.range.upperBound
        }
        written += bytes[copied...]
        return String(decoding: written, as: UTF8.self)
    }

    /// The tag with its name's stand-in in place of the name; nil when the name has none, or the tag is in another
    /// form than the name alone between the braces and their sign (`{{#name}}`, `{{/name}}`, `{{{name}}}`,
    /// `{{& name}}`…), spaces and tabs around it: a transform, a dotted name.
    private static func shortened(_ tag: MustacheTags.Tag, in bytes: [UInt8]) -> String? {
        guard tag.kind == .variable || tag.kind == .section || tag.kind == .close,
              let alias = TagAliases.alias(of: tag.name) else { return nil }
        let inner = String(decoding: bytes[tag.range], as: UTF8.self).dropFirst(2).dropLast(2)
        let trimmed = { (text: Substring) in text.trimmingSpaces(isNameSpace) }
        switch inner.first {
        case "{": return inner.hasSuffix("}") && trimmed(inner.dropFirst().dropLast()) == tag.name ? "{{{\(alias)}}}" : nil
        case let sign? where "&#^/".contains(sign): return trimmed(inner.dropFirst()) == tag.name ? "{{\(sign)\(alias)}}" : nil
        default: return trimmed(inner) == tag.name ? "{{\(alias)}}" : nil
        }
    }

    /// Whether `tag` (its text, delimiters included) shows `name` escaped (`{{name}}`) or as it is (`{{{name}}}`,
    /// `{{& name}}`, the sign right after the braces, as swift-mustache wants it); nil for any other form (a
    /// transform, a dotted name, `{{ &name}}`, which swift-mustache refuses and must still refuse).
    private static func escapes(_ tag: String, showing name: String) -> Bool? {
        let inner = tag.dropFirst(2).dropLast(2)
        let trimmed = { (text: Substring) in text.trimmingSpaces(isNameSpace) }
        switch inner.first {
        case "&": return trimmed(inner.dropFirst()) == name ? false : nil
        case "{": return inner.hasSuffix("}") && trimmed(inner.dropFirst().dropLast()) == name ? false : nil
        default: return trimmed(inner) == name ? true : nil
        }
    }

    /// What `escapes` takes off around a name: spaces and tabs, as Foundation's `.whitespaces` did around the names
    /// `MustacheTags.scan` finds (it names a tag only when spaces, tabs and line breaks alone surround the name); a
    /// line break stays, so that such a tag stays a tag.
    static func isNameSpace(_ character: Character) -> Bool {
        character == " " || character == "\t"
    }
}
