import Foundation
import Testing
@testable import RexKit

/// The catalog (`CatalogText`, what other pages show of a document, `BuildKeys`) is written property by property:
/// these tests hold each writer to its type's stored properties, so that a property added to the model and neither
/// written into the catalog nor listed as a document's own content fails here, instead of leaving other pages stale.
@Suite("The catalog's text")
struct CatalogTextTests {
    private static let handbooks = everyHandbookFolder.map {
        (try? HandbookLoader.load(root: repositoryRoot.appending(path: $0)).handbook)!
    }

    /// The labels of the top-level fields of a catalog text (`label:value,`), skipping values: quoted strings, lists
    /// and records, and times with a colon in them.
    private func labels(_ text: String) -> [String] {
        var labels: [String] = [], current = "", depth = 0, inLabel = true, quoted = false, escaped = false
        for character in text {
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case ":" where inLabel && depth == 0: labels.append(current); current = ""; inLabel = false
            case "," where depth == 0: inLabel = true
            case "\"": quoted = true
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: if inLabel { current.append(character) }
            }
        }
        return labels
    }

    /// The stored properties of a value, but those holding a source location.
    private func properties(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.filter { !($0.value is RexKit.SourceLocation) }.compactMap(\.label))
    }

    private func expectWritten(_ record: some CatalogRecord, leaving own: Set<String> = [], _ name: String) {
        let written = labels(CatalogText.of(record))
        #expect(written.count == Set(written).count, "\(name): a field written twice")
        #expect(Set(written).isDisjoint(with: own), "\(name): its own content written into its catalog")
        let missing = properties(record).subtracting(written).subtracting(own)
        #expect(missing.isEmpty, "\(name): neither in the catalog nor its own content: \(missing.sorted())")
        #expect(Set(written).isSubset(of: properties(record)), "\(name): a field that is no property")
    }

    @Test func everyPropertyIsInTheCatalogOrADocumentsOwnContent() throws {
        let procedure = try #require(Self.handbooks.first?.procedures.first)
        expectWritten(procedure, leaving: BuildKeys.ownProcedureContent, "Procedure")
        let incidents = Self.handbooks.flatMap(\.incidents)
        expectWritten(try #require(incidents.first), leaving: BuildKeys.ownIncidentContent, "Incident")
        expectWritten(try #require(incidents.compactMap(\.severity).first), "SeverityRating")
        let settings = try #require(Self.handbooks.map(\.settings).first { !$0.units.isEmpty })
        expectWritten(settings, "HandbookSettings")
        expectWritten(try #require(settings.units.first), "TreatmentUnit")
        expectWritten(try #require(settings.severityScales.first), "SeverityScale")
        // Written whole: a date and a time by their text, a located value by its value.
        #expect(properties(TestHandbook.today) == ["year", "month", "day"])
        #expect(properties(LocalDateTime(date: TestHandbook.today, hour: 9)) == ["date", "minuteOfDay"])
        #expect(properties(procedure.id) == ["value"])
        // The own-content lists name only properties.
        #expect(BuildKeys.ownProcedureContent.isSubset(of: properties(procedure)))
        #expect(BuildKeys.ownIncidentContent.isSubset(of: properties(try #require(incidents.first))))
    }

    /// A change to what other pages show changes the text; a change of place or of the document's own content does not.
    @Test func theTextChangesWithTheCatalogAlone() throws {
        let incident = try #require(Self.handbooks.flatMap(\.incidents).first { $0.severity != nil })
        let text = CatalogText.of(incident)
        var changed = incident
        changed.severity?.level.value += "+"
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.followed.append(Located("rv-downtime", at: RexKit.SourceLocation(path: "incidents/x.yml", line: 1, column: 1)))
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.detected = nil
        changed.detectedApproximate.toggle()
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.id.location = RexKit.SourceLocation(path: "incidents/elsewhere.yml", line: 40, column: 3)
        changed.synopsis += " Encore."
        changed.actions = []
        #expect(CatalogText.of(changed) == text)

        let procedure = try #require(Self.handbooks.first?.procedures.first)
        var other = procedure
        other.title += "\"),"
        #expect(CatalogText.of(other) != CatalogText.of(procedure))
        #expect(labels(CatalogText.of(other)) == labels(CatalogText.of(procedure)))
        other = procedure
        other.sections = []
        other.versionLocation = RexKit.SourceLocation(path: "procedures/x.yml", line: 99, column: 1)
        #expect(CatalogText.of(other) == CatalogText.of(procedure))
    }
}
