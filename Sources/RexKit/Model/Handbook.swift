import Foundation

/// A severity scale: the built-in ASN-SFRO scale or one declared in `rex.yml`.
public struct SeverityScale: Sendable, Hashable {
    public var id: String
    public var title: String
    public var levels: [String]

    /// ASN-SFRO scale for radiotherapy events, 0–7, with "+" when several patients are affected.
    public static let asnSfro = SeverityScale(
        id: "asn-sfro", title: "ASN-SFRO",
        levels: ["0", "1", "2", "2+", "3", "3+", "4", "4+", "5", "6", "7"])
}

/// A treatment unit of the department (`units` in `rex.yml`): during an R&V outage each unit's team keeps its
/// own run of the downtime procedure, and the department closes only when every unit is accounted for.
public struct TreatmentUnit: Sendable, Hashable {
    /// `[a-z0-9-]`, unique in the handbook: recorded on every run (`linac-1`).
    public var id: Located<String>
    /// As people say it (`TrueBeam 1`).
    public var name: String

    public init(id: Located<String>, name: String) {
        self.id = id
        self.name = name
    }
}

/// `rex.yml`: what the whole handbook shares.
public struct HandbookSettings: Sendable, Hashable {
    public var name: String
    public var organisation: String?
    public var language: String
    public var timeZone: TimeZone
    /// Built-in scales plus those declared in `rex.yml`.
    public var severityScales: [SeverityScale]
    /// The department's treatment units, in the order written; none when `rex.yml` declares none.
    public var units: [TreatmentUnit] = []

    public static let defaults = HandbookSettings(
        name: "Rex handbook", organisation: nil, language: "fr",
        timeZone: TimeZone(identifier: "Europe/Brussels")!, severityScales: [.asnSfro])

    /// A short, file-name-safe key that namespaces the runner's browser storage: the handbook's name
    /// without accents, case or punctuation ("Manuel de continuité — RT" → "manuel-de-continuite-rt").
    /// Renaming the handbook therefore starts a new namespace: runs stored under the old name stay
    /// in the browser but are no longer shown — export them first.
    public var storageKey: String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = folded.unicodeScalars.split { !($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
        let key = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
        return key.isEmpty ? "rex" : key
    }
}

/// Everything loaded from a handbook folder.
public struct Handbook: Sendable {
    public var root: URL
    public var settings: HandbookSettings
    public var procedures: [Procedure]
    public var incidents: [Incident]

    public init(root: URL, settings: HandbookSettings, procedures: [Procedure], incidents: [Incident]) {
        self.root = root
        self.settings = settings
        self.procedures = procedures.sorted { $0.id.value < $1.id.value }
        self.incidents = incidents.sorted { $0.id.value < $1.id.value }
    }

    public func procedure(_ id: String) -> Procedure? { procedures.first { $0.id.value == id } }

    /// Every language version of a procedure — its original (`translation_of`) and the original's translations —
    /// in the order fr, nl, en; a procedure nobody translates has only itself.
    public func languageVersions(of procedure: Procedure) -> [Procedure] {
        let original = procedure.translationOf?.value ?? procedure.id.value
        let versions = procedures.filter { $0.id.value == original || $0.translationOf?.value == original }
        let order = Language.allCases.map(\.rawValue)
        return versions.sorted { (order.firstIndex(of: $0.language) ?? 9, $0.id.value) < (order.firstIndex(of: $1.language) ?? 9, $1.id.value) }
    }
    public func incident(_ id: String) -> Incident? { incidents.first { $0.id.value == id } }
}
