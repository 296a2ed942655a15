import ArgumentParser
import Foundation
import RexKit

/// What `rex new` creates.
enum DocumentKind: String, ExpressibleByArgument, CaseIterable {
    case procedure, incident

    var folder: String { self == .procedure ? "procedures" : "incidents" }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new procedure or REX record with every key present and commented.",
        discussion: """
            Writes procedures/ID.yml or incidents/ID.yml in the handbook: a draft that validates as \
            written, every possible key with a comment, in the language rex.yml names (French when it names \
            none). Refuses an invalid id or an existing file (exit code 2).
            """)

    @OptionGroup var handbook: HandbookOptions

    @Argument(help: "What to create.")
    var kind: DocumentKind

    @Argument(help: "The id: lower-case letters, digits and '-' (it becomes the file name).")
    var id: String

    func run() throws {
        guard Identifier.isValidDocumentID(id) else {
            throw EnvironmentError("'\(id)' is not a valid id: use lower-case letters, digits and '-', "
                                   + "starting with a letter or digit (e.g. 'panne-reseau')")
        }
        let root = handbook.rootURL
        try requireHandbook(at: root)
        let today = LocalDate.today(in: HandbookSettings.defaults.timeZone)
        let language = HandbookScaffold.language(ofHandbookAt: root)
        let text = switch kind {
        case .procedure: ProcedureScaffold.text(id: id, today: today, language: language)
        case .incident: IncidentScaffold.text(id: id, today: today, language: language)
        }
        let relative = "\(kind.folder)/\(id).yml"
        let url = root.appending(path: relative)
        if FileManager.default.fileExists(atPath: url.path) {
            throw EnvironmentError("'\(relative)' already exists; choose another id or edit that file")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw EnvironmentError("cannot write '\(relative)': \(error.localizedDescription)")
        }
        print("Created \(relative): a draft with every key, commented. Edit it, then run 'rex validate'.")
    }
}

/// Refuses a folder that is not a handbook (no rex.yml, procedures/ or incidents/), so that a command run
/// in the wrong folder writes nothing there.
func requireHandbook(at root: URL, hint: String = "use --root DIR, or create one with 'rex init DIR'") throws {
    let isHandbook = ["rex.yml", "procedures", "incidents"].contains {
        FileManager.default.fileExists(atPath: root.appending(path: $0).path)
    }
    guard isHandbook else {
        throw EnvironmentError("'\(root.standardizedFileURL.path)' is not a handbook: it has no rex.yml, procedures/ "
                               + "or incidents/ (\(hint))")
    }
}
