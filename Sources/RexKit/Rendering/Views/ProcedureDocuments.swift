/// The three documents a procedure's shared view (`ProcedureView`) becomes: its page (with the runner's model),
/// its printable checklist, and its chapter of the binder (its own page name and the words of its language, as
/// the binder is in the handbook's). Each adds the links to the procedure's language versions as seen from where
/// it is written.
protocol ProcedureDocument: TemplateView {
    var view: ProcedureView { get }
    var translations: [TranslationView] { get }
}

extension ProcedureDocument {
    /// The shared keys, read through the document's view, and the language versions.
    static func procedureKeys(_ own: [String: ViewKeys<Self>.Key] = [:], speaksOwnLanguage: Bool = false) -> ViewKeys<Self> {
        var keys = ProcedureView.sharedKeys.mapValues { key -> ViewKeys<Self>.Key in
            switch key {
            case .text(let read): .text { read($0.view) }
            case .flag(let read): .flag { read($0.view) }
            case .list(let schema, let read): .list(schema) { read($0.view) }
            }
        }
        keys["translations"] = .list { $0.translations }
        keys.merge(own) { _, new in new }
        return ViewKeys(keys, speaksOwnLanguage: speaksOwnLanguage)
    }
}

extension ProcedureView {
    /// The language versions, each linked by `link` (nil: named without a link).
    func translations(link: (String) -> String?) -> [TranslationView] {
        versions.map { version in
            let current = version.id == procedure.id.value
            return TranslationView(name: Wording.table(version.language).pages["languageName"] ?? version.language,
                                   language: version.language, isCurrent: current, href: current ? nil : link(version.id))
        }
    }
}

/// `procedures/ID.html`: the whole procedure and the step runner.
struct ProcedurePageDocument: ProcedureDocument {
    let view: ProcedureView
    let translations: [TranslationView]
    /// The runner's model (`RunnerModel`), as JSON safe inside a `<script>` element.
    let runnerJSON: String

    static let keys = procedureKeys(["runnerJSON": .text { $0.runnerJSON }])
}

/// `checklists/ID.html` and `rex checklist`: the printable checklist.
struct ChecklistDocument: ProcedureDocument {
    let view: ProcedureView
    let translations: [TranslationView]

    static let keys = procedureKeys()
}

/// A chapter of the binder: printed on its own named page, in its procedure's language. Its checklist is rendered
/// with the view its procedure's page made (`withView(_:)`), or one made for it; the binder's own template sees
/// the chapter's view only if it shows more of a chapter than its id and HTML, and then asks for it once: a binder
/// whose chapters were prepared by their pages or kept from the last build needs none.
struct ChapterDocument: ProcedureDocument {
    let procedure: Procedure
    let makeView: @Sendable () -> ProcedureView
    /// The view, once made for rendering the chapter's own HTML.
    private var madeView: ProcedureView?
    /// The view the binder's template reads, made at its first key (the page that shared it may have let it go).
    private let shownView = KeptValue<ProcedureView>()
    /// The link to a language version of the procedure, by id (nil: named without a link).
    let link: @Sendable (String) -> String?
    let pageName: String
    /// What the binder shows as the chapter's HTML: a marker that `ChapterSplice` replaces by the chapter's
    /// checklist (`checklist-body`), rendered on its own so chapters render in parallel and a rebuild re-renders
    /// only the chapters that changed.
    let html: String

    init(procedure: Procedure, view: @escaping @Sendable () -> ProcedureView, link: @escaping @Sendable (String) -> String?,
         pageName: String, html: String) {
        self.procedure = procedure
        makeView = view
        self.link = link
        self.pageName = pageName
        self.html = html
    }

    var view: ProcedureView { madeView ?? shownView.value(under: "") { makeView() } }
    /// Its words are its procedure's (`speaksOwnLanguage` below).
    var ownWordsLanguage: String? { procedure.language }

    /// The same chapter with its view made once (or the one given), for the many keys its checklist reads.
    func withView(_ view: ProcedureView? = nil) -> ChapterDocument {
        var chapter = self
        chapter.madeView = view ?? makeView()
        return chapter
    }
    var translations: [TranslationView] { view.translations(link: link) }

    static let keys: ViewKeys<ChapterDocument> = {
        var own: [String: ViewKeys<ChapterDocument>.Key] = ["pageName": .text { $0.pageName },
                                                            "chapterHTML": .text { $0.html },
                                                            "docID": .text { $0.procedure.id.value }]
        for name in Labels.wordKeys {
            own[name] = .text { Labels.forLanguage($0.procedure.language)[name] ?? "" }
        }
        return procedureKeys(own, speaksOwnLanguage: true)
    }()
}
