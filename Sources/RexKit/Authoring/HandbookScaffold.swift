import Foundation

/// `rex init DIR`: a new handbook that validates and builds at once — settings, one example procedure
/// and one example REX record that cite each other and use every key, the built-in templates to
/// customise, the JSON Schemas and the VS Code settings that associate them, and a `.gitignore`.
public enum HandbookScaffold {
    public static let exampleProcedureID = "exemple-arret-rv"
    public static let exampleIncidentID = "rex-exemple"

    /// Every file of a new handbook, by path relative to its folder, in a stable order.
    public static func files(today: LocalDate) -> [(path: String, data: Data)] {
        var files: [(String, Data)] = [
            ("rex.yml", Data(settings.utf8)),
            ("procedures/\(exampleProcedureID).yml",
             Data(ProcedureScaffold.text(id: exampleProcedureID, today: today, citing: exampleIncidentID).utf8)),
            ("incidents/\(exampleIncidentID).yml",
             Data(IncidentScaffold.text(id: exampleIncidentID, today: today, changing: exampleProcedureID).utf8)),
            (".gitignore", Data("# Written by 'rex build-site'; rebuilt from the sources at any time.\nsite/\n".utf8)),
            (".vscode/settings.json", Data(editorSettings.text.utf8)),
        ]
        files += FormatSchema.files().map { ("schema/\($0.name)", Data($0.text.utf8)) }
        files += TemplateSet.builtInFiles().sorted { $0.key < $1.key }.map { ("templates/\($0.key)", $0.value) }
        return files
    }

    /// Writes a new handbook into `folder`, which must not exist yet or be empty (nothing is overwritten).
    /// Returns the paths written, relative to the folder.
    @discardableResult
    public static func create(at folder: URL, today: LocalDate) throws -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw EnvironmentError("'\(folder.path)' exists and is not a folder; choose a new folder for the handbook")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
            guard contents.isEmpty else {
                throw EnvironmentError("'\(folder.path)' is not empty; 'rex init' only writes into a new or empty folder")
            }
        }
        let files = files(today: today)
        do {
            for (path, data) in files {
                let url = folder.appending(path: path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw EnvironmentError("cannot write the new handbook in '\(folder.path)': \(error.localizedDescription)")
        }
        return files.map(\.path)
    }

    /// `.vscode/settings.json`: the YAML extension validates and completes each kind of file with its schema.
    static var editorSettings: JSONValue {
        .object([
            ("yaml.schemas", .object(FormatSchema.files().map { ("./schema/\($0.name)", .array([.string($0.pattern)])) })),
        ])
    }

    static let settings = aligned("""
        # Réglages du manuel. Chaque clé est expliquée ; voir aussi le README de Rex.
        name: Manuel de continuité  # obligatoire : imprimé sur chaque page ; sépare aussi les déroulés de ce manuel dans le navigateur
        organisation: Service de radiothérapie  # le service ou l'établissement
        language: fr  # langue par défaut des procédures et des REX (fr | en)
        time_zone: Europe/Brussels  # fuseau horaire (nom IANA) de toutes les dates
        severity_scales:  # échelles de gravité en plus de asn-sfro (intégrée : 0 à 7)
          - id: interne  # obligatoire : le nom à donner dans severity.scale d'un REX
            title: Échelle interne du service  # le nom imprimé
            levels: [A, B, C]  # obligatoire : les niveaux, du moins grave au plus grave
        units:  # les postes de traitement du service : chaque déroulé indique son poste, le tableau de réconciliation les compte tous
          - id: poste-1  # obligatoire : minuscules, chiffres et '-' ; enregistré sur chaque déroulé
            name: Accélérateur 1  # obligatoire : le nom du poste tel qu'on le dit

        """)
}
