import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rex draft-incident RUN.json… --id ID [--out FILE]`: loads and checks the handbook, reads and checks the runs,
/// writes the draft REX, then reads the draft back as the handbook would and refuses to write it unless it
/// validates. Nothing is written when anything is wrong, and an existing file is never replaced.
public enum IncidentDrafting {
    /// What happened, for the command to print and to exit with.
    public struct Outcome: Sendable {
        /// Problems to print (the handbook's, the runs', or the draft's own), sorted.
        public var diagnostics: [Diagnostic]
        /// 0 written, 1 the handbook has errors, 2 the runs or the draft could not be used.
        public var exitCode: Int32
        /// The file written (relative to the current folder), or the draft itself when `--out -`.
        public var written: String?
        public var text: String?
    }

    public static func run(root: URL, runPaths: [String], id: String, out: String?, today: LocalDate? = nil) throws -> Outcome {
        guard Identifier.isValidDocumentID(id) else {
            throw EnvironmentError("'\(id)' is not a valid id: use lower-case letters, digits and '-' (e.g. 'rex-2026-07')")
        }
        let loaded = try HandbookLoader.load(root: root).checked(today: today)
        if loaded.hasErrors { return Outcome(diagnostics: loaded.diagnostics, exitCode: 1) }
        let handbook = loaded.handbook
        if handbook.incident(id) != nil {
            throw EnvironmentError("an incident '\(id)' already exists (incidents/\(id).yml); choose another id")
        }
        let read = RunFileReader.read(runPaths)
        let matched = RunMatching.match(read.runs, to: handbook)
        let problems = read.diagnostics + matched.diagnostics
        if !problems.isEmpty { return Outcome(diagnostics: problems.sortedForOutput(), exitCode: 2) }

        let day = today ?? LocalDate.today(in: handbook.settings.timeZone)
        let text = IncidentDraft(id: id, runs: matched.runs, handbook: handbook, today: day,
                                 files: runPaths.map { URL(fileURLWithPath: $0).lastPathComponent }).text()
        let own = validate(text, id: id, handbook: handbook, today: day)
        if !own.isEmpty { return Outcome(diagnostics: own, exitCode: 2) }
        if out == "-" { return Outcome(diagnostics: [], exitCode: 0, text: text) }
        let target = out.map { URL(fileURLWithPath: $0) } ?? handbook.root.appending(path: "incidents/\(id).yml")
        try writeNew(text, to: target)
        return Outcome(diagnostics: [], exitCode: 0, written: out ?? "incidents/\(id).yml")
    }

    /// The draft read back as `incidents/ID.yml` of this handbook, with every check: its problems, if any.
    static func validate(_ text: String, id: String, handbook: Handbook, today: LocalDate) -> [Diagnostic] {
        let file = SourceFile(path: "incidents/\(id).yml")
        var incidents = handbook.incidents
        let data = Data(text.utf8)
        if let node = YAMLReading.compose(data, file: file),
           let incident = IncidentLoader(file: file, settings: handbook.settings)
               .load(node, fileID: id, source: SourceDigest(of: data)) {
            incidents.append(incident)
        }
        let whole = Handbook(root: handbook.root, settings: handbook.settings, procedures: handbook.procedures,
                             incidents: incidents)
        let checks = HandbookChecks.run(on: whole, today: today).filter { $0.location.path == file.path }
        return (file.diagnostics + checks).sortedForOutput()
    }

    /// Writes a new file whole or not at all: a temporary file beside it, then a hard link that fails if the name
    /// is taken (so an existing file, even one created meanwhile, is never replaced).
    static func writeNew(_ text: String, to target: URL) throws {
        let folder = target.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: target.path) {
            throw EnvironmentError("'\(target.path)' already exists; nothing written (choose another --out or id)")
        }
        let temporary = folder.appending(path: ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw EnvironmentError("cannot write '\(target.path)': \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        guard link(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw EnvironmentError("cannot write '\(target.path)': \(reason); nothing written")
        }
    }
}
