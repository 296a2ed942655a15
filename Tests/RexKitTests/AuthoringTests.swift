import Foundation
import Testing
import Yams
@testable import RexKit

/// `rex init`, `rex new`, `rex schema` and the change watcher of `rex build-site --watch`, and the one
/// source of truth behind them: `FormatSpec`.
@Suite("Authoring")
struct AuthoringTests {
    static let today = LocalDate(year: 2026, month: 1, day: 15)!

    // MARK: rex init

    @Test("a new handbook validates without an error or a warning and builds at once, in each language",
          arguments: Language.allCases)
    func initValidatesAndBuilds(_ language: Language) throws {
        let folder = try AuthoringFolder()
        let root = folder.url.appending(path: "manuel")
        let written = try HandbookScaffold.create(at: root, today: Self.today, language: language)
        #expect(written.contains("rex.yml") && written.contains(".gitignore") && written.contains(".vscode/settings.json"))
        #expect(written.contains("schema/procedure.schema.json") && written.contains("templates/procedure.mustache"))
        let procedureID = HandbookScaffold.exampleProcedureID(in: language)
        let incidentID = HandbookScaffold.exampleIncidentID(in: language)
        #expect(written.contains("procedures/\(procedureID).yml") && written.contains("incidents/\(incidentID).yml"))
        let loaded = try HandbookLoader.load(root: root).checked(today: Self.today)
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.handbook.settings.language == language.rawValue)
        #expect(loaded.handbook.procedures.map(\.id.value) == [procedureID])
        #expect(loaded.handbook.procedures.map(\.language) == [language.rawValue], "the procedure takes rex.yml's language")
        #expect(loaded.handbook.incidents.map(\.id.value) == [incidentID])
        #expect(loaded.handbook.incidents.map(\.language) == [language.rawValue])
        let report = try SiteBuilder.build(root: root, output: root.appending(path: "site"), today: Self.today)
        #expect(report.files != nil)
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "site/index.html").path))
    }

    @Test("the example ids are valid ids, different in each language; French keeps exemple-arret-rv and rex-exemple")
    func exampleIDs() {
        let ids = Language.allCases.flatMap {
            [HandbookScaffold.exampleProcedureID(in: $0), HandbookScaffold.exampleIncidentID(in: $0)]
        }
        #expect(ids.allSatisfy(Identifier.isValidDocumentID), "\(ids)")
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(HandbookScaffold.exampleProcedureID() == "exemple-arret-rv")
        #expect(HandbookScaffold.exampleIncidentID() == "rex-exemple")
    }

    @Test("a new handbook is written in its language: rex.yml names it, and no file holds another language's words",
          arguments: Language.allCases)
    func initSpeaksItsLanguage(_ language: Language) throws {
        let folder = try AuthoringFolder()
        try HandbookScaffold.create(at: folder.url, today: Self.today, language: language)
        let settings = try String(contentsOf: folder.url.appending(path: "rex.yml"), encoding: .utf8)
        #expect(settings.split(separator: "\n").contains { $0.hasPrefix("language: \(language.rawValue) ") })
        var all = ""
        for path in ["rex.yml", "procedures/\(HandbookScaffold.exampleProcedureID(in: language)).yml",
                     "incidents/\(HandbookScaffold.exampleIncidentID(in: language)).yml"] {
            let text = try String(contentsOf: folder.url.appending(path: path), encoding: .utf8)
            expectWritten(in: language, text, path)
            all += text
        }
        // Every word of the language's own list is there, so that the lists catch something.
        let own = Self.languageWords[language]!
        #expect(words(in: all).isSuperset(of: own), "missing: \(own.subtracting(words(in: all)).sorted())")
    }

    /// A few words that only one language's scaffold writes (whole words, case-sensitive; never a key or a value
    /// of the format, which are the same in every language).
    static let languageWords: [Language: Set<String>] = [
        .fr: ["obligatoire", "Technologue", "Séances", "séance", "Radiophysicien", "étape", "Oui", "Non", "les", "une"],
        .nl: ["verplicht", "Technoloog", "technoloog", "Stralingsfysicus", "fractie", "stap", "Ja", "Nee", "het", "een"],
        .en: ["the", "Yes", "least", "whom", "therapist", "every"],
    ]

    /// `text` holds no word of another language's list.
    private func expectWritten(in language: Language, _ text: String, _ what: String,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = words(in: text)
        for other in Language.allCases where other != language {
            let foreign = found.intersection(Self.languageWords[other]!)
            #expect(foreign.isEmpty, "\(what) (\(language.rawValue)) holds \(other.rawValue) words: \(foreign.sorted())",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("the copied templates are the built-in ones, byte for byte")
    func initCopiesTemplates() throws {
        let folder = try AuthoringFolder()
        try HandbookScaffold.create(at: folder.url, today: Self.today)
        for (name, data) in TemplateSet.builtInFiles() {
            #expect(try Data(contentsOf: folder.url.appending(path: "templates/\(name)")) == data, "\(name)")
        }
    }

    @Test("the editor settings associate each schema with its files")
    func initEditorSettings() throws {
        let folder = try AuthoringFolder()
        try HandbookScaffold.create(at: folder.url, today: Self.today)
        let data = try Data(contentsOf: folder.url.appending(path: ".vscode/settings.json"))
        let settings = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let schemas = try #require(settings["yaml.schemas"] as? [String: [String]])
        #expect(schemas == ["./schema/procedure.schema.json": ["procedures/*.yml"],
                            "./schema/incident.schema.json": ["incidents/*.yml"],
                            "./schema/rex.schema.json": ["rex.yml"]])
        for path in schemas.keys {
            #expect(FileManager.default.fileExists(atPath: folder.url.appending(path: path).path), "\(path)")
        }
    }

    @Test("rex init refuses a folder that is not empty, and a file")
    func initRefusesNonEmpty() throws {
        let folder = try AuthoringFolder()
        try Data("notes\n".utf8).write(to: folder.url.appending(path: "notes.txt"))
        #expect(throws: EnvironmentError.self) { try HandbookScaffold.create(at: folder.url, today: Self.today) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.txt"])
        #expect(throws: EnvironmentError.self) {
            try HandbookScaffold.create(at: folder.url.appending(path: "notes.txt"), today: Self.today)
        }
    }

    // MARK: rex new

    @Test("a new procedure and a new incident validate as written, without a warning, in each language",
          arguments: Language.allCases)
    func newValidates(_ language: Language) throws {
        let folder = try AuthoringFolder()
        try write("name: Test\nlanguage: \(language.rawValue)\n", to: folder.url.appending(path: "rex.yml"))
        let procedure = ProcedureScaffold.text(id: "panne-reseau", today: Self.today, language: language)
        let incident = IncidentScaffold.text(id: "rex-2026-01", today: Self.today, language: language)
        try write(procedure, to: folder.url.appending(path: "procedures/panne-reseau.yml"))
        try write(incident, to: folder.url.appending(path: "incidents/rex-2026-01.yml"))
        let loaded = try HandbookLoader.load(root: folder.url).checked(today: Self.today)
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.handbook.procedures.first?.status.value == .draft)
        #expect(loaded.handbook.incidents.first?.status.value == .draft)
        expectWritten(in: language, procedure, "the new procedure")
        expectWritten(in: language, incident, "the new incident")
    }

    @Test("rex new writes in rex.yml's language, and in French when rex.yml names none or does not load")
    func newFollowsTheHandbook() throws {
        let cases: [(settings: String?, expected: Language)] = [
            ("name: Test\nlanguage: nl\n", .nl),
            ("name: Test\nlanguage: en\n", .en),
            ("name: Test\nlanguage: fr\n", .fr),
            ("name: Test\n", .fr),
            (nil, .fr),
            ("name: Test\nlanguage: de\n", .fr),
            ("name: [Test\nlanguage: nl\n", .fr),
        ]
        for (settings, expected) in cases {
            let folder = try AuthoringFolder()
            try FileManager.default.createDirectory(at: folder.url.appending(path: "procedures"), withIntermediateDirectories: true)
            if let settings { try write(settings, to: folder.url.appending(path: "rex.yml")) }
            #expect(HandbookScaffold.language(ofHandbookAt: folder.url) == expected, "\(settings ?? "no rex.yml")")
        }
    }

    @Test("a scaffold holds every key of its format, each on a line of its own with a comment, in each language",
          arguments: ["procedure", "incident", "settings"], Language.allCases)
    func scaffoldHasEveryKey(_ name: String, _ language: Language) throws {
        let (text, spec) = switch name {
        case "procedure": (ProcedureScaffold.text(id: "p", today: Self.today, language: language), FormatSpec.procedure)
        case "incident": (IncidentScaffold.text(id: "i", today: Self.today, language: language), FormatSpec.incident)
        default: (HandbookScaffold.settings(in: language), FormatSpec.settings)
        }
        let root = try #require(try Yams.compose(yaml: text, .basic))
        var written: [WrittenKey] = []
        collectKeys(in: root, as: .mapping(spec), into: &written)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for nested in allSpecs(from: spec) {
            for key in nested.keyNames {
                let places = written.filter { $0.spec == nested.name && $0.key == key }
                #expect(!places.isEmpty, "'\(key)' of \(nested.name) is missing from the \(name) scaffold (\(language))")
                // The key's own line: it starts with the key (after its indentation and any "- "), and its
                // comment says something. A comment on another line, or one shared by a { } line, does not count.
                let explained = places.contains { place in
                    let line = lines[place.line - 1].drop { $0 == " " || $0 == "-" }
                    guard line.hasPrefix("\(key):"), let range = line.range(of: "  # ") else { return false }
                    return !line[range.upperBound...].allSatisfy(\.isWhitespace)
                }
                #expect(explained, "no comment on the line of '\(key)' (\(nested.name)) in the \(name) scaffold (\(language))")
                if key == "language", let place = places.first {
                    #expect(lines[place.line - 1].contains("fr | nl | en"), "\(lines[place.line - 1])")
                }
            }
        }
        #expect(written.contains { $0.key == "language" })
    }

    @Test("the loader reports a missing key exactly when the spec says it is required",
          arguments: [("procedure", FormatSpec.procedure), ("incident", FormatSpec.incident)])
    func requiredMatchesLoader(_ kind: String, _ spec: MappingSpec) throws {
        // French: the other languages write the same keys in the same structure (scaffoldHasEveryKey).
        let text = kind == "procedure" ? ProcedureScaffold.text(id: "d", today: Self.today)
                                       : IncidentScaffold.text(id: "d", today: Self.today)
        let singleKind: SingleFileLoader.Kind = kind == "procedure" ? .procedure : .incident
        for key in spec.keys {
            let without = removingTopLevelKey(key.name, from: text)
            let result = SingleFileLoader.load(Data(without.utf8), as: singleKind, id: "d").checked(today: Self.today)
            let missing = result.diagnostics.contains { $0.rule == "missing-key" && $0.message.contains("'\(key.name)'") }
            #expect(missing == key.required, "\(kind) without '\(key.name)': \(result.diagnostics.map(\.description))")
        }
    }

    // MARK: rex schema

    @Test("each schema lists every key of the spec, the required ones and the enumerations' cases")
    func schemaFollowsSpec() throws {
        for (file, spec) in zip(FormatSchema.files(), [FormatSpec.procedure, FormatSpec.incident, FormatSpec.settings]) {
            let schema = try #require(try JSONSerialization.jsonObject(with: Data(file.text.utf8)) as? [String: Any])
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["additionalProperties"] as? Bool == false)
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(spec.keyNames), "\(file.name)")
            #expect(schema["required"] as? [String] == spec.requiredKeyNames, "\(file.name)")
            let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
            for nested in allSpecs(from: spec).dropFirst() {
                let definition = try #require(definitions[nested.name], "\(file.name) lacks \(nested.name)")
                #expect(Set((definition["properties"] as? [String: Any] ?? [:]).keys) == Set(nested.keyNames))
            }
        }
        let procedure = FormatSchema.files()[0].text
        #expect(procedure.contains(#""enum": ["emergency", "downtime", "restore", "routine"]"#))
        #expect(procedure.contains(#""enum": ["\#(FieldType.allCases.map(\.rawValue).joined(separator: "\", \""))"]"#))
    }

    @Test("JSON strings are escaped")
    func jsonEscaping() throws {
        let value = JSONValue.object([("a\"b", .string("line\nnext\t\u{1} é \\"))])
        let parsed = try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: String]
        #expect(parsed == ["a\"b": "line\nnext\t\u{1} é \\"])
    }

    // MARK: --watch

    @Test("the watcher sees files written, added and removed, and nothing else")
    func watcher() throws {
        let folder = try AuthoringFolder()
        let root = folder.url
        try write("name: Test\n", to: root.appending(path: "rex.yml"))
        try write("id: a\n", to: root.appending(path: "procedures/a.yml"))
        let watcher = ChangeWatcher(root: root)
        #expect(watcher.changes() == [])

        try write("id: a\ntitle: A\n", to: root.appending(path: "procedures/a.yml"))
        #expect(watcher.changes() == ["procedures/a.yml"])
        #expect(watcher.changes() == [])

        // Same size, new time: an editor rewriting a file with a one-letter change.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                              ofItemAtPath: root.appending(path: "rex.yml").path)
        #expect(watcher.changes() == ["rex.yml"])

        try write("x", to: root.appending(path: "incidents/b.yml"))
        try write("x", to: root.appending(path: "templates/site.css"))
        try FileManager.default.removeItem(at: root.appending(path: "procedures/a.yml"))
        #expect(watcher.changes() == ["incidents/b.yml", "procedures/a.yml", "templates/site.css"])

        // The site, editors' swap files and hidden files are not sources.
        try write("x", to: root.appending(path: "site/index.html"))
        try write("x", to: root.appending(path: "procedures/.a.yml.swp"))
        try write("x", to: root.appending(path: "procedures/a.yml~"))
        #expect(watcher.changes() == [])
    }

    /// A file saved twice within the tick of its times, at the same size, keeps its stamp: while the stamp is not
    /// settled, and at the first look after, the watcher compares the file's bytes.
    @Test("the watcher sees a second save within its file's time tick")
    func watcherSeesASaveItsStampHides() throws {
        let folder = try AuthoringFolder()
        let root = folder.url
        let path = root.appending(path: "procedures/a.yml")
        try write("id: a\n", to: path)
        // Ahead of the clock: not settled for the whole test.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path.path)
        let first = HandbookSnapshot(root: root)
        #expect(first.files["procedures/a.yml"]?.bytes == Data("id: a\n".utf8), "not settled: bytes kept")
        var second = HandbookSnapshot(root: root, after: first)
        #expect(first.changes(to: second) == [])
        // The same stamp with other bytes: what a coarse file system shows after such a save.
        second.files["procedures/a.yml"]?.bytes = Data("id: b\n".utf8)
        #expect(first.changes(to: second) == ["procedures/a.yml"])
        // Looked at again just before a build: the bytes the build reads are the ones the next look compares with.
        #expect(second.lookingAgainAtUnsettled(root: root).files["procedures/a.yml"]?.bytes == Data("id: a\n".utf8))

        // Settled since the last look: that look's bytes are compared once more, then no bytes are kept.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path.path)
        waitUntilSettled([path.path])
        var unsettled = HandbookSnapshot(root: root)
        #expect(unsettled.files["procedures/a.yml"]?.bytes == nil, "settled: no bytes kept")
        unsettled.files["procedures/a.yml"]?.settled = false
        unsettled.files["procedures/a.yml"]?.bytes = Data("id: b\n".utf8)
        let after = HandbookSnapshot(root: root, after: unsettled)
        #expect(unsettled.changes(to: after) == ["procedures/a.yml"])
        #expect(after.changes(to: HandbookSnapshot(root: root, after: after)) == [])
        #expect(HandbookSnapshot(root: root, after: after).files["procedures/a.yml"]?.bytes == nil)
    }
}

