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

    static func check(_ sources: [String: String]) throws {
        for (page, schema) in pages.sorted(by: { $0.key < $1.key }) {
            guard let text = sources[page] else { continue }
            try check(text, name: page, page: page, scopes: [schema()], sources: sources, depth: 0)
        }
    }

    private static func check(_ text: String, name: String, page: String, scopes: [TemplateSchema],
                              sources: [String: String], depth: Int) throws {
        var scopes = scopes
        var opened: [Int] = []  // how many scopes each open section pushed
        for tag in MustacheTags.scan(text) {
            switch tag.kind {
            case .variable:
                try expect(tag.name, in: scopes, template: name, page: page)
            case .section:
                let kind = try expect(tag.name, in: scopes, template: name, page: page)
                if case .list(let element)? = kind {
                    scopes.append(element())
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
                guard depth < 16, let partial = sources[tag.name] else { continue }
                try check(partial, name: tag.name, page: page, scopes: scopes, sources: sources, depth: depth + 1)
            }
        }
    }

    /// The kind of a name, looked up from the innermost scope outwards; an error when no scope has it.
    @discardableResult
    private static func expect(_ name: String, in scopes: [TemplateSchema], template: String,
                               page: String) throws -> TemplateSchema.Kind? {
        if name == "." { return nil }
        let first = String(name.split(separator: ".").first ?? "")
        for scope in scopes.reversed() {
            if let kind = scope.keys[first] { return kind }
        }
        let place = template == page ? "templates/\(page).mustache"
                                     : "templates/\(template).mustache (included by templates/\(page).mustache)"
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
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        var open = "{{", close = "}}"
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            rest = rest[start.upperBound...]
            var closing = close
            if open == "{{", rest.hasPrefix("{") { closing = "}" + close }  // {{{name}}}
            guard let end = rest.range(of: closing) else { break }
            let content = rest[..<end.lowerBound].trimmingSpaces()
            rest = rest[end.upperBound...]
            guard let sigil = content.first else { continue }
            let body = String(content.dropFirst()).trimmingSpaces()
            switch sigil {
            case "!": continue
            case "=":
                let delimiters = body.dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if delimiters.count == 2 { (open, close) = (String(delimiters[0]), String(delimiters[1])) }
            case "#", "^": tags.append(Tag(kind: .section, name: variableName(body)))
            case "/": tags.append(Tag(kind: .close, name: body))
            case ">", "<": tags.append(Tag(kind: .partial, name: body))
            case "$": tags.append(Tag(kind: .block, name: body))
            case "&", "{": tags.append(Tag(kind: .variable, name: variableName(body)))
            default: tags.append(Tag(kind: .variable, name: variableName(String(content))))
            }
        }
        return tags
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

private extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed())
    }
}
