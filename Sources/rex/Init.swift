import ArgumentParser
import Foundation
import RexKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new handbook that validates and builds at once.",
        discussion: """
            Writes rex.yml, an example procedure and an example REX record (every key, commented, citing \
            each other), the built-in templates to customise, the JSON Schemas in schema/, VS Code settings \
            that associate them, and a .gitignore. The comments and examples are in the handbook's language \
            (--language, French by default), which rex.yml names and 'rex new' then writes in. DIR must be \
            new or empty (exit code 2 otherwise).
            """)

    @Argument(help: "The folder of the new handbook (created if needed; must be empty).")
    var directory: String

    // Language is ExpressibleByArgument (Words.swift): any other value is a usage error listing fr, nl, en.
    @Option(help: "The handbook's language: its rex.yml, examples, comments and pages.")
    var language: Language = .fr

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let today = LocalDate.today(in: HandbookSettings.defaults.timeZone)
        let written = try HandbookScaffold.create(at: folder, today: today, language: language)
        print("Created a handbook in \(folder.standardizedFileURL.path) (\(written.count) files):")
        for path in written where !path.hasPrefix("templates/") { print("  \(path)") }
        print("  templates/ (the built-in templates, to customise; delete those you keep as they are)")
        print("Next: cd \(directory) && rex validate && rex build-site")
        print("Editing in VS Code: open the folder with the YAML extension (redhat.vscode-yaml) installed for "
              + "completion and inline errors.")
    }
}
