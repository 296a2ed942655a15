import ArgumentParser
import Foundation
import RexKit

struct DraftIncident: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft-incident",
        abstract: "Write a draft REX record from the runs the step runner exported.",
        discussion: """
            Reads the exported runs (JSON), checks each against the run format and this handbook, and writes \
            incidents/ID.yml (or --out FILE; '-' prints it): origin internal, status draft, the procedures \
            followed, the units, a timeline of what the runs recorded and the rows counted per unit. The narrative, \
            analysis, causes and actions are left for the QA officer. The draft validates as written. Exit code 0 \
            when written; 1 when the handbook has errors; 2 when a run file cannot be used (each problem printed \
            as path:line:column), the id is taken or the file cannot be written. Nothing is written on any error.
            """)

    @OptionGroup var handbook: HandbookOptions

    @Argument(help: "The exported runs (rex-<procedure>-v<version>-<date>.json), one or more.")
    var runs: [String]

    @Option(name: .long, help: "The new REX's id (it becomes incidents/ID.yml).")
    var id: String

    @Option(name: .long, help: "Write the draft to this file instead of incidents/ID.yml ('-': standard output).")
    var out: String?

    func run() throws {
        let outcome = try IncidentDrafting.run(root: handbook.rootURL, runPaths: runs, id: id, out: out)
        for diagnostic in outcome.diagnostics { printError(diagnostic.description) }
        switch outcome.exitCode {
        case 0:
            if let text = outcome.text { print(text, terminator: "") }
            if let written = outcome.written {
                print("Wrote \(written): a draft REX from \(counted(runs.count, "run")). Complete it, then run 'rex validate'.")
            }
        case 1:
            printError("rex: the handbook has errors; nothing written")
        default:
            printError("rex: nothing written")
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
