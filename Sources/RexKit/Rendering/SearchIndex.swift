import Foundation

/// The site's search data, shipped as scripts because pages opened from `file://` cannot fetch files: the current
/// revision codes and the order of the pages in `assets/search-data.js`, and each document's search entries in one of
/// up to `fileCount` files (`assets/search-entries-N.js`), chosen by its id. A one-procedure change so rewrites one
/// entries file and the small first one, not every document's words (25 MB at 3 000 documents, which every rebuild
/// copied and every `rsync` to the consoles sent again); the stale-copy check reads the first file alone.
struct SearchIndex {
    struct Entry: Encodable, Sendable {
        /// Title shown in results.
        var title: String
        /// Link, relative to the site root.
        var url: String
        /// "procedure", "step" or "incident".
        var kind: String
        /// Words searched, without markup.
        var text: String
    }

    /// A document whose entries a file holds, by its place in the handbook's list.
    enum Document: Sendable {
        case procedure(Int), incident(Int)
    }

    /// How many files the entries are spread over, at most. Fixed, so that a document keeps its file whatever comes
    /// and goes around it.
    static let fileCount = 16

    /// Procedures' words come from their shared views (`PageRenderer.view(of:)`), parsed once for page and search.
    let renderer: PageRenderer
    var handbook: Handbook { renderer.handbook }

    /// The entries file a document's entries go to (0 ..< `fileCount`), by its id alone.
    static func file(ofDocument id: String) -> Int {
        Int(Array(id.utf8).withUnsafeBytes(XXH64.hash) % UInt64(fileCount))
    }

    /// The path of entries file `number`.
    static func path(ofFile number: Int) -> String {
        "assets/search-entries-\(number).js"
    }

    /// Each entries file that has documents, by number, with its documents in the handbook's order (procedures
    /// first).
    static func files(of handbook: Handbook) -> [(number: Int, documents: [Document])] {
        var files: [Int: [Document]] = [:]
        for (index, procedure) in handbook.procedures.enumerated() {
            files[file(ofDocument: procedure.id.value), default: []].append(.procedure(index))
        }
        for (index, incident) in handbook.incidents.enumerated() {
            files[file(ofDocument: incident.id.value), default: []].append(.incident(index))
        }
        return files.keys.sorted().map { ($0, files[$0] ?? []) }
    }

    /// The key of an entries file: its documents' own content, with the catalog their entries show.
    static func key(ofFile number: Int, documents: [Document], in handbook: Handbook, keys: BuildKeys) -> String {
        keys.key(partsOf: "search-entries \(number)", ownDigests: documents.map { $0.digest(in: handbook) })
    }

    /// `assets/search-data.js`: the current revision code of each procedure (the index's stale-copy check), the
    /// entries files there are (`files`, their numbers), and every page in the handbook's order, in which the search
    /// puts the entries back together.
    func head(files: [Int]) -> Data {
        let procedures = handbook.procedures, incidents = handbook.incidents
        let revisions = procedures.map {
            Revision(id: $0.id.value, title: $0.title, version: $0.version, revision: $0.revision)
        }
        let pages = procedures.map { SitePaths.procedurePage($0.id.value) } + incidents.map { SitePaths.incidentPage($0.id.value) }
        return Data("window.REX_REVISIONS = ".utf8) + Self.json(revisions)
            + Data(";\nwindow.REX_SEARCH_FILES = ".utf8) + Self.json(files) { $0.number($1) }
            + Data(";\nwindow.REX_SEARCH_PAGES = ".utf8) + Self.json(pages) { $0.string($1) } + Data(";\n".utf8)
    }

