import Foundation

/// Every file of the site, rendered in parallel from a validated handbook.
public struct SitePlan: Sendable {
    /// One page to render; pages are independent of each other.
    enum Page: Sendable {
        case index, binder, board
        case procedure(Procedure), checklist(Procedure), incident(Incident)
    }

    let renderer: PageRenderer

    public init(renderer: PageRenderer) {
        self.renderer = renderer
    }

    /// All files, or the first template error.
    public func render() throws -> [SiteFile] {
        let handbook = renderer.handbook
        let pages: [Page] = [.index, .binder, .board]
            + handbook.procedures.flatMap { [Page.procedure($0), .checklist($0)] }
            + handbook.incidents.map { Page.incident($0) }
        let renderer = self.renderer
        let rendered = parallelMap(pages) { page in Result { try Self.render(page, with: renderer) } }
        var files = try rendered.map { try $0.get() }
        for (name, data) in renderer.templates.assets.sorted(by: { $0.key < $1.key }) {
            files.append(SiteFile(path: "assets/\(name)", data: data))
        }
        files.append(SiteFile(path: "assets/search-data.js", data: SearchIndex(handbook: handbook).script()))
        // The runner's words, one script per language: each procedure page loads its own language's.
        for language in Wording.languages {
            files.append(SiteFile(path: "assets/words-\(language).js", data: Wording.runnerScript(language)))
        }
        return files
    }

    private static func render(_ page: Page, with renderer: PageRenderer) throws -> SiteFile {
        switch page {
        case .index:
            return SiteFile(path: "index.html", data: Data(try renderer.indexPage().utf8))
        case .binder:
            return SiteFile(path: "binder.html", data: Data(try renderer.binderPage().utf8))
        case .board:
            return SiteFile(path: "reconcile.html", data: Data(try renderer.boardPage().utf8))
        case .procedure(let procedure):
            return SiteFile(path: "procedures/\(procedure.id.value).html",
                            data: Data(try renderer.procedurePage(procedure).utf8))
        case .checklist(let procedure):
            return SiteFile(path: "checklists/\(procedure.id.value).html",
                            data: Data(try renderer.checklistPage(procedure).utf8))
        case .incident(let incident):
            return SiteFile(path: "incidents/\(incident.id.value).html",
                            data: Data(try renderer.incidentPage(incident).utf8))
        }
    }
}
