/// Checks, when templates load, that every name a page template uses — itself and through its partials, inside
/// each section with the names that section's items add — is one its page publishes (`TemplateView` tables, the
/// `t_*` words, the page chrome). A misspelt key in a custom template is refused before anything is rendered,
/// never rendered as nothing.
enum TemplateKeyCheck {
    /// The schema each page template is rendered with.
    static let pages: [String: @Sendable () -> TemplateSchema] = [
        "index": { PageView<IndexView>.schema },
        "procedure": { PageView<ProcedurePageDocument>.schema },
        "checklist": { PageView<ChecklistDocument>.schema },
        "incident": { PageView<IncidentView>.schema },
        "report": { PageView<IncidentView>.schema },
        "binder": { PageView<BinderView>.schema },
        // Each binder chapter renders on its own, as inside the binder's `{{#chapters}}` (`PageRenderer.binderPage`).
        "checklist-body": { ChapterDocument.keys.schema.adding(PageView<BinderView>.schema) },
        "reconcile": { PageView<BoardView>.schema },
        "reconcile-report": { PageView<VerdictPageView>.schema },
    ]

    /// Where a tag stands: its template and its first byte.
    struct TagPlace: Hashable, Sendable {
        let template: String
        let offset: Int
    }

    /// A scope of names, and whether a section over items that speak their own language pushed it.
    private struct Scope {
        let schema: TemplateSchema
        let isForeign: Bool
    }

    /// Where the pages find their `t_*` words: the words some page finds in a scope of items speaking their own
    /// language (a binder chapter's, inside the binder's `{{#chapters}}`), which must be looked up as the page renders
    /// (`TemplateLibraries`); nil when that cannot be told (a partial deeper than the check follows).
    struct WordScopes {
        var foreign: Set<TagPlace>? = []
    }

    /// `tags`: each template's tags (`MustacheTags.scan`), by name: scanned once, however many pages include it.
    @discardableResult
    static func check(_ tags: [String: [MustacheTags.Tag]]) throws -> WordScopes {
        var words = WordScopes()
        for (page, schema) in pages.sorted(by: { $0.key < $1.key }) where tags[page] != nil {
            // The page's own scope is in the language the page renders in, a chapter's too.
            try check(page, page: page, scopes: [Scope(schema: schema(), isForeign: false)], tags: tags, depth: 0,
                      words: &words)
        }
        return words
    }

    private static func check(_ name: String, page: String, scopes: [Scope], tags: [String: [MustacheTags.Tag]],
                              depth: Int, words: inout WordScopes) throws {
        var scopes = scopes
        var opened: [Int] = []  // how many scopes each open section pushed
        for tag in tags[name] ?? [] {
            switch tag.kind {
            case .variable:
                let (_, scope) = try expect(tag.name, in: scopes, template: name, page: page)
                if let scope, scopes[scope].isForeign, Labels.wordKeys.contains(tag.name) {
                    words.foreign?.insert(TagPlace(template: name, offset: tag.range.lowerBound))
                }
            case .section:
                let (kind, scope) = try expect(tag.name, in: scopes, template: name, page: page)
                if case .list(let element)? = kind {
                    let schema = element(), underForeign = scope.map { scopes[$0].isForeign } ?? false
                    scopes.append(Scope(schema: schema, isForeign: schema.speaksOwnLanguage || underForeign))
                    opened.append(1)
                } else {
                    opened.append(0)
                }
            case .close:
                if let pushed = opened.popLast(), pushed == 1 { scopes.removeLast() }
            case .block:
                opened.append(0)
            case .partial:
                // A partial sees the names of where it is included; recursion stops at a depth no page needs.
                guard tags[tag.name] != nil else { continue }
                guard depth < 16 else {
                    words.foreign = nil
                    continue
                }
                try check(tag.name, page: page, scopes: scopes, tags: tags, depth: depth + 1, words: &words)
            }
        }
    }

