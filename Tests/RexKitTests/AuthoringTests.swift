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

    @Test("a new handbook validates without a warning and builds at once")
    func initValidatesAndBuilds() throws {
        let folder = try AuthoringFolder()
        let written = try HandbookScaffold.create(at: folder.url.appending(path: "manuel"), today: Self.today)
        let root = folder.url.appending(path: "manuel")
        #expect(written.contains("rex.yml") && written.contains(".gitignore") && written.contains(".vscode/settings.json"))
        #expect(written.contains("schema/procedure.schema.json") && written.contains("templates/procedure.mustache"))
        let loaded = try HandbookLoader.load(root: root, today: Self.today)
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.handbook.procedures.map(\.id.value) == [HandbookScaffold.exampleProcedureID])
        #expect(loaded.handbook.incidents.map(\.id.value) == [HandbookScaffold.exampleIncidentID])
        let report = try SiteBuilder.build(root: root, output: root.appending(path: "site"), today: Self.today)
        #expect(report.files != nil)
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "site/index.html").path))
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

    @Test("a new procedure and a new incident validate as written, without a warning")
    func newValidates() throws {
        let folder = try AuthoringFolder()
        try write("name: Test\n", to: folder.url.appending(path: "rex.yml"))
        try write(ProcedureScaffold.text(id: "panne-reseau", today: Self.today),
                  to: folder.url.appending(path: "procedures/panne-reseau.yml"))
        try write(IncidentScaffold.text(id: "rex-2026-01", today: Self.today),
                  to: folder.url.appending(path: "incidents/rex-2026-01.yml"))
        let loaded = try HandbookLoader.load(root: folder.url, today: Self.today)
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.handbook.procedures.first?.status.value == .draft)
        #expect(loaded.handbook.incidents.first?.status.value == .draft)
    }

    @Test("a scaffold holds every key of its format, each explained by a comment",
          arguments: [("procedure", FormatSpec.procedure), ("incident", FormatSpec.incident),
                      ("settings", FormatSpec.settings)])
    func scaffoldHasEveryKey(_ name: String, _ spec: MappingSpec) throws {
        let text = switch name {
        case "procedure": ProcedureScaffold.text(id: "p", today: Self.today)
        case "incident": IncidentScaffold.text(id: "i", today: Self.today)
        default: HandbookScaffold.settings
        }
        let written = try keys(in: try #require(try Yams.compose(yaml: text, .basic)))
        let lines = text.split(separator: "\n")
        for key in allKeys(of: spec) {
            #expect(written.contains(key), "'\(key)' is missing from the \(name) scaffold")
            let commented = lines.contains { $0.contains("\(key):") && $0.contains("  # ") }
            #expect(commented, "no comment explains '\(key)' in the \(name) scaffold")
        }
    }

    @Test("the loader reports a missing key exactly when the spec says it is required",
          arguments: [("procedure", FormatSpec.procedure), ("incident", FormatSpec.incident)])
    func requiredMatchesLoader(_ kind: String, _ spec: MappingSpec) throws {
        let text = kind == "procedure" ? ProcedureScaffold.text(id: "d", today: Self.today)
                                       : IncidentScaffold.text(id: "d", today: Self.today)
        let singleKind: SingleFileLoader.Kind = kind == "procedure" ? .procedure : .incident
        for key in spec.keys {
            let without = removingTopLevelKey(key.name, from: text)
            let result = SingleFileLoader.load(Data(without.utf8), as: singleKind, id: "d", today: Self.today)
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

        let file = root.appending(path: "procedures/\(HandbookScaffold.exampleProcedureID).yml")
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

private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = authoringRex
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
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

private func allKeys(of spec: MappingSpec) -> Set<String> {
    Set(allSpecs(from: spec).flatMap(\.keyNames))
}

/// Every mapping key written anywhere in a YAML tree.
private func keys(in node: Node) throws -> Set<String> {
    switch node {
    case .mapping(let mapping):
        var found = Set<String>()
        for (key, value) in mapping {
            if let name = key.string { found.insert(name) }
            found.formUnion(try keys(in: value))
        }
        return found
    case .sequence(let sequence):
        return try sequence.reduce(into: Set<String>()) { $0.formUnion(try keys(in: $1)) }
    default:
        return []
    }
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
