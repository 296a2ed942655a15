import ArgumentParser
import Foundation
import RexKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every file of the handbook and print each problem as path:line:column.")

    @OptionGroup var handbook: HandbookOptions

    func run() throws {
        let result = try HandbookLoader.load(root: handbook.rootURL)
        printDiagnostics(result.diagnostics)
        print(summary(result.diagnostics, handbook: result.handbook))
        if result.hasErrors { throw ExitCode(1) }
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { print(diagnostic) }
}

func summary(_ diagnostics: [Diagnostic], handbook: Handbook) -> String {
    let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
    let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    return "\(counts) in \(handbook.procedures.count) procedure\(handbook.procedures.count == 1 ? "" : "s") "
        + "and \(handbook.incidents.count) incident\(handbook.incidents.count == 1 ? "" : "s")"
}
