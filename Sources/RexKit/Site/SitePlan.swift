import Foundation

/// Every file of the site, each with the key of what it is made from (`BuildKeys`) and the way to render it.
/// Pages are independent of each other, so they render in any order, on all cores.
public struct SitePlan: Sendable {
    /// One file to make.
    struct Output: Sendable {
        var path: String
        var key: String
        var source: Source
    }

    enum Source: Sendable {
        /// The index, the binder or a search entries file: made of documents' parts.
        case parted(Parted)
        case board
        /// The search's first file, the revision codes and the order of the pages (`SearchIndex.head`), with the
        /// numbers of the entries files there are.
        case searchData([Int])
        /// A document by its place in the handbook's list (a `Procedure` held here would be a copy of its
        /// fields in each of the 4 000 outputs of a large handbook).
        case procedure(Int), checklist(Int), incident(Int)
        case asset(Data)
        /// The runner's words in one language (made only when the file is rendered).
        case words(String)

        /// The file made of documents' parts (`PartedFile`); nil for others.
        var parted: Parted? {
            if case .parted(let parted) = self { parted } else { nil }
        }
    }

    /// A file made of documents' parts, which a site build writes as the pages leave them (`StreamedFile`).
    enum Parted: Sendable {
        case index, binder
        /// An entries file of the search, by number, with its documents.
        case searchEntries(Int, [SearchIndex.Document])

        /// The file as a frame around its parts.
        func file(with renderer: PageRenderer) throws -> PartedFile {
            switch self {
            case .index: try renderer.indexFile()
            case .binder: try renderer.binderFile()
            case .searchEntries(let number, let documents): SearchIndex(renderer: renderer).file(number, documents: documents)
            }
        }
    }

    let renderer: PageRenderer
    let outputs: [Output]

    public init(renderer: PageRenderer) {
        self.renderer = renderer
        let handbook = renderer.handbook
        let keys = renderer.keys
        var outputs = [Output(path: "index.html", key: keys.key(wholeHandbook: "index"), source: .parted(.index)),
                       Output(path: "reconcile.html", key: keys.key(wholeHandbook: "board"), source: .board)]
        for (index, procedure) in handbook.procedures.enumerated() {
            let id = procedure.id.value
            outputs.append(Output(path: SitePaths.procedurePage(id), key: keys.key("procedure", ownDigest: procedure.digest),
                                  source: .procedure(index)))
            outputs.append(Output(path: SitePaths.checklist(id), key: keys.key("checklist", ownDigest: procedure.digest),
                                  source: .checklist(index)))
        }
        for (index, incident) in handbook.incidents.enumerated() {
            outputs.append(Output(path: SitePaths.incidentPage(incident.id.value),
                                  key: keys.key("incident", ownDigest: incident.digest), source: .incident(index)))
        }
        for (name, data) in renderer.templates.assets.sorted(by: { $0.key < $1.key }) {
            outputs.append(Output(path: "assets/\(name)", key: keys.key(asset: name), source: .asset(data)))
        }
        // The runner's words, one script per language: each procedure page loads its own language's.
        for language in Wording.languages {
            let name = "words-\(language).js"
            outputs.append(Output(path: "assets/\(name)", key: keys.key(asset: name), source: .words(language)))
        }
        // Made of every procedure's chapter or some documents' search entries: a site build writes them as the
        // pages leave their parts (`PageRenderer.procedurePage(_:preparingParts:)` and `checklistPage`, `StreamedFile`).
        outputs.append(Output(path: "binder.html", key: keys.key(wholeHandbook: "binder"), source: .parted(.binder)))
        let searchFiles = SearchIndex.files(of: handbook)
        outputs.append(Output(path: "assets/search-data.js", key: keys.key(wholeHandbook: "search"),
                              source: .searchData(searchFiles.map(\.number))))
        for (number, documents) in searchFiles {
            outputs.append(Output(path: SearchIndex.path(ofFile: number),
                                  key: SearchIndex.key(ofFile: number, documents: documents, in: handbook, keys: keys),
                                  source: .parted(.searchEntries(number, documents))))
        }
        self.outputs = outputs
    }

    /// The paths of every file, in the plan's order.
    public var paths: [String] { outputs.map(\.path) }

    /// All files, or the first template error (for tests and one-off uses; a build renders file by file).
    public func render() throws -> [SiteFile] {
        let renderer = self.renderer
        return try parallelMap(outputs) { output in
            Result { SiteFile(path: output.path, data: try Self.render(output.source, with: renderer).joined) }
        }.map { try $0.get() }
    }

    /// A file's bytes, with the parts of them kept by key that the next build may take from it (`PreviousParts`).
    static func render(_ source: Source, with renderer: PageRenderer) throws -> Pieces {
        switch source {
        case .parted(let parted): try parted.file(with: renderer).assembled()
        case .searchData(let files): Pieces(SearchIndex(renderer: renderer).head(files: files))
        case .board: Pieces(Data(try renderer.boardPage().utf8))
        case .procedure(let index):
            Pieces(Data(try renderer.procedurePage(renderer.handbook.procedures[index], preparingParts: true).utf8))
        case .checklist(let index):
            Pieces(Data(try renderer.checklistPage(renderer.handbook.procedures[index], standalone: false, preparingParts: true).utf8))
        case .incident(let index):
            Pieces(Data(try renderer.incidentPage(renderer.handbook.incidents[index], preparingParts: true).utf8))
        case .asset(let data): Pieces(data)
        case .words(let language): Pieces(Wording.runnerScript(language))
        }
    }
}
