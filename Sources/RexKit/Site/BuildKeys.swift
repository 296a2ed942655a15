import Crypto
import Foundation

/// The key of each file of the site: a digest of everything that file is made from, so that a file whose key
/// is unchanged since the last build need not be rendered again (its bytes would be the same).
///
/// A document's own page and checklist are made from its own file (`digest`) and from what other documents'
/// pages show of each other — titles, versions, kinds, statuses, which REX a procedure answers: the
/// *catalog* (`CatalogText`). The catalog is every property of every document except the ones listed below as a
/// document's own content; a property added to the model later fails the tests until it is written into the catalog
/// or listed here, so a rebuild may do more than it must, never less. Locations (line and column) are left out:
/// moving text within a file changes no other page. Pages over the whole handbook (index, binder, search data) are made
/// from every document. Everything depends on the templates, `rex.yml`'s settings, the day and `rex` itself.
struct BuildKeys: Sendable {
    /// What a document's pages alone show, left out of its catalog (`CatalogText`): a change to these re-renders no
    /// other document's page.
    static let ownProcedureContent: Set<String> = ["sections", "logs", "roles", "contacts", "when", "objective",
                                                   "revision", "digest", "path"]
    static let ownIncidentContent: Set<String> = ["synopsis", "narrative", "timeline", "analysis", "causes", "actions",
                                                  "recommendations", "lessons", "quoted", "systems", "revision",
                                                  "digest", "path"]

    /// Templates, settings, day, program.
    let salt: String
    let catalog: String
    /// Each document's catalog line, as its hash, by the key it is kept under in the `RenderCache`.
    let catalogLines: [String: String]
    /// Every document's digest: the key of the pages made from all of them.
    let everything: String

    init(handbook: Handbook, templates: TemplateSet, today: LocalDate, cache: RenderCache = RenderCache()) {
        var salt = ["rex-site 1", "today \(today)", "rex \(SourceStamps.programStamp.map(\.description) ?? "unknown")",
                    "settings \(CatalogText.of(handbook.settings))"]
        for (name, digest) in templates.digests.sorted(by: { $0.key < $1.key }) {
            salt.append("template \(name) \(digest)")
        }
        self.salt = sha256(salt)
        // A document's line depends on its bytes, the default language it was read with and the program that
        // describes it; it is kept as its hash, under a key with all three (the manifest records them for the next
        // process, `PreviousParts`, unless the program cannot be told apart from another).
        let language = handbook.settings.language, program = SourceStamps.programStamp?.description
        @Sendable func line(_ kind: String, _ document: some CatalogRecord, digest: String) -> (key: String, hash: String) {
            let key = "catalog \(kind) \(digest) \(language) \(program ?? "unknown")"
            return (key, cache.value(key) { sha256([kind + " " + CatalogText.of(document)]) })
        }
        let lines = parallelMap(handbook.procedures) { line("procedure", $0, digest: $0.digest) }
            + parallelMap(handbook.incidents) { line("incident", $0, digest: $0.digest) }
        catalogLines = program == nil ? [:] : Dictionary(lines.map { ($0.key, $0.hash) }, uniquingKeysWith: { first, _ in first })
        catalog = sha256(lines.map(\.hash))
        everything = sha256([self.catalog] + handbook.procedures.map(\.digest) + handbook.incidents.map(\.digest))
    }

    /// A document's page or checklist (`kind` tells them apart).
    func key(_ kind: String, ownDigest: String) -> String {
        sha256([salt, kind, ownDigest, catalog])
    }

    /// A part made from one document alone, with what every page depends on (an index row).
    func key(part kind: String, ownDigest: String) -> String {
        sha256([salt, kind, ownDigest])
    }

    /// A file made of some documents' parts (a search entries file): what their pages depend on, and the documents
    /// (their digests, in order).
    func key(partsOf kind: String, ownDigests: [String]) -> String {
        sha256([salt, kind, catalog] + ownDigests)
    }

    /// The index, the binder, the search data.
    func key(wholeHandbook kind: String) -> String {
        sha256([salt, kind, everything])
    }

    /// An asset (CSS, scripts): the templates are in the salt.
    func key(asset name: String) -> String {
        sha256([salt, "asset", name])
    }
}

private func sha256(_ lines: [String]) -> String {
    hex(SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)))
}
