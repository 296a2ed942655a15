import Crypto
import Foundation

/// A loaded handbook and the problems found in it: loading's own (`HandbookLoader`), then, once checked
/// (`checked(today:)`), every rule's too.
public struct LoadResult: Sendable {
    public var handbook: Handbook
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Folder → model: reads `rex.yml`, `procedures/*.yml` and `incidents/*.yml` (in parallel), reporting what
/// cannot be read as written (YAML, keys, types, values). Checking the model is the next step (`checked(today:)`).
public enum HandbookLoader {
    /// With a `cache` (`rex build-site --watch`), files unchanged since the last load are not read again.
    /// Without `digests` (`rex validate`, which prints no copy and builds nothing), no SHA-256 of a file is
    /// computed and every document's `revision` and `digest` are empty; no cache is used then, so that no build
    /// can take a document without its digest.
    public static func load(root: URL, reader: YAMLReader = .onePass, cache: LoadCache? = nil,
                            digests: Bool = true) throws -> LoadResult {
        let cache = digests ? cache : nil
        let root = root.handbookFolder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EnvironmentError("handbook folder '\(root.path)' does not exist")
        }
        let settingsURL = root.appending(path: "rex.yml")
        let kinds = ["procedures", "incidents"]
        guard FileManager.default.fileExists(atPath: settingsURL.path)
                || kinds.contains(where: { FileManager.default.fileExists(atPath: root.appending(path: $0).path) }) else {
            throw EnvironmentError("'\(root.path)' is not a handbook: it has no rex.yml, procedures/ or incidents/ "
                                   + "(use --root DIR, or create one with 'rex init DIR')")
        }

        var (settings, diagnostics) = Self.settings(root: root, reader: reader)

        let procedureFiles = HandbookFile.list("procedures", root: root, diagnostics: &diagnostics)
        let incidentFiles = HandbookFile.list("incidents", root: root, diagnostics: &diagnostics)
        let frozenSettings = settings
        let settingsDigest = settingsKey(frozenSettings)
        var procedures = parallelMap(procedureFiles) { handbookFile in
            cached(handbookFile, cache, settingsDigest) {
                loadFile(handbookFile, reader: reader, digests: digests) { file, node, id, source in
                    ProcedureLoader(file: file, settings: frozenSettings).load(node, fileID: id, source: source)
                }
            }
        }
        var incidents = parallelMap(incidentFiles) { handbookFile in
            cached(handbookFile, cache, settingsDigest) {
                loadFile(handbookFile, reader: reader, digests: digests) { file, node, id, source in
                    IncidentLoader(file: file, settings: frozenSettings).load(node, fileID: id, source: source)
                }
            }
        }
        cache?.finish(procedureFiles + incidentFiles)
        diagnostics += procedures.flatMap(\.diagnostics) + incidents.flatMap(\.diagnostics)

        let handbook = Handbook(root: root, settings: settings, procedures: takeValues(&procedures),
                                incidents: takeValues(&incidents))
        return LoadResult(handbook: handbook, diagnostics: diagnostics.sortedForOutput())
    }

    /// The handbook's `rex.yml` read (defaults where it is missing or unreadable), and what was found wrong with it.
    /// `root`: the handbook's folder.
    static func settings(root: URL, reader: YAMLReader = .onePass) -> (settings: HandbookSettings, diagnostics: [Diagnostic]) {
        var settings = HandbookSettings.defaults
        guard FileManager.default.fileExists(atPath: root.appending(path: "rex.yml").path) else { return (settings, []) }
        let file = SourceFile(path: "rex.yml")
        if let data = HandbookFile(root: root, relativePath: "rex.yml", plainFolder: false).read(into: file),
           let node = YAMLReading.compose(data, file: file, reader: reader) {
            settings = SettingsLoader(file: file).load(node)
        }
        return (settings, file.diagnostics)
    }

    /// What a document's loading is given of rex.yml, which a kept load must have been made under: a digest of all
    /// the settings, though only the default language is read today, so that a later use cannot be forgotten. Their
    /// text is the catalog's (`CatalogText`, whose tests hold it to every stored property), without the reflection
    /// of `String(describing:)`, a hundredth of a one-procedure rebuild.
    static func settingsKey(_ settings: HandbookSettings) -> String {
        hex(SHA256.hash(data: Data(CatalogText.of(settings).utf8)))
    }

    /// The documents read, moved out of the results: a copy would retain each string and list of every document.
    private static func takeValues<T>(_ results: inout [(value: T?, diagnostics: [Diagnostic])]) -> [T] {
        results.indices.compactMap { results[$0].value.take() }
    }

    private static func cached<T: ModelCoding>(_ file: HandbookFile, _ cache: LoadCache?, _ settings: String,
                                  _ load: () -> (value: T?, diagnostics: [Diagnostic])) -> (value: T?, diagnostics: [Diagnostic]) {
        guard let cache else { return load() }
        return cache.result(file, settings: settings, load)
    }

    private static func loadFile<T>(_ handbookFile: HandbookFile, reader: YAMLReader, digests: Bool,
                                    _ build: (SourceFile, YAMLNode, String, SourceDigest) -> T?) -> (value: T?, diagnostics: [Diagnostic]) {
        let file = SourceFile(path: handbookFile.relativePath)
        let name = handbookFile.name
        let fileID = String(name.dropLast(4))
        guard isValidIdentifier(fileID) else {
            file.error("file name '\(name)' is not a valid id: use lower-case letters, digits and '-'",
                       at: file.location(nil), rule: "invalid-id")
            return (nil, file.diagnostics)
        }
        guard let data = handbookFile.read(into: file),
              let node = YAMLReading.compose(data, file: file, reader: reader) else {
            return (nil, file.diagnostics)
        }
        let value = build(file, node, fileID, digests ? SourceDigest(of: data) : .notComputed)
        return (value, file.diagnostics)
    }
}
