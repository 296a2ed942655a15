import Crypto
import Foundation

/// A rendered file of the site: its path inside the site folder and its bytes.
public struct SiteFile: Sendable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Renders pages from a validated handbook and a template set. It never reads files and never
/// decides validity: both happened before. Each procedure's view is built once and shared by every output
/// that shows it (`ProcedureViews`).
public struct PageRenderer: Sendable {
    public let handbook: Handbook
    public let templates: TemplateSet
    public let today: LocalDate
    let lookup: HandbookLookup
    /// What each file and fragment is made from.
    let keys: BuildKeys
    let cache: RenderCache

    public init(handbook: Handbook, templates: TemplateSet, today: LocalDate, cache: RenderCache = RenderCache()) {
        self.handbook = handbook
        self.templates = templates
        self.today = today
        lookup = HandbookLookup(handbook)
        keys = BuildKeys(handbook: handbook, templates: templates, today: today, cache: cache)
        self.cache = cache
    }

    /// Where a page sits in the site; links are made relative to it.
    enum Placement {
        /// `index.html`, `binder.html`.
        case top
        /// `procedures/…`, `incidents/…`, `checklists/…`.
        case folder
        /// One self-contained file (`rex checklist`, `rex report`, `rex binder`): styles inline, no script.
        case standalone
    }

    /// The shared view of a procedure, built on first use; a site build lets it go once its page and its checklist
    /// have it.
    func view(of procedure: Procedure) -> ProcedureView {
        Self.view(of: procedure, keys: keys, cache: cache, lookup: lookup, today: today)
    }

    /// `view(of:)` for what must not hold the renderer: made alone once `cache` is gone.
    static func view(of procedure: Procedure, keys: BuildKeys, cache: RenderCache?, lookup: HandbookLookup,
                     today: LocalDate) -> ProcedureView {
        let make = { ProcedureView(procedure, in: lookup, today: today) }
        return cache?.shared(keys.key("view", ownDigest: procedure.digest), askedFor: 2, make) ?? make()
    }

    public func procedurePage(_ procedure: Procedure) throws -> String {
        try procedurePage(procedure, preparingParts: false)
    }

    /// A procedure's page. A site build (`preparingParts`) also makes its search entries from the same view and
    /// leaves them for the search data, which writes them as they come (`StreamedFile`), as the checklist does the
    /// binder chapter: so a build never holds the views of all procedures at once, nor all their chapters, and a
    /// changed procedure's page and checklist, rendered on two cores, share its work evenly.
    func procedurePage(_ procedure: Procedure, preparingParts: Bool) throws -> String {
        let view = view(of: procedure)
        if preparingParts { SearchIndex(renderer: self).prepareEntries(of: view) }
        let document = ProcedurePageDocument(view: view, translations: view.translations { "\($0).html" },
                                             runnerJSON: RunnerModel(procedure, handbook: handbook, view: view).embeddableJSON())
        return try page("procedure", document, placement: .folder, language: procedure.language, title: procedure.title,
                        pageCSS: printCSS.rules(for: procedure))
    }

    public func checklistPage(_ procedure: Procedure, standalone: Bool = false) throws -> String {
        try checklistPage(procedure, standalone: standalone, preparingParts: false)
    }

    /// A procedure's checklist; in a site build (`preparingParts`) it also makes the procedure's binder chapter, the
    /// same checklist in the binder, from the same view (`procedurePage(_:preparingParts:)`).
    func checklistPage(_ procedure: Procedure, standalone: Bool, preparingParts: Bool) throws -> String {
        let view = view(of: procedure)
        if preparingParts { try prepareChapter(of: view) }
        let document = ChecklistDocument(view: view, translations: view.translations { standalone ? nil : "\($0).html" })
        return try page("checklist", document, placement: standalone ? .standalone : .folder, language: procedure.language,
                        title: procedure.title, pageCSS: printCSS.rules(for: procedure))
    }

    public func incidentPage(_ incident: Incident) throws -> String {
        try incidentPage(incident, preparingParts: false)
    }

    /// An incident's page; a site build (`preparingParts`) also makes its search entries from the same view.
    func incidentPage(_ incident: Incident, preparingParts: Bool) throws -> String {
        let view = IncidentView(incident, in: lookup)
        if preparingParts { SearchIndex(renderer: self).prepareEntries(of: view) }
        return try page("incident", view, placement: .folder, language: incident.language, title: incident.title)
    }

    public func reportPage(_ incident: Incident) throws -> String {
        try page("report", IncidentView(incident, in: lookup), placement: .standalone, language: incident.language,
                 title: incident.title)
    }

    /// The reconciliation board (`reconcile.html`): imports every unit's runs and closes the outage.
    public func boardPage() throws -> String {
        let language = handbook.settings.language
        let title = Labels.forLanguage(language)["t_boardTitle"] ?? "Reconciliation board"
        return try page("reconcile", BoardView(handbook), placement: .top, language: language, title: title)
    }

    /// `rex reconcile --format html`: the department's hold list and closing report, standalone and printable.
    func reconcileReport(_ view: VerdictPageView) throws -> String {
        let language = handbook.settings.language
        let title = Labels.forLanguage(language)["t_reportTitle"] ?? "Closing report"
        return try page("reconcile-report", view, placement: .standalone, language: language, title: title,
                        pageCSS: printCSS.rules(title: title, language: language))
    }

    var printCSS: PrintPageCSS { PrintPageCSS(handbookName: handbook.settings.name, today: today) }

    public var binderProcedures: [Procedure] { handbook.procedures.filter(\.isInBinder) }

    private func page(_ template: String, _ document: some TemplateView, placement: Placement, language: String,
                      title: String, pageCSS: String = "") throws -> String {
        try templates.render(template, pageView(document, placement: placement, language: language, title: title,
                                                pageCSS: pageCSS))
    }

    func pageView<Document: TemplateView>(_ document: Document, placement: Placement, language: String,
                                                  title: String, pageCSS: String) -> PageView<Document> {
        let standalone = placement == .standalone
        // Standalone pages carry all their styles; site pages link the shared files and inline only their @page rules.
        let inlineCSS = (standalone ? asset("site.css") + "\n" + asset("print.css") + "\n" : "") + pageCSS
        let chrome = PageChrome(language: language, title: title, handbookName: handbook.settings.name,
                                organisation: handbook.settings.organisation, root: placement == .folder ? "../" : "",
                                standalone: standalone, inlineCSS: inlineCSS,
                                csp: Self.contentSecurityPolicy(standalone: standalone, inlineCSS: inlineCSS))
        return PageView(document: document, words: Labels.forLanguage(language), chrome: chrome)
    }

    private func asset(_ name: String) -> String {
        templates.assets[name].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Site pages: scripts and styles only from the site's own files (plus the page's own inline
    /// stylesheet, by hash). A standalone page: its one inline stylesheet, by hash, and no script.
    static func contentSecurityPolicy(standalone: Bool, inlineCSS: String) -> String {
        var styles = standalone ? [] : ["'self'"]
        if !inlineCSS.isEmpty {
            styles.append("'sha256-\(Data(SHA256.hash(data: Data(inlineCSS.utf8))).base64EncodedString())'")
        }
        let scripts = standalone ? "" : "script-src 'self'; "
        return "default-src 'none'; \(scripts)style-src \(styles.joined(separator: " ")); img-src 'self'; "
            + "base-uri 'none'; form-action 'none'"
    }
}
