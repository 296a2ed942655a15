import Mustache

/// What every page shows besides its document: the handbook's name, where the page sits (links are relative to
/// it), its styles and Content-Security-Policy.
struct PageChrome: TemplateView {
    let language: String
    let title: String
    let handbookName: String
    let organisation: String?
    let root: String
    let standalone: Bool
    let inlineCSS: String
    let csp: String

    static let keys = ViewKeys<PageChrome>([
        "lang": .text { $0.language },
        "pageTitle": .text { $0.title },
        "handbookName": .text { $0.handbookName },
        "organisation": .text { $0.organisation ?? "" },
        "hasOrganisation": .flag { $0.organisation != nil },
        "root": .text { $0.root },
        "standalone": .flag { $0.standalone },
        "inlineCSS": .text { $0.inlineCSS },
        "hasInlineCSS": .flag { !$0.inlineCSS.isEmpty },
        "csp": .text { $0.csp },
    ])
}

/// What a template is rendered with, and the language of the words a template finds in it: the words written into
/// the templates it is rendered with must be those (`TemplateLibraries`).
protocol TemplateRoot: MustacheParent, Sendable {
    var wordsLanguage: String { get }
}

/// The root of a page's template: its document's keys, then the words of its language (`t_*`), then the chrome.
struct PageView<Document: TemplateView>: TemplateRoot {
    let document: Document
    let words: [String: String]
    let chrome: PageChrome

    var wordsLanguage: String { chrome.language }

    func child(named name: String) -> Any? {
        if let value = document.child(named: name) { return value }
        if let word = words[name] { return Shown(word) }
        return chrome.child(named: name)
    }

    /// Every name a template of such a page may use.
    static var schema: TemplateSchema {
        Document.keys.schema
            .adding(TemplateSchema(Dictionary(uniqueKeysWithValues: Labels.wordKeys.map { ($0, .value) })))
            .adding(PageChrome.keys.schema)
    }
}

/// Two frames of a context stack as one root: the names of `top`, then those of `below`, as inside a section.
/// A binder chapter renders on its own this way, as it would inside the binder's `{{#chapters}}`.
struct StackedView<Top: TemplateView, Below: TemplateRoot>: TemplateRoot {
    let top: Top
    let below: Below

    /// The top's own words (a binder chapter's) are found first; below's otherwise.
    var wordsLanguage: String { top.ownWordsLanguage ?? below.wordsLanguage }

    func child(named name: String) -> Any? {
        top.child(named: name) ?? below.child(named: name)
    }
}
