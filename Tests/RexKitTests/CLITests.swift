import Foundation
import Testing

/// The built `rex` binary, next to the test bundle (skipped when it has not been built).
private let rexBinary: URL? = {
    let candidates = [
        Bundle.module.bundleURL.deletingLastPathComponent().appending(path: "rex"),
        repositoryRoot.appending(path: ".build/debug/rex"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

private struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

private func rex(_ arguments: String...) throws -> Run {
    let process = Process()
    guard let binary = rexBinary else { throw CocoaError(.fileNoSuchFile) }
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting, so a large output cannot fill the pipe and block the process.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
               stderr: String(decoding: stderr, as: UTF8.self))
}

@Suite("rex validate", .enabled(if: rexBinary != nil, "build the rex binary first: swift build"))
struct CLITests {
    @Test func theShippedHandbookHasNoErrors() throws {
        let run = try rex("validate", "--root", repositoryRoot.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.lines.last?.hasPrefix("0 errors, ") == true)
    }

    @Test func aValidHandbookExitsZero() throws {
        let handbook = try Sample.handbook([:])
        let run = try rex("validate", "--root", handbook.root.path)
        #expect(run.status == 0)
        #expect(run.lines == ["0 errors, 0 warnings in 1 procedure and 1 incident"])
        #expect(run.stderr == "")
    }

    @Test func errorsArePrintedOneALineAndExitOne() throws {
        let handbook = try Sample.handbook(["procedures/p.yml": "id: p\ntitle: Procédure : reprise\n", "procedures/q.yml": ""])
        let run = try rex("validate", "--root", handbook.root.path)
        #expect(run.status == 1)
        #expect(run.lines == [
            "procedures/p.yml:2:18: error: YAML syntax: mapping values are not allowed in this context [yaml-syntax]",
            "procedures/q.yml:1:1: error: file is empty [empty-file]",
            "2 errors, 0 warnings in 1 procedure and 1 incident",
        ])
    }

    @Test func jsonFormatPrintsOnlyAnArray() throws {
        let handbook = try Sample.handbook(["procedures/q.yml": ""])
        let run = try rex("validate", "--root", handbook.root.path, "--format", "json")
        #expect(run.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any])
        #expect(array.count == 1)
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let overdue = Sample.procedure.replacingOccurrences(of: "owner: Qualité\n", with: "owner: Qualité\nreview_by: 2001-01-01\n")
        let handbook = try Sample.handbook(["procedures/ok.yml": overdue])
        let lenient = try rex("validate", "--root", handbook.root.path)
        #expect(lenient.status == 0)
        #expect(lenient.lines.first?.hasPrefix("procedures/ok.yml:7:12: warning: review of 'ok' was due on 2001-01-01") == true)
        let strict = try rex("validate", "--root", handbook.root.path, "--strict")
        #expect(strict.status == 1)
        #expect(strict.lines.first?.hasPrefix("procedures/ok.yml:7:12: error: review of 'ok' was due on 2001-01-01") == true)
    }

    @Test func aMissingFolderExitsTwo() throws {
        let run = try rex("validate", "--root", "/nonexistent/rex-handbook")
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "rex: error: handbook folder '/nonexistent/rex-handbook' does not exist\n")
    }

    @Test func aFolderThatIsNotAHandbookExitsTwo() throws {
        let empty = TemporaryFolder()
        try FileManager.default.createDirectory(at: empty.url, withIntermediateDirectories: true)
        let run = try rex("validate", "--root", empty.url.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a handbook"))
    }

    @Test func anUnknownOptionExitsTwo() throws {
        let run = try rex("validate", "--bogus")
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unknown option '--bogus'"))
    }

    // MARK: rex draft-incident

    @Test func draftIncidentWritesTheDraftOrNothingWithItsExitCode() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "rex-cli-draft-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: "Tests/fixtures/runner-handbook"), to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let runs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/runs")
        let complete = runs.appending(path: "runner-demo-complete.json").path

        let printed = try rex("draft-incident", complete, "--id", "rex-2026-07", "--out", "-", "--root", root.path)
        #expect(printed.status == 0 && printed.stderr == "")
        #expect(printed.stdout.contains("\nid: rex-2026-07\n") && printed.stdout.contains("followed: [runner-demo]"))

        let written = try rex("draft-incident", complete, "--id", "rex-2026-07", "--root", root.path)
        #expect(written.status == 0)
        #expect(written.lines == ["Wrote incidents/rex-2026-07.yml: a draft REX from 1 run. Complete it, then run 'rex validate'."])
        let validate = try rex("validate", "--root", root.path)
        #expect(validate.lines == ["0 errors, 0 warnings in 1 procedure and 2 incidents"])

        let taken = try rex("draft-incident", complete, "--id", "rex-2026-07", "--root", root.path)
        #expect(taken.status == 2 && taken.stderr.contains("an incident 'rex-2026-07' already exists"))

        let bad = root.appending(path: "bad.json")
        try Data("{\"format\": \"rex-run\",\n \"events\": 3}\n".utf8).write(to: bad)
        let refused = try rex("draft-incident", complete, bad.path, "--id", "rex-2026-08", "--root", root.path)
        #expect(refused.status == 2 && refused.stdout == "")
        #expect(refused.stderr == "\(bad.path):1:1: error: missing 'formatVersion' (a whole number) [run-format]\n"
                + "\(bad.path):1:1: error: missing 'handbook' (text) [run-format]\n"
                + "\(bad.path):1:1: error: missing 'procedure' (text) [run-format]\n"
                + "\(bad.path):1:1: error: missing 'runId' (text) [run-format]\n"
                + "\(bad.path):2:12: error: 'events' must be a list of at least one event, found the number 3 [run-format]\n"
                + "rex: nothing written\n")
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: "incidents/rex-2026-08.yml").path))

        let missingID = try rex("draft-incident", complete, "--root", root.path)
        #expect(missingID.status == 2 && missingID.stderr.contains("Missing expected argument '--id <id>'"))
    }
}

/// `rex build-site` once: it ends the process without freeing the model (`exitKeeping`), so what it printed must
/// still all be there, with the right exit status.
@Suite("rex build-site", .enabled(if: rexBinary != nil, "build the rex binary first: swift build"))
struct BuildSiteCLITests {
    @Test func aBuildPrintsWhatItBuiltAndExitsZero() throws {
        let handbook = try Sample.handbook([:])
        let site = TemporaryFolder()
        let run = try rex("build-site", "--root", handbook.root.path, "--out", site.url.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.lines.first?.hasPrefix("Built 1 procedure with its checklist, 1 incident report, ") == true, "\(run.stdout)")
        #expect(run.lines.last == "Open file://\(site.url.standardizedFileURL.appending(path: "index.html").path)")
        #expect(FileManager.default.fileExists(atPath: site.url.appending(path: "index.html").path))
    }

    @Test func aHandbookWithErrorsPrintsThemWritesNothingAndExitsOne() throws {
        let handbook = try Sample.handbook(["procedures/q.yml": ""])
        let site = TemporaryFolder()
        let run = try rex("build-site", "--root", handbook.root.path, "--out", site.url.path)
        #expect(run.status == 1)
        #expect(run.lines == ["procedures/q.yml:1:1: error: file is empty [empty-file]",
                              "1 error, 0 warnings in 1 procedure and 1 incident"])
        #expect(run.stderr == "rex: site not built: fix the errors above; '\(site.url.path)' was left as it was\n")
        #expect(!FileManager.default.fileExists(atPath: site.url.path))
    }
}
