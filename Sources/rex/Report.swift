import ArgumentParser
import Foundation
import RexKit

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print one REX incident report.")

    @OptionGroup var handbook: HandbookOptions

    @Argument(help: "The incident id.")
    var id: String

    @Option(name: .long, help: "html (a standalone printable page) or markdown.")
    var format: DocumentFormat = .html

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let document = try DocumentRequest(root: handbook.rootURL)
        guard let incident = document.loaded.handbook.incident(id) else {
            throw document.unknown("incident", id, among: document.loaded.handbook.incidents.map(\.id.value))
        }
        let text = switch format {
        case .html: try document.renderer().reportPage(incident)
        case .markdown: ReportMarkdown(incident: incident, handbook: document.loaded.handbook).render()
        }
        try emit(text, to: out)
    }
}
