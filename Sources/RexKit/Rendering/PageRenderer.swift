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
/// decides validity: both happened before.
public struct PageRenderer: Sendable {
    public let handbook: Handbook
    public let templates: TemplateSet
    public let today: LocalDate

    public init(handbook: Handbook, templates: TemplateSet, today: LocalDate) {
        self.handbook = handbook
        self.templates = templates
        self.today = today
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

    public func procedurePage(_ procedure: Procedure) throws -> String {
        try page("procedure", placement: .folder, language: procedure.language, title: procedure.title,
                 values: procedureValues(procedure, withRunner: true, link: { "\($0).html" }),
                 pageCSS: printCSS.rules(for: procedure))
    }

    public func checklistPage(_ procedure: Procedure, standalone: Bool = false) throws -> String {
        try page("checklist", placement: standalone ? .standalone : .folder, language: procedure.language,
                 title: procedure.title, values: procedureValues(procedure, link: { standalone ? nil : "\($0).html" }),
                 pageCSS: printCSS.rules(for: procedure))
    }

    public func incidentPage(_ incident: Incident) throws -> String {
        try page("incident", placement: .folder, language: incident.language, title: incident.title,
                 values: IncidentContext(incident: incident, handbook: handbook).values())
    }

    public func reportPage(_ incident: Incident) throws -> String {
        try page("report", placement: .standalone, language: incident.language, title: incident.title,
                 values: IncidentContext(incident: incident, handbook: handbook).values())
    }

    /// The reconciliation board: every unit's exported run imported at once, one hold list, the department's closing.
    public func boardPage() throws -> String {
        let language = handbook.settings.language
        let title = Labels.forLanguage(language)["t_boardTitle"] ?? "Reconciliation board"
        return try page("reconcile", placement: .top, language: language, title: title,
                        values: BoardModel(handbook).values(handbook))
    }

    /// `rex reconcile --format html`: the department's hold list and closing report, standalone and printable.
    func reconcileReport(_ values: [String: Any]) throws -> String {
        let language = handbook.settings.language
        let title = Labels.forLanguage(language)["t_reportTitle"] ?? "Closing report"
        return try page("reconcile-report", placement: .standalone, language: language, title: title, values: values,
                        pageCSS: printCSS.rules(title: title, language: language))
    }

    public func indexPage() throws -> String {
        try page("index", placement: .top, language: handbook.settings.language, title: handbook.settings.name,
                 values: IndexContext(handbook: handbook, today: today).values())
    }

    /// Every approved emergency, downtime and restore procedure, each starting on a new page.
    public func binderPage(standalone: Bool = false) throws -> String {
        let chapters = binderProcedures.map { procedure -> [String: Any] in
            let inBinder = Set(binderProcedures.map(\.id.value))
            var values = procedureValues(procedure, link: { inBinder.contains($0) ? "#binder-\($0)" : nil })
            values.merge(Labels.forLanguage(procedure.language)) { current, _ in current }
            values["pageName"] = Self.binderPageName(procedure)
            return values
        }
        let language = handbook.settings.language
        let binderTitle = Labels.forLanguage(language)["t_binder"] ?? "Binder"
        let pageCSS = printCSS.rules(title: binderTitle, language: language)
            + binderProcedures.map { procedure in
                let name = Self.binderPageName(procedure)
                return printCSS.rules(for: procedure, pageName: name) + "#binder-\(procedure.id.value) { page: \(name); }\n"
            }.joined()
        let contents = binderProcedures.map { procedure -> [String: Any] in
            ["procedureID": procedure.id.value, "procedureTitle": procedure.title,
             "procedureVersion": procedure.version, "procedureRevision": procedure.revision,
             "procedureKind": Labels.value(procedure.kind.rawValue, language: procedure.language)]
        }
        return try page("binder", placement: standalone ? .standalone : .top, language: language,
                        title: binderTitle,
                        values: ["chapters": chapters, "contents": contents, "hasChapters": !chapters.isEmpty,
                                 "today": today.dayFirst],
                        pageCSS: pageCSS)
    }

    /// Each binder chapter prints on its own named page, so its sheets carry its own header.
    static func binderPageName(_ procedure: Procedure) -> String { "chapter-\(procedure.id.value)" }

    private var printCSS: PrintPageCSS { PrintPageCSS(handbookName: handbook.settings.name, today: today) }

    public var binderProcedures: [Procedure] {
        handbook.procedures.filter {
            $0.status.value == .approved && [.emergency, .downtime, .restore].contains($0.kind)
        }
    }

    /// Only the procedure page carries the runner's model; paper does not need it.
    private func procedureValues(_ procedure: Procedure, withRunner: Bool = false,
                                 link: (String) -> String? = { _ in nil }) -> [String: Any] {
        var values = ProcedureContext(procedure, in: handbook).values(today: today, link: link)
        if withRunner {
            values["runnerJSON"] = RunnerModel(procedure, handbook: handbook).embeddableJSON()
        }
        return values
    }

    private func page(_ template: String, placement: Placement, language: String, title: String,
                      values: [String: Any], pageCSS: String = "") throws -> String {
        var context = values
        let standalone = placement == .standalone
        // Standalone pages carry all their styles; site pages link the shared files and inline only their @page rules.
        let inlineCSS = (standalone ? asset("site.css") + "\n" + asset("print.css") + "\n" : "") + pageCSS
        context.merge(Labels.forLanguage(language)) { current, _ in current }
        context.merge([
            "lang": language,
            "pageTitle": title,
            "handbookName": handbook.settings.name,
            "organisation": handbook.settings.organisation ?? "",
            "hasOrganisation": handbook.settings.organisation != nil,
            "root": placement == .folder ? "../" : "",
            "standalone": standalone,
            "inlineCSS": inlineCSS,
            "hasInlineCSS": !inlineCSS.isEmpty,
            "csp": Self.contentSecurityPolicy(standalone: standalone, inlineCSS: inlineCSS),
        ]) { current, _ in current }
        return try templates.render(template, context)
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