    /// The kind of a name and the scope that has it, looked up from the innermost scope outwards (only there for a
    /// name starting with a dot, as swift-mustache looks it up); an error when no scope has it.
    private static func expect(_ name: String, in scopes: [Scope], template: String,
                               page: String) throws -> (TemplateSchema.Kind?, Int?) {
        if name == "." { return (nil, nil) }
        // Most names have no dot: `split` walks characters, and was a quarter of the check.
        let first = name.utf8.contains(UInt8(ascii: ".")) ? String(name.split(separator: ".").first ?? "") : name
        let onlyInnermost = name.hasPrefix(".")
        for index in scopes.indices.reversed() {
            if let kind = scopes[index].schema.keys[first] { return (kind, index) }
            if onlyInnermost { break }
        }
        let place = template == page ? "templates/\(page).mustache"
                                     : "templates/\(template).mustache (included by templates/\(page).mustache)"
        if onlyInnermost {
            throw TemplateError("\(place): uses '.\(first)', which the innermost context does not provide (a name "
                                + "starting with '.' is looked up there only)")
        }
        throw TemplateError("\(place): uses '\(first)', which the page context does not provide")
    }
}

/// The tags of a Mustache template, in order, as far as names go: variables, sections (`#`, `^`), their ends,
/// partials (`>`, `<`) and blocks (`$`); comments skipped, delimiter changes (`{{=<% %>=}}`) followed.
enum MustacheTags {
    enum Kind { case variable, section, close, partial, block }

    struct Tag {
        var kind: Kind
        var name: String
        /// The tag's first character after its delimiter and spaces (`#`, `^`, `>`, `<`…; none for a variable).
        var sigil: Character? = nil
        /// Where the tag stands in the template's UTF-8 bytes, delimiters included.
        var range: Range<Int> = 0..<0
    }

    static func scan(_ text: String) -> [Tag] {
        // On the UTF-8 bytes: Foundation's `range(of:)` on a `Substring` made this a tenth of a rebuild's time.
        let bytes = Array(text.utf8)
        var tags: [Tag] = []
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var position = 0
        while let start = find(open, in: bytes, from: position) {
            position = start + open.count
            var closing = close
            if open == Array("{{".utf8), position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                closing = [UInt8(ascii: "}")] + close  // {{{name}}}
            }
            guard let end = find(closing, in: bytes, from: position) else { break }
            let content = String(decoding: bytes[position..<end], as: UTF8.self).trimmingSpaces()
            position = end + closing.count
            guard let sigil = content.first else { continue }
            let body = String(content.dropFirst()).trimmingSpaces()
            let range = start..<position
            switch sigil {
            case "!": continue
            case "=":
                let delimiters = body.dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if delimiters.count == 2 { (open, close) = (Array(delimiters[0].utf8), Array(delimiters[1].utf8)) }
            case "#", "^": tags.append(Tag(kind: .section, name: variableName(body), sigil: sigil, range: range))
            case "/": tags.append(Tag(kind: .close, name: body, sigil: sigil, range: range))
            case ">", "<": tags.append(Tag(kind: .partial, name: body, sigil: sigil, range: range))
            case "$": tags.append(Tag(kind: .block, name: body, sigil: sigil, range: range))
            case "&", "{": tags.append(Tag(kind: .variable, name: variableName(body), sigil: sigil, range: range))
            default: tags.append(Tag(kind: .variable, name: variableName(String(content)), range: range))
            }
        }
        return tags
    }

    /// Where `needle` first stands in `bytes` at or after `from`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, from + needle.count <= bytes.count else { return nil }
        for index in from...(bytes.count - needle.count)
        where bytes[index] == first && bytes[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }

    /// The variable of `name`, or of `transform(name)` (swift-mustache's transforms).
    private static func variableName(_ text: String) -> String {
        var name = Substring(text)
        while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = name[name.index(after: open)..<name.index(before: name.endIndex)]
        }
        return String(name).trimmingSpaces()
    }
}

extension StringProtocol {
    /// Without what `isSpace` takes at either end; by default the spaces, tabs and line breaks around a tag's name.
    func trimmingSpaces(_ isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }) -> String {
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
