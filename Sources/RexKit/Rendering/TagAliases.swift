import Foundation

/// Short stand-ins (`_0`, `_1`, … `_z`, `_10`, …) for the names the views publish, written into the templates in
/// place of those names before swift-mustache parses them (`TemplateLibraries`), and answered by every view under
/// both (`ViewKeys`). swift-mustache splits each name into `Character`s every time a tag renders
/// (`name.split(separator: ".")`, seven hundredths of a full build's CPU), and a name of more than 15 bytes is a
/// string of its own on the heap each time; each view it climbs through hashes it again. A stand-in is two or three
/// ASCII bytes. Pages never show one: a stand-in only ever stands inside a parsed template, and errors are reported
/// on the template as written.
///
/// A name's stand-in is given when a view publishing it is first made (the key check makes every view a template
/// names before the templates are parsed), once per process, whichever thread asks first.
enum TagAliases {
    private static let registry = Registry()

    /// The stand-in of `name`, given now if it has none yet; nil for a name that starts with `_` (stand-ins do) and
    /// for a word (`t_*`: pages find words in tables by their names), which keep their own.
    static func register(_ name: String) -> String? {
        registry.alias(of: name, giving: true)
    }

    /// The stand-in of `name` if a view publishing it has been made.
    static func alias(of name: String) -> String? {
        registry.alias(of: name, giving: false)
    }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var aliases: [String: String] = [:]

        func alias(of name: String, giving: Bool) -> String? {
            guard !name.hasPrefix("_"), !name.hasPrefix("t_") else { return nil }
            return lock.withLock {
                if let alias = aliases[name] { return alias }
                guard giving else { return nil }
                let alias = "_" + String(aliases.count, radix: 36)
                aliases[name] = alias
                return alias
            }
        }
    }
}
