import ArgumentParser
import Foundation
import RexKit

extension Reconciliation.Format: ExpressibleByArgument {}

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "The department's verdict over an outage, from every unit's exported run (and the board's export).",
        discussion: """
            Reads exported runs (rex-<procedure>-v<version>-<unit>-<date>.json) and, optionally, the reconciliation \
            board's export (rex-board-…json), checks each against its format and this handbook, and prints the \
            units and their status, the pending rows by patient, the hold list, the counters to check and every \
            override and void. A later export of a run supersedes an earlier one; drills are set apart from a real \
            outage. Exit code 0 when no unit is missing and no row is pending; 1 otherwise; 2 when a file cannot be \
            read or used (each problem printed as path:line:column) or the handbook has errors.
            """)

    @OptionGroup var handbook: HandbookOptions

    @Argument(help: "Exported runs and at most one board export, as many as the units.")
    var files: [String]

    @Option(name: .long, help: "text, json, or html (a printable hold list and closing report).")
    var format: Reconciliation.Format = .text

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let outcome = try Reconciliation.run(root: handbook.rootURL, paths: files, format: format)
        for diagnostic in outcome.diagnostics { printError(diagnostic.description) }
        if let text = outcome.text { try emit(text, to: out) }
        if let refusal = outcome.refusal { printError(refusal) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
