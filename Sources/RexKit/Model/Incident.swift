/// RO-ILS event classes.
public enum EventClass: String, Sendable, CaseIterable, Hashable {
    case nearMiss = "near-miss"
    case unsafeCondition = "unsafe-condition"
    case therapeuticRadiationIncident = "therapeutic-radiation-incident"
    case otherSafetyIncident = "other-safety-incident"
    case operational
}

/// Where an incident record stands.
public enum IncidentStatus: String, Sendable, CaseIterable, Hashable {
    case draft, analysis
    case actionsOpen = "actions-open"
    case closed
}

/// Category of a contributing cause.
public enum CauseCategory: String, Sendable, CaseIterable, Hashable {
    case procedure, communication, training, equipment, software, organisation
    case humanFactors = "human-factors"
    case other
}

/// Where a corrective action stands.
public enum ActionStatus: String, Sendable, CaseIterable, Hashable {
    case planned
    case inProgress = "in-progress"
    case done, cancelled
}

/// A REX (retour d'expérience) incident record: one file of `incidents/`.
///
/// An `external` record is another hospital's event, learnt from a publication: what the source published
/// (`quoted`) and what the department concluded (`analysis`, `causes`, `actions`, `lessons`) are kept apart,
/// so no page can pass the department's reading off as the source's words.
public struct Incident: Sendable, Hashable {
    public var id: Located<String>
    public var title: String
    public var language: String
    public var origin: Located<IncidentOrigin>
    public var source: String?
    /// The source's words as published (external records).
    public var quoted: QuotedSource?
    public var eventClass: EventClass
    public var occurred: Located<LocalDateTime>
    /// The date or time of `occurred` is an estimate.
    public var occurredApproximate: Bool
    public var detected: Located<LocalDateTime>?
    /// The date or time of `detected` is an estimate.
    public var detectedApproximate: Bool
    public var systems: [String]
    public var patientsAffected: Int?
    public var severity: SeverityRating?
    public var status: Located<IncidentStatus>
    public var synopsis: String
    public var narrative: String?
    public var timeline: [TimelineEntry]
    /// The department's own reading of the event (Markdown).
    public var analysis: String?
    public var causes: [Cause]
    /// The department's own corrective actions.
    public var actions: [CorrectiveAction]
    public var recommendations: String?
    public var lessons: String?
    /// The procedures followed during the event (a draft from exported runs names them).
    public var followed: [Located<String>]
    public var revision: String
    /// SHA-256 of the file's bytes (hex): what a rebuild compares to know whether this document changed.
    public var digest: String
    public var path: String
}

/// Who gave a severity level.
public enum SeverityRater: String, Sendable, CaseIterable, Hashable {
    /// The department's own estimate (of its own event, or of a published one).
    case department
    /// The level the source published.
    case source
}

/// A severity level on a named scale (`asn-sfro` level `2+`).
public struct SeverityRating: Sendable, Hashable {
    public var scale: Located<String>
    public var level: Located<String>
    public var provisional: Bool
    public var ratedBy: SeverityRater
    /// Why this level (Markdown).
    public var note: String?
}

public struct TimelineEntry: Sendable, Hashable {
    public var at: LocalDateTime
    public var event: String
    /// The time is an estimate.
    public var approximate: Bool
    /// Where `at` is written.
    public var location: SourceLocation
}

public struct Cause: Sendable, Hashable {
    public var category: CauseCategory
    public var text: String
    /// A contributing factor rather than a cause.
    public var contributing: Bool
}

public struct CorrectiveAction: Sendable, Hashable {
    public var text: String
    public var owner: String?
    public var due: Located<LocalDate>?
    public var status: ActionStatus
    /// The procedure this action created or changed.
    public var procedure: Located<String>?
    public var location: SourceLocation
}
