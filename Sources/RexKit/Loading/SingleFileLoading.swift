import Foundation

/// The loader's path for one file, from bytes, without a folder: what the fuzzer drives, and what a
/// tool checking one buffer (an editor's unsaved text) would use.
public enum SingleFileLoader {
    /// Which kind of handbook file the bytes are read as.
    public enum Kind: String, Sendable, CaseIterable {
        case procedure, incident, settings
    }

    /// Reads `data` as `procedures/ID.yml`, `incidents/ID.yml` or `rex.yml` of an otherwise empty
    /// handbook, then runs every check on that handbook. Never touches the file system.
    public static func load(_ data: Data, as kind: Kind, id: String = "document", today: LocalDate) -> LoadResult {
        let path = switch kind {
        case .procedure: "procedures/\(id).yml"
        case .incident: "incidents/\(id).yml"
        case .settings: "rex.yml"
        }
        let file = SourceFile(path: path)
        var settings = HandbookSettings.defaults
        var procedures: [Procedure] = [], incidents: [Incident] = []
        if let node = YAMLReading.compose(data, file: file) {
            let revision = HandbookLoader.revisionCode(of: data)
            switch kind {
            case .procedure:
                procedures = ProcedureLoader(file: file, settings: settings).load(node, fileID: id, revision: revision)
                    .map { [$0] } ?? []
            case .incident:
                incidents = IncidentLoader(file: file, settings: settings).load(node, fileID: id, revision: revision)
                    .map { [$0] } ?? []
            case .settings:
                settings = SettingsLoader(file: file).load(node)
            }
        }
        let handbook = Handbook(root: URL(fileURLWithPath: "/nonexistent-handbook"), settings: settings,
                                procedures: procedures, incidents: incidents)
        let diagnostics = file.diagnostics + HandbookChecks.run(on: handbook, today: today)
        return LoadResult(handbook: handbook, diagnostics: diagnostics.sortedForOutput())
    }
}
