import ArgumentParser
import Foundation
import RexKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write the JSON Schemas of procedures, incidents and rex.yml, for editors' YAML support.",
        discussion: """
            Writes procedure.schema.json, incident.schema.json and rex.schema.json (JSON Schema 2020-12, \
            generated from the definitions the loader reads with) into schema/ of the handbook, or into \
            --out DIR. Run it again after upgrading rex.
            """)

    @OptionGroup var handbook: HandbookOptions

    @Option(name: .long, help: "The folder to write into (default: schema/ in the handbook).")
    var out: String?

    func run() throws {
        if out == nil { try requireHandbook(at: handbook.rootURL, hint: "use --root DIR, or --out DIR") }
        let folder = out.map { URL(fileURLWithPath: $0) } ?? handbook.rootURL.appending(path: "schema")
        let written: [URL]
        do {
            written = try FormatSchema.write(to: folder)
        } catch {
            throw EnvironmentError("cannot write the schemas to '\(folder.path)': \(error.localizedDescription)")
        }
        for url in written { print(url.standardizedFileURL.path) }
    }
}