    /// Entries file `number` as its frame around each of its documents' entries (a JSON array each), in the
    /// handbook's order: a site build writes each document's entries as its page is rendered (`StreamedFile`).
    func file(_ number: Int, documents: [Document]) -> PartedFile {
        let renderer = self.renderer, handbook = self.handbook
        let keys = documents.map { renderer.keys.key("search-entries", ownDigest: $0.digest(in: handbook)) }
        let pages = documents.map { $0.page(in: handbook) }
        let pieces = [.bytes(Data("window.REX_SEARCH_PARTS = window.REX_SEARCH_PARTS || {};\nwindow.REX_SEARCH_PARTS[\(number)] = [".utf8))]
            + keys.indices.map(PartedLayout.Piece.part) + [.bytes(Data("];\n".utf8))]
        return PartedFile(layout: PartedLayout(pieces: pieces, keys: keys, joiner: Data(",".utf8)),
                          partOfPage: Dictionary(zip(pages, pages.indices), uniquingKeysWith: { first, _ in first }),
                          cache: renderer.cache) { index in
            switch documents[index] {
            case .procedure(let place): Self.json(Self.entries(of: renderer.view(of: handbook.procedures[place])))
            case .incident(let place):
                Self.json(Self.entries(of: handbook.incidents[place], html: IncidentHTML(handbook.incidents[place])))
            }
        }
    }

    /// Makes a procedure's entries from a view already at hand and leaves them in the cache for its entries file.
    func prepareEntries(of view: ProcedureView) {
        renderer.cache.prepare(renderer.keys.key("search-entries", ownDigest: view.procedure.digest)) {
            Self.json(Self.entries(of: view))
        }
    }

    /// Makes an incident's entries from its page's view, whose texts are parsed already, and leaves them in the cache.
    func prepareEntries(of view: IncidentView) {
        renderer.cache.prepare(renderer.keys.key("search-entries", ownDigest: view.incident.digest)) {
            Self.json(Self.entries(of: view.incident, html: view.html))
        }
    }

    private static func entries(of view: ProcedureView) -> [Entry] {
        let procedure = view.procedure
        return [Entry(title: procedure.title, url: SitePaths.procedurePage(procedure.id.value), kind: "procedure",
                      text: [procedure.id.value, view.whenText].joined(separator: " "))]
            + view.sections.flatMap(\.steps).map { view in
                let step = view.content
                return Entry(title: "\(procedure.title) — \(step.number)",
                             url: SitePaths.procedurePage(procedure.id.value) + "#step-\(step.step.id.value)",
                             kind: "step", text: step.searchText)
            }
    }

    static func entries(of incident: Incident, html: IncidentHTML) -> [Entry] {
        [Entry(title: incident.title, url: SitePaths.incidentPage(incident.id.value), kind: "incident", text: html.searchText)]
    }

    /// The current revision code of each procedure, for the index's stale-copy check.
    struct Revision: Encodable {
        var id, title: String
        var version: Int
        var revision: String
    }

    /// The bytes `JSONEncoder` with `.sortedKeys` gives, written without it (`JSONText`; the tests hold the two to the
    /// same bytes).
    static func json(_ objects: [some JSONObject]) -> Data {
        json(objects) { $0.object($1) }
    }

    /// A JSON array of `items`, each written by `item`.
    static func json<Item>(_ items: [Item], _ item: (inout JSONText, Item) -> Void) -> Data {
        var json = JSONText()
        json.array(items, item)
        return Data(json.bytes)
    }
}

extension SearchIndex.Document {
    func digest(in handbook: Handbook) -> String {
        switch self {
        case .procedure(let index): handbook.procedures[index].digest
        case .incident(let index): handbook.incidents[index].digest
        }
    }

    /// The document's page, which its first entry links to.
    func page(in handbook: Handbook) -> String {
        switch self {
        case .procedure(let index): SitePaths.procedurePage(handbook.procedures[index].id.value)
        case .incident(let index): SitePaths.incidentPage(handbook.incidents[index].id.value)
        }
    }
}

extension SearchIndex.Entry: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("kind", kind)
        json.member("text", text)
        json.member("title", title)
        json.member("url", url)
    }
}

extension SearchIndex.Revision: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("id", id)
        json.member("revision", revision)
        json.member("title", title)
        json.member("version", version)
    }
}
