import Crypto
import Foundation

/// A problem with the environment rather than the handbook (exit code 2).
public struct EnvironmentError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

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
    public static func load(root: URL, reader: YAMLReader = .onePass) throws -> LoadResult {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
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

        var diagnostics: [Diagnostic] = []
        var settings = HandbookSettings.defaults
        if FileManager.default.fileExists(atPath: settingsURL.path) {
            let file = SourceFile(path: "rex.yml")
            if let data = read(settingsURL, root: root, file: file),
               let node = YAMLReading.compose(data, file: file, reader: reader) {
                settings = SettingsLoader(file: file).load(node)
            }
            diagnostics += file.diagnostics
        }

        let procedureFiles = listFiles(in: "procedures", root: root, diagnostics: &diagnostics)
        let incidentFiles = listFiles(in: "incidents", root: root, diagnostics: &diagnostics)
        let frozenSettings = settings
        let procedures = parallelMap(procedureFiles) { url in
            loadFile(url, root: root, reader: reader) { file, node, id, revision in
                ProcedureLoader(file: file, settings: frozenSettings).load(node, fileID: id, revision: revision)
            }
        }
        let incidents = parallelMap(incidentFiles) { url in
            loadFile(url, root: root, reader: reader) { file, node, id, revision in
                IncidentLoader(file: file, settings: frozenSettings).load(node, fileID: id, revision: revision)
            }
        }
        diagnostics += procedures.flatMap(\.diagnostics) + incidents.flatMap(\.diagnostics)

        let handbook = Handbook(root: root, settings: settings, procedures: procedures.compactMap(\.value),
                                incidents: incidents.compactMap(\.value))
        return LoadResult(handbook: handbook, diagnostics: diagnostics.sortedForOutput())
    }

    /// The `*.yml` files of a folder, sorted; other files there are reported, not silently skipped.
    private static func listFiles(in folder: String, root: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        let directory = root.appending(path: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            diagnostics.append(Diagnostic(.error, "'\(folder)' must be a folder of .yml files",
                                          at: SourceLocation(path: folder, line: 1, column: 1), rule: "unreadable"))
            return []
        }
        var files: [URL] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            if name.hasSuffix(".yml") {
                files.append(directory.appending(path: name))
            } else {
                diagnostics.append(Diagnostic(.warning, "ignored: only '.yml' files are read in \(folder)/",
                                              at: SourceLocation(path: "\(folder)/\(name)", line: 1, column: 1),
                                              rule: "ignored-file"))
            }
        }
        return files
    }

    private static func loadFile<T>(_ url: URL, root: URL, reader: YAMLReader,
                                    _ build: (SourceFile, YAMLNode, String, String) -> T?) -> (value: T?, diagnostics: [Diagnostic]) {
        let relative = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        let file = SourceFile(path: relative)
        let fileID = String(url.lastPathComponent.dropLast(4))
        guard isValidIdentifier(fileID) else {
            file.error("file name '\(url.lastPathComponent)' is not a valid id: use lower-case letters, digits and '-'",
                       at: file.location(nil), rule: "invalid-id")
            return (nil, file.diagnostics)
        }
        guard let data = read(url, root: root, file: file),
              let node = YAMLReading.compose(data, file: file, reader: reader) else {
            return (nil, file.diagnostics)
        }
        let value = build(file, node, fileID, revisionCode(of: data))
        return (value, file.diagnostics)
    }

    /// The bytes of a regular file inside the handbook; links leading outside it are not followed.
    private static func read(_ url: URL, root: URL, file: SourceFile) -> Data? {
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.path + "/") else {
            file.error("symbolic link to '\(resolved.path)' leads outside the handbook; not followed",
                       at: file.location(nil), rule: "link-outside")
            return nil
        }
        switch BoundedFileReader.read(resolved.path) {
        case .success(let data):
            return data
        case .failure(let problem):
            file.error(problem.message, at: file.location(nil), rule: problem.rule)
            return nil
        }
    }

    /// Eight hex digits of the SHA-256 of the file's bytes (line endings normalised): the same text gives the same code.
    /// A file without a carriage return (nearly every one) is hashed as it is; one with them goes through the
    /// text, as it always has, so that no code printed on paper changes.
    static func revisionCode(of data: Data) -> String {
        let normalised = data.contains(0x0D)
            ? Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8) : data
        let digits = Array("0123456789abcdef".utf8)
        var code: [UInt8] = []
        for byte in SHA256.hash(data: normalised).prefix(4) {
            code += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
        return String(decoding: code, as: UTF8.self)
    }
}

/// Maps on all cores, keeping the order of the input.
func parallelMap<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
    let results = ResultSlots<Output>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, transform(items[index]))
    }
    return results.values
}

/// Write-once slots filled from several threads; each index is written by exactly one iteration.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
