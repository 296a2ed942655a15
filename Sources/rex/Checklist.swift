import ArgumentParser
import Foundation
import RexKit

/// Output format of a single document.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case html, markdown
}

struct Checklist: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print one procedure's downtime checklist.")

    @OptionGroup var handbook: HandbookOptions

    @Argument(help: "The procedure id.")
    var id: String

    @Option(name: .long, help: "html (a standalone printable A4 page) or markdown (a CommonMark checklist).")
    var format: DocumentFormat = .html

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let document = try DocumentRequest(root: handbook.rootURL)
        guard let procedure = document.loaded.handbook.procedure(id) else {
            throw document.unknown("procedure", id, among: document.loaded.handbook.procedures.map(\.id.value))
        }
        let text = switch format {
        case .html: try document.renderer().checklistPage(procedure, standalone: true)
        case .markdown: ChecklistMarkdown(procedure: procedure, handbook: document.loaded.handbook).render()
        }
        try emit(text, to: out)
    }
}
