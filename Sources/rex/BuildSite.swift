import ArgumentParser
import Foundation
import RexKit

struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Validate, then write the whole offline site; on errors the previous site is left untouched.")

    @OptionGroup var handbook: HandbookOptions

    @Option(name: .long, help: "The output folder (default: site/ in the handbook).")
    var out: String?

    func run() throws {
        let output = out.map { URL(fileURLWithPath: $0) } ?? handbook.rootURL.appending(path: "site")
        let report = try SiteBuilder.build(root: handbook.rootURL, output: output)
        printDiagnostics(report.diagnostics)
        guard let files = report.files else {
            print(summary(report.diagnostics, handbook: report.handbook))
            printError("rex: site not built: fix the errors above; '\(output.path)' was left as it was")
            throw ExitCode(1)
        }
        let handbook = report.handbook
        print("Built \(handbook.procedures.count) procedures, \(handbook.procedures.count) checklists and "
              + "\(handbook.incidents.count) incident reports (\(files.count) files) in \(output.path)")
        print("Open file://\(output.standardizedFileURL.appending(path: "index.html").path)")
    }
}
