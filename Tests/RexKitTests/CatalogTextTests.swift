import Foundation
import Testing
@testable import RexKit

/// The catalog (`CatalogText`, what other pages show of a document, `BuildKeys`) is written property by property:
/// these tests hold each writer to its type's stored properties, so that a property added to the model and neither
/// written into the catalog nor listed as a document's own content fails here, instead of leaving other pages stale.
@Suite("The catalog's text")
struct CatalogTextTests {
    private func handbooks() throws -> [Handbook] {
        try everyHandbookFolder.map { try HandbookLoader.load(root: repositoryRoot.appending(path: $0)).handbook }
    }

    /// The top-level fields of a catalog text (`label:value,`), in order: a value runs to the next comma outside
    /// quoted strings, lists and records (a time's colon is inside a value).
    private func fields(_ text: String) -> [(label: String, value: String)] {
        var fields: [(label: String, value: String)] = []
        var label = "", value = "", depth = 0, inLabel = true, quoted = false, escaped = false
        for character in text {
            if inLabel {
                if character == ":" { inLabel = false } else { label.append(character) }
                continue
            }
            if character == "," && depth == 0 && !quoted {
                fields.append((label, value))
                (label, value, inLabel) = ("", "", true)
                continue
            }
            value.append(character)
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case "\"": quoted = true
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: break
            }
        }
        return fields
    }

    /// A value's text as the catalog writes it.
    private func text(of value: some CatalogValue) -> String {
        var catalog = CatalogText()
        value.writeCatalog(to: &catalog)
        return catalog.text
    }

    /// A record's fields: one for each stored property but its own content and locations, each once, holding that
    /// property's value (a field written with another property's value fails too).
    private func expectWritten(_ record: some CatalogRecord, leaving own: Set<String>, _ path: String) {
        let written = fields(CatalogText.of(record))
        let labels = written.map(\.label)
        #expect(labels.count == Set(labels).count, "\(path): a field written twice")
        var properties: Set<String> = []
        for child in Mirror(reflecting: record).children where !(child.value is RexKit.SourceLocation) {
            guard let label = child.label, !own.contains(label) else { continue }
            properties.insert(label)
            guard let field = written.first(where: { $0.label == label }) else {
                Issue.record("\(path).\(label): neither in the catalog nor its own content")
                continue
            }
            guard let value = child.value as? any CatalogValue else {
                Issue.record("\(path).\(label): a type the catalog cannot write")
                continue
            }
            #expect(field.value == text(of: value), "\(path).\(label): written with another value")
        }
        #expect(Set(labels).isSubset(of: properties), "\(path): a field that is no property, or its own content")
    }

    /// Every record reached from `value` through its stored properties — its own content and locations left out —
    /// is written field by field (`expectWritten`); any other value with fields is one the catalog writes whole.
    private func expectCatalogued(_ value: Any, leaving own: Set<String> = [], _ path: String) {
        if value is RexKit.SourceLocation { return }
        let record = value as? any CatalogRecord
        if let record { expectWritten(record, leaving: own, path) }
        if value is LocalDate || value is LocalDateTime || value is TimeZone { return }  // written whole: below
        let mirror = Mirror(reflecting: value)
        let isContainer = [.optional, .collection].contains(mirror.displayStyle) || value is any LocatedValue
        if !mirror.children.isEmpty && record == nil && !isContainer {
            Issue.record("\(path): \(type(of: value)) has fields, but is neither a CatalogRecord nor written whole")
            return
        }
        for (index, child) in mirror.children.enumerated() where !(child.label.map(own.contains) ?? false) {
            expectCatalogued(child.value, "\(path).\(child.label ?? String(index))")
        }
    }


    @Test func everyPropertyIsInTheCatalogOrADocumentsOwnContent() throws {
        let handbooks = try handbooks()
        let procedures = handbooks.flatMap(\.procedures), incidents = handbooks.flatMap(\.incidents)
        // Every document of the test handbooks, so that optional properties are met set as well as absent.
        for procedure in procedures {
            expectCatalogued(procedure, leaving: BuildKeys.ownProcedureContent, "Procedure \(procedure.id.value)")
        }
        for incident in incidents {
            expectCatalogued(incident, leaving: BuildKeys.ownIncidentContent, "Incident \(incident.id.value)")
        }
        for settings in handbooks.map(\.settings) { expectCatalogued(settings, "HandbookSettings") }
        #expect(incidents.contains { $0.severity != nil } && handbooks.contains { !$0.settings.units.isEmpty })
        // Written whole: a date and a time by their text, a located value by its value.
        #expect(Set(Mirror(reflecting: TestHandbook.today).children.compactMap(\.label)) == ["year", "month", "day"])
        #expect(Set(Mirror(reflecting: LocalDateTime(date: TestHandbook.today, hour: 9)).children.compactMap(\.label))
                == ["date", "minuteOfDay"])
        let procedure = try #require(procedures.first)
        #expect(Set(Mirror(reflecting: procedure.id).children.compactMap(\.label)) == ["value", "location"])
        // The own-content lists name only properties.
        let names = { (value: Any) in Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        #expect(BuildKeys.ownProcedureContent.isSubset(of: names(procedure)))
        #expect(BuildKeys.ownIncidentContent.isSubset(of: names(try #require(incidents.first))))
    }

    /// A change to what other pages show changes the text; a change of place or of the document's own content does not.
    @Test func theTextChangesWithTheCatalogAlone() throws {
        let handbooks = try handbooks()
        let incident = try #require(handbooks.flatMap(\.incidents).first { $0.severity != nil && $0.detected != nil })
        let text = CatalogText.of(incident)
        var changed = incident
        changed.severity?.level.value += "+"
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.followed.append(Located("rv-downtime", at: RexKit.SourceLocation(path: "incidents/x.yml", line: 1, column: 1)))
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.detected = nil
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.detectedApproximate.toggle()
        #expect(CatalogText.of(changed) != text)
        changed = incident
        changed.id.location = RexKit.SourceLocation(path: "incidents/elsewhere.yml", line: 40, column: 3)
        changed.synopsis += " Encore."
        changed.actions = []
        #expect(CatalogText.of(changed) == text)

        let procedure = try #require(handbooks.first?.procedures.first)
        var other = procedure
        other.title += "\"),"
        #expect(CatalogText.of(other) != CatalogText.of(procedure))
        #expect(fields(CatalogText.of(other)).map(\.label) == fields(CatalogText.of(procedure)).map(\.label))
        other = procedure
        other.sections = []
        other.versionLocation = RexKit.SourceLocation(path: "procedures/x.yml", line: 99, column: 1)
        #expect(CatalogText.of(other) == CatalogText.of(procedure))
    }
}

/// Any `Located` value, whatever it holds: written as its value (its location left out).
private protocol LocatedValue {}
extension Located: LocatedValue {}
