import ArgumentParser
import RexKit

extension Language: ExpressibleByArgument {}

struct Words: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Print every fixed word Rex shows in one language, as JSON.",
        discussion: """
            Pages, printed checklists, the binder, reports, search and the step runner take every fixed word \
            from one table per language (fr, nl, en). This prints one table: compare two languages to review \
            a translation.
            """)

    @Option(name: .long, help: "fr, nl or en.")
    var language: Language = .fr

    func run() throws {
        print(Wording.json(language))
    }
}