// MARK: The commands

/// `rex init`, `rex new`, `rex schema` and `rex build-site --watch` as a newcomer runs them: exit codes and output.
@Suite("Authoring commands", .enabled(if: authoringRex != nil, "build the rex binary first: swift build"))
struct AuthoringCommandTests {
    @Test("init → new → validate → build-site; refusals exit 2")
    func newcomerPath() throws {
        let folder = try AuthoringFolder()
        let root = folder.url.appending(path: "manuel").path
        #expect(try run(["init", root]).status == 0)
        #expect(try run(["init", root]).status == 2, "a folder that is not empty")
        let settings = try String(contentsOfFile: root + "/rex.yml", encoding: .utf8)
        #expect(settings.split(separator: "\n").contains { $0.hasPrefix("language: fr ") }, "French by default")
        #expect(FileManager.default.fileExists(atPath: root + "/procedures/exemple-arret-rv.yml"))
        #expect(try run(["new", "procedure", "panne-reseau", "--root", root]).status == 0)
        #expect(try run(["new", "incident", "rex-2026-01", "--root", root]).status == 0)
        #expect(try run(["new", "procedure", "panne-reseau", "--root", root]).status == 2, "an existing file")
        #expect(try run(["new", "procedure", "Panne_Reseau", "--root", root]).status == 2, "an invalid id")
        #expect(try run(["new", "memo", "x", "--root", root]).status == 2, "an unknown kind")
        let validate = try run(["validate", "--root", root])
        #expect(validate.status == 0)
        #expect(validate.stdout == "0 errors, 0 warnings in 2 procedures and 2 incidents\n")
        #expect(try run(["build-site", "--root", root]).status == 0)
        #expect(try run(["schema", "--root", root]).status == 0)
        #expect(FileManager.default.fileExists(atPath: root + "/schema/rex.schema.json"))
    }

