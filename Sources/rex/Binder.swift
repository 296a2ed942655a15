import ArgumentParser
import Foundation
import RexKit

struct Binder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binder",
        abstract: "Print every approved emergency, downtime and restore checklist in one document.")

    @OptionGroup var handbook: HandbookOptions

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let document = try DocumentRequest(root: handbook.rootURL)
        try emit(try document.renderer().binderPage(standalone: true), to: out)
    }
}
