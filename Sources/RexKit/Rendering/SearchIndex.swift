import Foundation

/// The site's search data and current revision codes, shipped as a script (`assets/search-data.js`) because pages opened from
/// `file://` cannot fetch files.
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

    /// Procedures' words come from their shared views (`PageRenderer.view(of:)`), parsed once for page and search.
    let renderer: PageRenderer
    var handbook: Handbook { renderer.handbook }

    /// The script, each document's entries a part under the key they are kept by.
    func script() throws -> Pieces {
        try file().assembled()
    }

    /// The script as its frame around each document's entries (JSON array elements, the array their
    /// concatenation: the same bytes as encoding it whole), procedures first: a site build writes each document's
    /// entries as its page is rendered (`StreamedFile`).
    func file() -> PartedFile {
        let renderer = self.renderer, handbook = self.handbook
        let procedures = handbook.procedures, incidents = handbook.incidents
        let keys = procedures.map { renderer.keys.key("search", ownDigest: $0.digest) }
            + incidents.map { renderer.keys.key("search", ownDigest: $0.digest) }
        let revisions = procedures.map {
            Revision(id: $0.id.value, title: $0.title, version: $0.version, revision: $0.revision)
        }
        let pieces = [.bytes(Data("window.REX_SEARCH = [".utf8))] + keys.indices.map(PartedLayout.Piece.part)
            + [.bytes(Data("];\nwindow.REX_REVISIONS = ".utf8) + Self.json(revisions) + Data(";\n".utf8))]
        let pages = procedures.map { SitePaths.procedurePage($0.id.value) } + incidents.map { SitePaths.incidentPage($0.id.value) }
        return PartedFile(layout: PartedLayout(pieces: pieces, keys: keys, joiner: Data(",".utf8)),
                          partOfPage: Dictionary(zip(pages, pages.indices), uniquingKeysWith: { first, _ in first }),
                          cache: renderer.cache) { index in
            index < procedures.count ? Self.elements(Self.entries(of: renderer.view(of: procedures[index])))
                : Self.elements(Self.entries(of: incidents[index - procedures.count]))
        }
    }

    /// Makes a procedure's entries from a view already at hand and leaves them in the cache for `script()`.
    func prepareEntries(of view: ProcedureView) {
        renderer.cache.prepare(renderer.keys.key("search", ownDigest: view.procedure.digest)) {
            Self.elements(Self.entries(of: view))
        }
    }

    /// A document's entries as JSON array elements (UTF-8), without the brackets.
    private static func elements(_ entries: [Entry]) -> Data {
        json(entries).dropFirst().dropLast()
    }

    private static func entries(of view: ProcedureView) -> [Entry] {
        let procedure = view.procedure
        return [Entry(title: procedure.title, url: SitePaths.procedurePage(procedure.id.value), kind: "procedure",
                      text: [procedure.id.value, view.whenText].joined(separator: " "))]
            + view.sections.flatMap(\.steps).map { step in
                Entry(title: "\(procedure.title) — \(step.number)",
                      url: SitePaths.procedurePage(procedure.id.value) + "#step-\(step.step.id.value)", kind: "step", text: step.searchText)
            }
    }

    private static func entries(of incident: Incident) -> [Entry] {
        let words = [incident.id.value, incident.synopsis, incident.narrative ?? "", incident.analysis ?? "",
                     incident.lessons ?? ""] + (incident.quoted?.texts ?? [])
        return [Entry(title: incident.title, url: SitePaths.incidentPage(incident.id.value), kind: "incident",
                      text: words.map(Markdown.plainText).joined(separator: " "))]
    }

    /// The current revision code of each procedure, for the index's stale-copy check.
    struct Revision: Encodable {
        var id, title: String
        var version: Int
        var revision: String
    }

    private static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)) ?? Data("[]".utf8)
    }
}
