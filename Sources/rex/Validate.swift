import ArgumentParser
import Foundation
import RexKit

/// How `rex validate` prints what it found.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    /// One `path:line:column: severity: message [rule-id]` line per problem, then a summary line.
    case text
    /// Only a JSON array of problems on standard output, for editors and CI.
    case json
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every file of the handbook and print each problem as path:line:column.",
        discussion: """
            Exit code 0 when the handbook has no errors, 1 when it has, 2 on a usage or environment \
            problem. With --strict, warnings count as errors: they are printed as 'error:' and make \
            the exit code 1, so a handbook's CI can refuse them.
            """)

    @OptionGroup var handbook: HandbookOptions

    @Option(name: .long, help: "text (one line per problem and a summary) or json (an array, nothing else).")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors: print them as 'error:' and exit 1 (for a handbook's CI).")
    var strict = false

    func run() throws {
        let result = try HandbookLoader.load(root: handbook.rootURL, digests: false).checked()
        let diagnostics = strict ? result.diagnostics.treatingWarningsAsErrors() : result.diagnostics
        switch format {
        case .text:
            printDiagnostics(diagnostics)
            print(summary(diagnostics, procedures: result.handbook.procedures.count,
                          incidents: result.handbook.incidents.count))
        case .json:
            print(diagnostics.jsonText())
        }
        exitKeeping(result, code: diagnostics.errorCount > 0 ? 1 : 0)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { print(diagnostic) }
}

/// "1 procedure", "3 procedures".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

func summary(_ diagnostics: [Diagnostic], procedures: Int, incidents: Int) -> String {
    "\(counted(diagnostics.errorCount, "error")), \(counted(diagnostics.warningCount, "warning")) in "
        + "\(counted(procedures, "procedure")) and \(counted(incidents, "incident"))"
}
