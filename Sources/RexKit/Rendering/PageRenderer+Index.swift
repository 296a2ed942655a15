import Foundation

extension PageRenderer {
    /// The index page. `parted: false` renders it whole, as its template says: what the page put together from its
    /// frame and rows (`IndexRows`) must equal.
    public func indexPage(parted: Bool = true) throws -> String {
        guard parted else { return try templates.render("index", indexRoot(IndexView(handbook, today: today))) }
        return String(decoding: try indexFile().assembled().joined, as: UTF8.self)
    }

    /// The index as its frame around its rows, each row a part kept by its document's digest, given by its document's
    /// page in a site build (`StreamedFile`); one piece, rendered whole, when the template's lists are not parted.
    func indexFile() throws -> PartedFile {
        let view = IndexView(handbook, today: today), root = indexRoot(view), rows = templates.indexRows
        let procedureRows = rows.procedures == nil ? [] : view.groups.flatMap(\.procedures)
        let incidentRows = rows.incidents == nil ? [] : view.incidents
        let rowKeys = procedureRows.map { keys.key(part: "index-row procedure", ownDigest: $0.procedure.digest) }
            + incidentRows.map { keys.key(part: "index-row incident", ownDigest: $0.incident.digest) }
        let ids = procedureRows.map(\.procedure.id.value) + incidentRows.map(\.incident.id.value)
        guard !rowKeys.isEmpty,
              let layout = rows.layout(try templates.renderIndexFrame(root),
                                       procedureRows: procedureRows.count, ids: ids, keys: rowKeys)
        else {
            let page = try templates.render("index", root)
            let whole = PartedLayout(pieces: [.bytes(Data(page.utf8))], keys: [])
            return PartedFile(layout: whole, partOfPage: [:]) { _ in Data() }
        }
        // Each row is given by its document's page (the first row of a repeated id, which fails the checks anyway).
        let pages = procedureRows.map { SitePaths.procedurePage($0.procedure.id.value) }
            + incidentRows.map { SitePaths.incidentPage($0.incident.id.value) }
        let partOfPage = Dictionary(zip(pages, pages.indices), uniquingKeysWith: { first, _ in first })
        let templates = self.templates
        let procedureRow = rows.procedures?.partial ?? "", incidentRow = rows.incidents?.partial ?? ""
        return PartedFile(layout: layout, partOfPage: partOfPage, cache: cache) { index in
            let text = if index < procedureRows.count {
                try templates.render(procedureRow, StackedView(top: procedureRows[index], below: root))
            } else {
                try templates.render(incidentRow, StackedView(top: incidentRows[index - procedureRows.count], below: root))
            }
            return Data(text.utf8)
        }
    }

    private func indexRoot(_ view: IndexView) -> PageView<IndexView> {
        pageView(view, placement: .top, language: handbook.settings.language, title: handbook.settings.name, pageCSS: "")
    }
}
