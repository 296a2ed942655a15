/// Where a document's pages stand in the site, said once: the site plan writes them there, and the binder and the
/// search data find by these paths the page that leaves each document's part (`PartedFile.partOfPage`).
enum SitePaths {
    static func procedurePage(_ id: String) -> String { "procedures/\(id).html" }
    static func checklist(_ id: String) -> String { "checklists/\(id).html" }
    static func incidentPage(_ id: String) -> String { "incidents/\(id).html" }
}
