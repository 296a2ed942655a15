import Mustache

/// A typed view of what a page shows, handed to swift-mustache through its fastest path: `MustacheParent`, so
/// each name a template uses is one lookup in the view's table of published keys — no `[String: Any]` copied into
/// every page, no `Mirror`. The views hold real optionals; the table derives the keys templates have always used
/// (`hasObjective`, `objectiveHTML`…), so custom templates keep working, and `TemplateKeyCheck` reads the same
/// tables to refuse, when templates load, a name no page provides. A view is a value type (a struct, with a class
/// inside where its content should be shared): on Linux, each dynamic cast of a class instance that fails walks the
/// class's conformances and then asks Foundation whether the instance boxes another value, and swift-mustache tries
/// several casts on every value it renders (a class `StepView` cost a full build 9 % of its instructions).
protocol TemplateView: MustacheParent, Sendable {
    static var keys: ViewKeys<Self> { get }
    /// The language of the words among the view's own keys (`ViewKeys.speaksOwnLanguage`); nil for a view without.
    var ownWordsLanguage: String? { get }
}

extension TemplateView {
    func child(named name: String) -> Any? {
        Self.keys.value(name, of: self)
    }

    var ownWordsLanguage: String? { nil }
}

/// Text a template shows (`{{x}}` escapes it, `{{{x}}}` does not). A type of its own so swift-mustache takes it
/// as it is, without `String(describing:)` and its dynamic casts.
struct Shown: MustacheCustomRenderable, Sendable {
    let renderText: String
    var isNull: Bool { false }
    init(_ text: String) { renderText = text }
}

/// The published keys of a view, each with how to read it.
struct ViewKeys<View>: Sendable {
    enum Key: Sendable {
        /// Text; numbers are shown as text.
        case text(@Sendable (View) -> String)
        /// A condition for `{{#x}}` and `{{^x}}`.
        case flag(@Sendable (View) -> Bool)
        /// A list of views of one type (`[Element]`, kept as it is so no array is converted on each lookup):
        /// `{{#x}}…{{/x}}` renders its body once for each.
        case list(@Sendable () -> TemplateSchema, @Sendable (View) -> Any)
    }

    let keys: [String: Key]
    /// `keys`, and each under its stand-in (`TagAliases`): what a page's tags look up.
    private let lookup: [String: Key]
    /// The `t_*` words of the view's language, for views deep in a page: a word is then found at once, without
    /// swift-mustache climbing (and casting) the whole context stack up to the page.
    let words: (@Sendable (View) -> [String: String])?
    /// Whether the view's own keys include the `t_*` words of a language that may not be its page's (a binder
    /// chapter's); words under such a view are looked up as the page renders, never written into the template.
    let speaksOwnLanguage: Bool

    init(_ keys: [String: Key], words: (@Sendable (View) -> [String: String])? = nil, speaksOwnLanguage: Bool = false) {
        self.keys = keys
        var lookup = keys
        // In the names' order, so that a process gives the same stand-ins whatever order the dictionary keeps.
        for (name, key) in keys.sorted(by: { $0.key < $1.key }) {
            if let alias = TagAliases.register(name) { lookup[alias] = key }
        }
        self.lookup = lookup
        self.words = words
        self.speaksOwnLanguage = speaksOwnLanguage
    }

    func value(_ name: String, of view: View) -> Any? {
        switch lookup[name] {
        case .text(let read): Shown(read(view))
        case .flag(let read): read(view)
        case .list(_, let read): read(view)
        case nil: words.flatMap { $0(view)[name] }.map(Shown.init)
        }
    }

    var schema: TemplateSchema {
        TemplateSchema(keys.mapValues { key in
            switch key {
            case .text, .flag: .value
            case .list(let element, _): .list(element)
            }
        }, speaksOwnLanguage: speaksOwnLanguage)
    }
}

extension ViewKeys.Key {
    static func number(_ read: @escaping @Sendable (View) -> Int) -> Self { .text { String(read($0)) } }

    /// A list of views of one type.
    static func list<Element: TemplateView>(_ read: @escaping @Sendable (View) -> [Element]) -> Self {
        .list({ Element.keys.schema }, { read($0) })
    }
}

/// The names a page publishes to its templates: plain values, and lists whose body sees the names of their items
/// besides the page's own (Mustache looks a name up in the item, then outwards).
struct TemplateSchema: Sendable {
    enum Kind: Sendable {
        case value
        case list(@Sendable () -> TemplateSchema)
    }

    let keys: [String: Kind]
    /// `ViewKeys.speaksOwnLanguage` of the view, when the schema is a list's items.
    let speaksOwnLanguage: Bool

    init(_ keys: [String: Kind], speaksOwnLanguage: Bool = false) {
        self.keys = keys
        self.speaksOwnLanguage = speaksOwnLanguage
    }

    /// Both sets of names; where both have one, `self`'s.
    func adding(_ other: TemplateSchema) -> TemplateSchema {
        TemplateSchema(keys.merging(other.keys) { mine, _ in mine }, speaksOwnLanguage: speaksOwnLanguage)
    }
}
