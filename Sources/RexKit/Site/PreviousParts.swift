import Foundation

/// The binder's chapters, the search data's entries and the catalog lines' hashes of the site a build replaces,
/// taken back by key (`BuildManifest.Part`, `BuildManifest.catalogLines`), so that a new `rex build-site` after a
/// one-procedure change renders one chapter and describes one document, not every one. The site is the cache: a
/// file whose bytes are not the ones its manifest recorded gives nothing.
enum PreviousParts {
    /// The catalog lines' hashes: their keys name everything they depend on.
    static func seedCatalog(_ cache: RenderCache, from manifest: BuildManifest) {
        for (key, hash) in manifest.catalogLines { cache.seed(key, hash) }
    }

    /// The chapters and search entries, when the manifest's salt is `salt` (otherwise none of their keys could match).
    static func seedParts(_ cache: RenderCache, from manifest: BuildManifest, in site: URL, salt: String) {
        guard manifest.salt == salt else { return }
        // The binder and the search data are read and hashed each on a core of its own.
        _ = parallelMap(Array(manifest.parts)) { path, parts in
            guard let entry = manifest.files[path],
                  let data = FileManager.default.contents(atPath: site.path + "/" + path), entry.records(data)
            else { return }
            // Slices share the file's bytes: nothing is copied or decoded.
            for part in parts where part.offset >= 0 && part.length >= 0 && part.offset + part.length <= data.count {
                cache.seed(part.key, data[part.offset ..< part.offset + part.length])
            }
        }
    }
}