    @Test("init --language nl → new writes Dutch drafts → validate; an unknown language is a usage error listing fr, nl, en")
    func dutchHandbook() throws {
        let folder = try AuthoringFolder()
        let root = folder.url.appending(path: "handboek").path
        #expect(try run(["init", root, "--language", "nl"]).status == 0)
        let settings = try String(contentsOfFile: root + "/rex.yml", encoding: .utf8)
        #expect(settings.split(separator: "\n").contains { $0.hasPrefix("language: nl ") })
        #expect(FileManager.default.fileExists(atPath: root + "/procedures/\(HandbookScaffold.exampleProcedureID(in: .nl)).yml"))
        #expect(try run(["new", "procedure", "netwerkpanne", "--root", root]).status == 0)
        let draft = try String(contentsOfFile: root + "/procedures/netwerkpanne.yml", encoding: .utf8)
        // A draft has no date in it, so the command's text is the library's, word for word.
        #expect(draft == ProcedureScaffold.text(id: "netwerkpanne", today: AuthoringTests.today, language: .nl))
        #expect(try run(["new", "incident", "rex-2026-01", "--root", root]).status == 0)
        let incident = try String(contentsOfFile: root + "/incidents/rex-2026-01.yml", encoding: .utf8)
        #expect(incident.hasPrefix("# REX-fiche (ervaringsfeedback)."), "\(incident.prefix(80))")
        let validate = try run(["validate", "--root", root])
        #expect(validate.stdout == "0 errors, 0 warnings in 2 procedures and 2 incidents\n")

        let refused = try run(["init", folder.url.appending(path: "other").path, "--language", "de"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'fr', 'nl' or 'en'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appending(path: "other").path))
    }

