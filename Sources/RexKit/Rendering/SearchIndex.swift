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
    func script() -> Pieces {
        // Each document's entries, as JSON array elements, once per change of it (`RenderCache`), made on all
        // cores; the array is their concatenation (the same bytes as encoding it whole).
        let renderer = self.renderer
        let procedures = parallelMap(handbook.procedures) { procedure in
            let key = renderer.keys.key("search", ownDigest: procedure.digest)
            return (key, renderer.cache.part(key) { Self.elements(Self.entries(of: renderer.view(of: procedure))) })
        }
        let incidents = parallelMap(handbook.incidents) { incident in
            let key = renderer.keys.key("search", ownDigest: incident.digest)
            return (key, renderer.cache.part(key) { Self.elements(Self.entries(of: incident)) })
        }
        let revisions = handbook.procedures.map {
            Revision(id: $0.id.value, title: $0.title, version: $0.version, revision: $0.revision)
        }
        var script = Pieces(Data("window.REX_SEARCH = [".utf8))
        for (key, elements) in procedures + incidents where !elements.isEmpty {
            if !script.parts.isEmpty { script.append(Data(",".utf8)) }
            script.append(elements, keptAs: key)
        }
        script.append(Data("];\nwindow.REX_REVISIONS = ".utf8) + Self.json(revisions) + Data(";\n".utf8))
        return script
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
        return [Entry(title: procedure.title, url: "procedures/\(procedure.id.value).html", kind: "procedure",
                      text: [procedure.id.value, view.whenText].joined(separator: " "))]
            + view.sections.flatMap(\.steps).map { step in
                Entry(title: "\(procedure.title) — \(step.number)",
                      url: "procedures/\(procedure.id.value).html#step-\(step.step.id.value)", kind: "step", text: step.searchText)
            }
    }

    private static func entries(of incident: Incident) -> [Entry] {
        let words = [incident.id.value, incident.synopsis, incident.narrative ?? "", incident.analysis ?? "",
                     incident.lessons ?? ""] + (incident.quoted?.texts ?? [])
        return [Entry(title: incident.title, url: "incidents/\(incident.id.value).html", kind: "incident",
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
