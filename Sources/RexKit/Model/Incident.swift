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
public struct Incident: Sendable, Hashable {
    public var id: Located<String>
    public var title: String
    public var language: String
    public var source: String?
    public var eventClass: EventClass
    public var occurred: Located<LocalDateTime>
    public var detected: Located<LocalDateTime>?
    public var systems: [String]
    public var patientsAffected: Int?
    public var severity: SeverityRating?
    public var status: Located<IncidentStatus>
    public var synopsis: String
    public var narrative: String?
    public var timeline: [TimelineEntry]
    public var causes: [Cause]
    public var actions: [CorrectiveAction]
    public var recommendations: String?
    public var lessons: String?
    public var revision: String
    public var path: String
}

/// A severity level on a named scale (`asn-sfro` level `2+`).
public struct SeverityRating: Sendable, Hashable {
    public var scale: Located<String>
    public var level: Located<String>
    public var provisional: Bool
}

public struct TimelineEntry: Sendable, Hashable {
    public var at: LocalDateTime
    public var event: String
    /// The time is an estimate.
    public var approximate: Bool
}

public struct Cause: Sendable, Hashable {
    public var category: CauseCategory
    public var text: String
}

public struct CorrectiveAction: Sendable, Hashable {
    public var text: String
    public var owner: String?
    public var due: LocalDate?
    public var status: ActionStatus
    /// The procedure this action created or changed.
    public var procedure: Located<String>?
    public var location: SourceLocation
}