    @Test("--watch rebuilds after each save, keeps going after a bad one, and stops on Ctrl-C")
    func watch() throws {
        let folder = try AuthoringFolder()
        let root = folder.url.appending(path: "manuel")
        #expect(try run(["init", root.path]).status == 0)
        let process = Process()
        process.executableURL = authoringRex
        process.arguments = ["build-site", "--watch", "--root", root.path]
        let output = OutputCollector()
        process.standardOutput = output.pipe
        process.standardError = output.pipe
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        #expect(output.wait { $0.components(separatedBy: "Built 1 procedure with its checklist").count == 2 }, "\(output.text)")

        let file = root.appending(path: "procedures/\(HandbookScaffold.exampleProcedureID()).yml")
        let good = try Data(contentsOf: file)
        try (good + Data("title: [\n".utf8)).write(to: file)
        #expect(output.wait { $0.contains("site not built") }, "\(output.text)")
        try good.write(to: file)
        #expect(output.wait { $0.components(separatedBy: "Built 1 procedure with its checklist").count == 3 }, "\(output.text)")
        #expect(process.isRunning)

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
    }
}

/// The built `rex` binary (as CLITests finds it).
private let authoringRex: URL? = {
    let candidates = [Bundle.module.bundleURL.deletingLastPathComponent().appending(path: "rex"),
                      repositoryRoot.appending(path: ".build/debug/rex")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = authoringRex
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both outputs are short (a few lines), far below a pipe's buffer: reading one after the other cannot block.
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
}

/// Everything a process writes, gathered as it comes, so a test can wait for a line.
private final class OutputCollector: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()

    init() {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil }  // end of output: stop being called
            self?.lock.withLock { self?.data.append(chunk) }
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Polls until `condition` holds on the output so far; false after `timeout` (generous: a build takes < 1 s).
    func wait(timeout: Duration = .seconds(30), until condition: (String) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(text) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition(text)
    }
}

