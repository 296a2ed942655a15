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
}
