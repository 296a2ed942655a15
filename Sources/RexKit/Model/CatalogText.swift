import Foundation

/// A model value as text, each property written by name, source locations left out: what other documents' pages show
/// of a document — its catalog, which the site's keys digest (`BuildKeys`, leaving a document's own content out) — and
/// `rex.yml`'s settings, which a kept load must have been made under (`HandbookLoader.settingsKey`). Written without
/// reflection (`Mirror` looked up each value's type at run time, about 3 % of a full build). `CatalogTextTests` holds
/// each writer to its type's stored properties, so that a property added to the model fails the tests until it is
/// written here or named as a document's own: a rebuild never renders less than a change needs.
struct CatalogText {
    private(set) var text = ""

    static func of(_ record: some CatalogRecord) -> String {
        var catalog = CatalogText()
        record.writeFields(to: &catalog)
        return catalog.text
    }

    /// `label:value,` — strings quoted and escaped, absent values `nil`, lists in brackets, records in parentheses.
    mutating func field(_ label: String, _ value: some CatalogValue) {
        text += label
        text += ":"
        value.writeCatalog(to: &self)
        text += ","
    }

    fileprivate mutating func append(_ piece: String) {
        text += piece
    }
}

/// A value as the catalog's text writes it.
protocol CatalogValue {
    func writeCatalog(to catalog: inout CatalogText)
}

/// A value written as its fields, in parentheses.
protocol CatalogRecord: CatalogValue {
    func writeFields(to catalog: inout CatalogText)
}

extension CatalogRecord {
    func writeCatalog(to catalog: inout CatalogText) {
        catalog.append("(")
        writeFields(to: &catalog)
        catalog.append(")")
    }
}

extension CatalogValue where Self: RawRepresentable, RawValue == String {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(rawValue) }
}

extension String: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(debugDescription) }
}

extension Int: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(String(self)) }
}

extension Bool: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(self ? "true" : "false") }
}

extension TimeZone: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(identifier) }
}

/// In ISO 8601, as the files write them (`2026-03-14`, `2026-03-14T09:30`): every stored property, one text each.
extension LocalDate: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(description) }
}

extension LocalDateTime: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { catalog.append(description) }
}

/// The value without its location: moving text within a file changes no other page.
extension Located: CatalogValue where Value: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) { value.writeCatalog(to: &catalog) }
}

extension Optional: CatalogValue where Wrapped: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) {
        if let value = self { value.writeCatalog(to: &catalog) } else { catalog.append("nil") }
    }
}

extension Array: CatalogValue where Element: CatalogValue {
    func writeCatalog(to catalog: inout CatalogText) {
        catalog.append("[")
        for element in self {
            element.writeCatalog(to: &catalog)
            catalog.append(",")
        }
        catalog.append("]")
    }
}

extension ProcedureKind: CatalogValue {}
extension DocumentStatus: CatalogValue {}
extension ClosingScope: CatalogValue {}
extension IncidentOrigin: CatalogValue {}
extension EventClass: CatalogValue {}
extension IncidentStatus: CatalogValue {}
extension SeverityRater: CatalogValue {}

extension Procedure: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("id", id)
        catalog.field("title", title)
        catalog.field("kind", kind)
        catalog.field("language", language)
        catalog.field("version", version)
        catalog.field("translationOf", translationOf)
        catalog.field("status", status)
        catalog.field("owner", owner)
        catalog.field("approvedBy", approvedBy)
        catalog.field("effective", effective)
        catalog.field("reviewBy", reviewBy)
        catalog.field("incidents", incidents)
        catalog.field("closing", closing)
    }
}

extension Incident: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("id", id)
        catalog.field("title", title)
        catalog.field("language", language)
        catalog.field("origin", origin)
        catalog.field("source", source)
        catalog.field("eventClass", eventClass)
        catalog.field("occurred", occurred)
        catalog.field("occurredApproximate", occurredApproximate)
        catalog.field("detected", detected)
        catalog.field("detectedApproximate", detectedApproximate)
        catalog.field("patientsAffected", patientsAffected)
        catalog.field("severity", severity)
        catalog.field("status", status)
        catalog.field("followed", followed)
    }
}

extension SeverityRating: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("scale", scale)
        catalog.field("level", level)
        catalog.field("provisional", provisional)
        catalog.field("ratedBy", ratedBy)
        catalog.field("note", note)
    }
}

extension HandbookSettings: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("name", name)
        catalog.field("organisation", organisation)
        catalog.field("language", language)
        catalog.field("timeZone", timeZone)
        catalog.field("severityScales", severityScales)
        catalog.field("units", units)
    }
}

extension SeverityScale: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("id", id)
        catalog.field("title", title)
        catalog.field("levels", levels)
    }
}

extension TreatmentUnit: CatalogRecord {
    func writeFields(to catalog: inout CatalogText) {
        catalog.field("id", id)
        catalog.field("name", name)
    }
}
