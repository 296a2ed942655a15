import Foundation

/// `rex init DIR`: a new handbook that validates and builds at once — settings, one example procedure
/// and one example REX record that cite each other and use every key, the built-in templates to
/// customise, the JSON Schemas and the VS Code settings that associate them, and a `.gitignore`.
/// Its comments and examples are in one language (French unless told otherwise), named by `rex.yml`'s
/// `language`; `rex new` then writes in that language too.
public enum HandbookScaffold {
    /// The id of the example procedure in a handbook made in `language` (`exemple-arret-rv` in French).
    public static func exampleProcedureID(in language: Language = .fr) -> String {
        Texts.of(language).procedureID
    }

    /// The id of the example REX record in a handbook made in `language` (`rex-exemple` in French).
    public static func exampleIncidentID(in language: Language = .fr) -> String {
        Texts.of(language).incidentID
    }

    /// The language `rex new` writes in: `rex.yml`'s `language`, read by the loader; French when the
    /// handbook has no `rex.yml`, or one that does not load, or names no language Rex knows.
    public static func language(ofHandbookAt root: URL) -> Language {
        guard let settings = try? HandbookLoader.load(root: root).handbook.settings else { return .fr }
        return Language(rawValue: settings.language) ?? .fr
    }

    /// Every file of a new handbook, by path relative to its folder, in a stable order.
    public static func files(today: LocalDate, language: Language = .fr) -> [(path: String, data: Data)] {
        let procedureID = exampleProcedureID(in: language), incidentID = exampleIncidentID(in: language)
        var files: [(String, Data)] = [
            ("rex.yml", Data(settings(in: language).utf8)),
            ("procedures/\(procedureID).yml",
             Data(ProcedureScaffold.text(id: procedureID, today: today, citing: incidentID, language: language).utf8)),
            ("incidents/\(incidentID).yml",
             Data(IncidentScaffold.text(id: incidentID, today: today, changing: procedureID, language: language).utf8)),
            (".gitignore", Data("# Written by 'rex build-site'; rebuilt from the sources at any time.\nsite/\n.site.*\n".utf8)),
            (".vscode/settings.json", Data(editorSettings.text.utf8)),
        ]
        files += FormatSchema.files().map { ("schema/\($0.name)", Data($0.text.utf8)) }
        files += TemplateSet.builtInFiles().sorted { $0.key < $1.key }.map { ("templates/\($0.key)", $0.value) }
        return files
    }

    /// Writes a new handbook into `folder`, which must not exist yet or be empty (nothing is overwritten).
    /// Returns the paths written, relative to the folder.
    @discardableResult
    public static func create(at folder: URL, today: LocalDate, language: Language = .fr) throws -> [String] {
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
        let files = files(today: today, language: language)
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

    /// `rex.yml`, each key commented in `language`, which it names.
    static func settings(in language: Language) -> String {
        let words = Texts.of(language)
        let (c, e) = (words.comments, words.examples)
        return aligned("""
            \(c.header)
            name: \(e.name)  # \(c.name)
            organisation: \(e.organisation)  # \(c.organisation)
            language: \(language.rawValue)  # \(c.language)
            time_zone: Europe/Brussels  # \(c.timeZone)
            severity_scales:  # \(c.severityScales)
              - id: \(e.scaleID)  # \(c.scaleID)
                title: \(e.scaleTitle)  # \(c.scaleTitle)
                levels: [A, B, C]  # \(c.levels)
            units:  # \(c.units)
              - id: \(e.unitID)  # \(c.unitID)
                name: \(e.unitName)  # \(c.unitName)

            """)
    }
}

extension HandbookScaffold {
    /// The words of `rex.yml` and the example ids of a new handbook in one language.
    struct Texts {
        /// One comment per key of `rex.yml`, in the order the scaffold writes them (`header`: the opening line).
        struct Comments {
            let header, name, organisation, language, timeZone, severityScales, scaleID, scaleTitle, levels, units, unitID,
                unitName: String
        }

        /// The example's words (plain YAML scalars), and the id of its severity scale.
        struct Examples {
            let name, organisation, scaleID, scaleTitle, unitID, unitName: String
        }

        let comments: Comments
        let examples: Examples
        /// The example procedure's and REX record's ids: valid document ids (`[a-z0-9-]`).
        let procedureID, incidentID: String

        static func of(_ language: Language) -> Texts {
            switch language {
            case .fr: french
            case .nl: dutch
            case .en: english
            }
        }
    }
}

/// `text` with every line after the first indented by `indent` spaces (blank lines left blank), to follow
/// a template line that already holds the first line's indentation: a block scalar's paragraphs.
func continued(_ text: String, indent: Int = 2) -> String {
    let padding = String(repeating: " ", count: indent)
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
        index == 0 || line.isEmpty ? String(line) : padding + line
    }.joined(separator: "\n")
}
