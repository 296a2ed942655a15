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

    private let library: MustacheLibrary
    /// The library with each parted list's row partial replaced by its marker: what the index's frame is rendered with.
    private let indexFrameLibrary: MustacheLibrary
    private let names: Set<String>
    /// The index's lists whose rows are parts (`IndexRows`).
    let indexRows: IndexRows
    /// Non-template files (`site.css`, `runner.js`, …) by file name.
    public let assets: [String: Data]
    /// SHA-256 (hex) of every file, templates and assets, by file name: what a rebuild compares.
    let digests: [String: String]

    /// The built-in templates, compiled into the binary.
    public static func builtIn() throws -> TemplateSet {
        try TemplateSet(files: builtInFiles())
    }

    static func builtInFiles() -> [String: Data] {
        EmbeddedTemplates.base64Files.compactMapValues { Data(base64Encoded: $0) }
    }

    init(files: [String: Data]) throws {
        var library = MustacheLibrary()
        var names = Set<String>()
        var assets: [String: Data] = [:]
        var sources: [String: String] = [:]
        digests = files.mapValues { hex(SHA256.hash(data: $0)) }
        for (file, data) in files.sorted(by: { $0.key < $1.key }) {
            guard file.hasSuffix(".mustache") else {
                assets[file] = data
                continue
            }
            let name = String(file.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                throw TemplateError("templates/\(file): not UTF-8 text")
            }
            do {
                // Every template, partials too (swift-mustache starts each with HTML escaping), escapes with
                // `HTMLEscaping`; the pragma is a line of its own, so errors are one line further down.
                _ = HTMLEscaping.registered
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError("templates/\(file):\(max(1, error.context.lineNumber - 1)):"
                                    + "\(error.context.columnNumber): error: \(error.error)")
            }
            names.insert(name)
            sources[name] = text
        }
        for required in Self.requiredTemplates where !names.contains(required) {
            throw TemplateError("templates/\(required).mustache: missing template")
        }
        // A missing partial would render as nothing: refuse it up front.
        let tags = sources.mapValues(MustacheTags.scan)
        for (name, tags) in tags.sorted(by: { $0.key < $1.key }) {
            if let missing = tags.first(where: { $0.kind == .partial && !names.contains($0.name) }) {
                throw TemplateError("templates/\(name).mustache: includes missing partial '\(missing.name)'")
            }
        }
        // No view holds itself, so a template that includes itself would render until the stack runs out.
        if let cycle = Self.inclusionCycle(tags) {
            throw TemplateError("templates/\(cycle[0]).mustache: includes itself (\(cycle.joined(separator: " → "))), "
                                + "which would never end")
        }
        // Pages are rendered only with complete words in every language, and templates that use only published keys.
        try Wording.validate()
        try TemplateKeyCheck.check(tags)
        indexRows = IndexRows(tags: tags)
        var frameLibrary = library
        for list in indexRows.lists { frameLibrary.register(try MustacheTemplate(string: list.template), named: list.partial) }
        self.indexFrameLibrary = frameLibrary
        self.library = library
        self.names = names
        self.assets = assets
    }

    /// Renders a page template with its view. Every name the template uses was checked against the page's
    /// published keys when the templates loaded (`TemplateKeyCheck`).
    func render(_ name: String, _ root: some MustacheParent & Sendable) throws -> String {
        guard names.contains(name), let text = library.render(root, withTemplate: name) else {
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
    func renderIndexFrame(_ root: some MustacheParent & Sendable) throws -> String {
        guard let text = indexFrameLibrary.render(root, withTemplate: "index") else {
            throw TemplateError("templates/index.mustache: missing template")
        }
        return text
    }
}
