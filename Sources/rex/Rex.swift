import ArgumentParser
import Foundation
import RexKit

/// `rex`: validate a handbook, build its site, print checklists and reports.
@main
struct Rex: ParsableCommand {
    // Every command names itself (`commandName`): without it, ArgumentParser names it by `String(describing:)` of its
    // type, whose dynamic casts scan every protocol conformance in the binary — a fifth of `rex --help`'s time, paid
    // by every run, as each run names every command.
    static let configuration = CommandConfiguration(
        commandName: "rex",
        abstract: "Downtime checklists, an offline step-by-step site and incident reports from a REX handbook.",
        subcommands: [Validate.self, BuildSite.self, Checklist.self, Report.self, Binder.self, New.self, Init.self,
                      Schema.self, Words.self, DraftIncident.self, Reconcile.self]
    )

    /// Exit codes: 0 success, 1 the handbook has errors, 2 usage or environment problems.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as EnvironmentError {
            printError("rex: error: \(error)")
            Foundation.exit(2)
        } catch let error as TemplateError {
            printError("\(error)")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            printError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

/// Where the handbook is.
struct HandbookOptions: ParsableArguments {
    @Option(name: .long, help: "The handbook folder (default: the current folder).")
    var root: String = "."

    var rootURL: URL { URL(fileURLWithPath: root) }
}

/// Ends the process at once, without freeing `kept`: a large handbook's model is freed value by value, which took
/// longer than printing the result (14 ms of `rex validate`, 35 ms of a one-procedure rebuild, at 3 000 documents).
func exitKeeping(_ kept: some Any, code: Int32) -> Never {
    withExtendedLifetime(kept) { exit(code) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes to a file, or to standard output when no file is given.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw EnvironmentError("cannot write '\(path)': \(error.localizedDescription)")
    }
}
