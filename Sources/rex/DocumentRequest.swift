import ArgumentParser
import Foundation
import RexKit

/// Loads and validates the handbook for a one-document command; refuses to print from a handbook with errors.
struct DocumentRequest {
    let loaded: LoadResult

    init(root: URL) throws {
        loaded = try HandbookLoader.load(root: root).checked()
        if loaded.hasErrors {
            for diagnostic in loaded.diagnostics { printError(diagnostic.description) }
            printError("rex: the handbook has errors; nothing printed")
            throw ExitCode(1)
        }
    }

    func renderer() throws -> PageRenderer {
        let handbook = loaded.handbook
        let templates = try TemplateSet.load(handbookTemplates: handbook.root.appending(path: "templates"),
                                             language: handbook.settings.language)
        return PageRenderer(handbook: handbook, templates: templates,
                            today: LocalDate.today(in: handbook.settings.timeZone))
    }

    func unknown(_ kind: String, _ id: String, among ids: [String]) -> EnvironmentError {
        let known = ids.isEmpty ? "none" : ids.joined(separator: ", ")
        return EnvironmentError("no \(kind) '\(id)' in this handbook (known: \(known))")
    }
}
