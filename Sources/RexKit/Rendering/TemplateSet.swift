import Crypto
import Foundation
import Mustache

/// A template problem: a syntax error, a missing template or partial, a key its page does not publish.
public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The page templates and site assets (CSS, JavaScript) a site is rendered with: the built-in set,
/// each file overridable by a file of the same name in the handbook's `templates/`.
public struct TemplateSet: Sendable {
    /// Templates every site needs; loading fails when one is missing.
    static let requiredTemplates = ["index", "procedure", "incident", "checklist", "report", "binder", "reconcile"]

    /// Each language's templates as swift-mustache parses them, words written in (`TemplateLibraries`).
    private let libraries: TemplateLibraries
    private let names: Set<String>
    /// The index's lists whose rows are parts (`IndexRows`).
    let indexRows: IndexRows
    /// Non-template files (`site.css`, `runner.js`, …) by file name.
    public let assets: [String: Data]
    /// SHA-256 (hex) of every file, templates and assets, by file name: what a rebuild compares.
    let digests: [String: String]

    /// The built-in templates, compiled into the binary (`writingWords`: see `init`).
    public static func builtIn(writingWords: Bool = true) throws -> TemplateSet {
        try TemplateSet(files: builtInFiles(), writingWords: writingWords)
    }

    static func builtInFiles() -> [String: Data] {
        EmbeddedTemplates.base64Files.compactMapValues { Data(base64Encoded: $0) }
    }

    /// `language`: the handbook's (its `rex.yml`), whose pages' templates are parsed at once, words written in: that
    /// parse is also the check of every template's syntax. Pages in another language parse theirs when they first render.
    /// `writingWords: false` leaves every word a tag, looked up as pages render, and every name as written: what pages
    /// with words and stand-ins written in (`TemplateLibraries`) must equal (the tests and the fuzzer hold them to it).
    init(files: [String: Data], language: String = "fr", writingWords: Bool = true) throws {
        var names = Set<String>()
        var assets: [String: Data] = [:]
        var sources: [String: String] = [:]
        digests = files.mapValues { hex(SHA256.hash(data: $0)) }
        for (file, data) in files.sorted(by: { $0.key < $1.key }) {
            guard file.hasSuffix(".mustache") else {
                assets[file] = data
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                // A syntax error in a template before it by name is named first, as it always was.
                for (earlier, text) in sources.sorted(by: { $0.key < $1.key }) {
                    _ = try Self.parse(text, file: "\(earlier).mustache")
                }
                throw TemplateError("templates/\(file): not UTF-8 text")
            }
            let name = String(file.dropLast(".mustache".count))
            names.insert(name)
            sources[name] = text
        }
        let tags = sources.mapValues(MustacheTags.scan)
        // Found before the parse, which needs to know which words stay tags; thrown after the syntax errors, as they
        // always were. Not with a template that includes itself: the check would follow it 16 times over.
        let cycle = Self.inclusionCycle(tags)
        let keyCheck = cycle == nil ? Result { try TemplateKeyCheck.check(tags) } : nil
        // A block is shown where its parent puts it, under names and a content type the check does not follow:
        // templates that inherit have no words written in.
        let inherits = tags.values.contains { $0.contains { $0.kind == .block || $0.sigil == "<" } }
        // (Without the check's answer, a key error or a cycle, the templates are refused below: nothing renders.)
        let checked: TemplateKeyCheck.WordScopes? = try? keyCheck?.get()
        let foreignWords = inherits ? nil : checked.map(\.foreign) ?? []
        indexRows = IndexRows(tags: tags)
        libraries = TemplateLibraries(sources: sources, tags: tags, foreignWords: foreignWords,
                                      indexRows: indexRows, writingWords: writingWords)
        _ = try libraries.library(for: language)
        for required in Self.requiredTemplates where !names.contains(required) {
            throw TemplateError("templates/\(required).mustache: missing template")
        }
        // A missing partial would render as nothing: refuse it up front.
        for (name, tags) in tags.sorted(by: { $0.key < $1.key }) {
            if let missing = tags.first(where: { $0.kind == .partial && !names.contains($0.name) }) {
                throw TemplateError("templates/\(name).mustache: includes missing partial '\(missing.name)'")
            }
        }
        // No view holds itself, so a template that includes itself would render until the stack runs out.
        if let cycle {
            throw TemplateError("templates/\(cycle[0]).mustache: includes itself (\(cycle.joined(separator: " → "))), "
                                + "which would never end")
        }
        // Pages are rendered only with complete words in every language, and templates that use only published keys.
        try Wording.validate()
        _ = try keyCheck?.get()
        self.names = names
        self.assets = assets
    }

    /// A template as swift-mustache parses it, escaping with `HTMLEscaping` (swift-mustache starts every template,
    /// partials too, with its own); the pragma is a line of its own, so errors are one line further down.
    static func parse(_ text: String, file: String) throws -> MustacheTemplate {
        _ = HTMLEscaping.registered
        do {
            return try MustacheTemplate(string: HTMLEscaping.pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError("templates/\(file):\(max(1, error.context.lineNumber - 1)):"
                                + "\(error.context.columnNumber): error: \(error.error)")
        }
    }

    /// Renders a page template with its view, with the templates its words are written into (`TemplateRoot`). Every
    /// name the template uses was checked against the page's published keys when the templates loaded
    /// (`TemplateKeyCheck`).
    func render(_ name: String, _ root: some TemplateRoot) throws -> String {
        guard names.contains(name),
              let text = try libraries.library(for: root.wordsLanguage).pages.render(root, withTemplate: name)
        else {
            throw TemplateError("templates/\(name).mustache: missing template")
        }
        return text
    }

    /// The first chain of templates, in name order, that comes back to where it started (`a`, `b`, `a`), if any.
    private static func inclusionCycle(_ tags: [String: [MustacheTags.Tag]]) -> [String]? {
        var done = Set<String>()
        func visit(_ name: String, _ chain: [String]) -> [String]? {
            if let start = chain.firstIndex(of: name) { return chain[start...] + [name] }
            guard !done.contains(name) else { return nil }
            for tag in tags[name] ?? [] where tag.kind == .partial {
                if let cycle = visit(tag.name, chain + [name]) { return cycle }
            }
            done.insert(name)
            return nil
        }
        return tags.keys.sorted().lazy.compactMap { visit($0, []) }.first
    }

    /// The index page with each row of a parted list as its marker (`IndexRows`).
    func renderIndexFrame(_ root: some TemplateRoot) throws -> String {
        guard let text = try libraries.library(for: root.wordsLanguage).indexFrame.render(root, withTemplate: "index") else {
            throw TemplateError("templates/index.mustache: missing template")
        }
        return text
    }
}
