import Foundation

/// The loader's path for one file, from bytes, without a folder: what the fuzzer drives, and what a
/// tool checking one buffer (an editor's unsaved text) would use.
public enum SingleFileLoader {
    /// Which kind of handbook file the bytes are read as.
    public enum Kind: String, Sendable, CaseIterable {
        case procedure, incident, settings
    }

    /// Reads `data` as `procedures/ID.yml`, `incidents/ID.yml` or `rex.yml` of an otherwise empty
    /// handbook (checking it is the next step: `checked(today:)`). Never touches the file system.
    ///
    /// With `id` nil, the file is named after its own `id:` when that is a valid id, so that a valid input
    /// makes a valid handbook (the fuzzer's inputs); otherwise, and when the YAML cannot be read, `document`.
    public static func load(_ data: Data, as kind: Kind, id: String? = nil, reader: YAMLReader = .onePass) -> LoadResult {
        var file = SourceFile(path: path(kind, id ?? "document"))
        let node = YAMLReading.compose(data, file: file, reader: reader)
        var fileID = id ?? "document"
        if id == nil, let node, let own = ownID(node) {
            // Composing reports nothing when it succeeds: the file can be renamed before anything is said about it.
            fileID = own
            file = SourceFile(path: path(kind, own))
        }
        var settings = HandbookSettings.defaults
        var procedures: [Procedure] = [], incidents: [Incident] = []
        if let node {
            let source = SourceDigest(of: data)
            switch kind {
            case .procedure:
                procedures = ProcedureLoader(file: file, settings: settings).load(node, fileID: fileID, source: source)
                    .map { [$0] } ?? []
            case .incident:
                incidents = IncidentLoader(file: file, settings: settings).load(node, fileID: fileID, source: source)
                    .map { [$0] } ?? []
            case .settings:
                settings = SettingsLoader(file: file).load(node)
            }
        }
        let handbook = Handbook(root: URL(fileURLWithPath: "/nonexistent-handbook"), settings: settings,
                                procedures: procedures, incidents: incidents)
        return LoadResult(handbook: handbook, diagnostics: file.diagnostics.sortedForOutput())
    }

    private static func path(_ kind: Kind, _ id: String) -> String {
        switch kind {
        case .procedure: "procedures/\(id).yml"
        case .incident: "incidents/\(id).yml"
        case .settings: "rex.yml"
        }
    }

    /// The document's own `id:`, when it is a valid file name.
    private static func ownID(_ root: YAMLNode) -> String? {
        guard case .mapping(let pairs) = root.content,
              let id = pairs.first(where: { $0.key.scalar == "id" })?.value.scalar, isValidIdentifier(id) else { return nil }
        return id
    }
}