// MARK: Helpers

/// A folder under the temporary directory, removed when released.
private final class AuthoringFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "rex-authoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// `spec` and every mapping kind nested in it, once each.
private func allSpecs(from spec: MappingSpec) -> [MappingSpec] {
    var found = [spec], names: Set<String> = [spec.name], index = 0
    while index < found.count {
        for key in found[index].keys {
            for nested in nested(in: key.type) where names.insert(nested.name).inserted { found.append(nested) }
        }
        index += 1
    }
    return found
}

private func nested(in type: ValueType) -> [MappingSpec] {
    switch type {
    case .mapping(let spec), .dated(let spec): [spec]
    case .list(let item), .nonEmptyList(let item), .map(let item): nested(in: item)
    default: []
    }
}

/// A key written in a scaffold: the kind of mapping it belongs to, its name and its 1-based line.
private struct WrittenKey {
    let spec: String
    let key: String
    let line: Int
}

/// Every key of the format written in a YAML tree, each with the mapping kind `type` says it belongs to
/// (the ids of a `.map`, such as role or log ids, are values, not keys of the format).
private func collectKeys(in node: Node, as type: ValueType, into found: inout [WrittenKey]) {
    switch (type, node) {
    case (.mapping(let spec), .mapping(let mapping)), (.dated(let spec), .mapping(let mapping)):
        for (key, value) in mapping {
            guard let name = key.string, let line = key.mark?.line else { continue }
            found.append(WrittenKey(spec: spec.name, key: name, line: line))
            if let keySpec = spec.keys.first(where: { $0.name == name }) {
                collectKeys(in: value, as: keySpec.type, into: &found)
            }
        }
    case (.list(let item), .sequence(let sequence)), (.nonEmptyList(let item), .sequence(let sequence)):
        for element in sequence { collectKeys(in: element, as: item, into: &found) }
    case (.map(let item), .mapping(let mapping)):
        for (_, value) in mapping { collectKeys(in: value, as: item, into: &found) }
    default:
        break
    }
}

/// The words of a text (runs of letters), for the language checks.
private func words(in text: String) -> Set<String> {
    Set(text.split { !$0.isLetter }.map(String.init))
}

/// The text without a top-level key and the lines indented under it.
private func removingTopLevelKey(_ key: String, from text: String) -> String {
    var kept: [Substring] = [], skipping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("\(key):") {
            skipping = true
            continue
        }
        if skipping, line.hasPrefix(" ") || line.isEmpty { continue }
        skipping = false
        kept.append(line)
    }
    return kept.joined(separator: "\n")
}
