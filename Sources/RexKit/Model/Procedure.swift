/// What a procedure is for; the site's index and the binder group procedures by kind.
public enum ProcedureKind: String, Sendable, CaseIterable, Hashable {
    case emergency, downtime, restore, routine
}

/// Document control status of a procedure.
public enum DocumentStatus: String, Sendable, CaseIterable, Hashable {
    case draft, approved, retired
}

/// How a section is worked: read each step then do it, or do from memory then confirm with the list.
public enum SectionMode: String, Sendable, CaseIterable, Hashable {
    case readDo = "read-do"
    case doConfirm = "do-confirm"
}

/// Where a procedure's runs are closed. `run`: each run closes on its own (one team, one workstation).
/// `department`: every unit of the department keeps its own run, and the outage is closed on the
/// reconciliation board once every unit is accounted for and every row of every run is reconciled.
public enum ClosingScope: String, Sendable, CaseIterable, Hashable {
    case run, department
}

/// An emergency, downtime, restore or routine procedure: one file of `procedures/`.
public struct Procedure: Sendable, Hashable {
    public var id: Located<String>
    public var title: String
    public var kind: ProcedureKind
    public var language: String
    public var version: Int
    /// Where `version` is written (the procedure's own location when it is missing).
    public var versionLocation: SourceLocation
    /// The procedure this one translates (`translation_of`): same sections, steps, fields, logs, flow and version.
    public var translationOf: Located<String>?
    public var status: Located<DocumentStatus>
    public var owner: String
    public var approvedBy: String?
    public var effective: Located<LocalDate>?
    public var reviewBy: Located<LocalDate>?
    /// The condition statement: when to use this procedure (Markdown).
    public var when: String
    /// What must be true at the end (Markdown).
    public var objective: String?
    public var roles: [Role]
    public var contacts: [Contact]
    /// REX ids this procedure answers.
    public var incidents: [Located<String>]
    public var logs: [DowntimeLog]
    public var sections: [Section]
    /// `closing: department` (located, for the check that needs units); absent: `run`.
    public var closing: Located<ClosingScope>?
    /// Short code derived from the file's content, printed on every copy.
    public var revision: String
    /// SHA-256 of the file's bytes (hex): what a rebuild compares to know whether this document changed.
    public var digest: String
    /// The file, relative to the handbook.
    public var path: String

    public var allSteps: [Step] { sections.flatMap(\.steps) }

    /// Closed for the whole department on the reconciliation board, once every unit is accounted for.
    public var closesAtDepartment: Bool { closing?.value == .department }

    /// An approved emergency, downtime or restore procedure is printed in the binder kept at each console.
    public var isInBinder: Bool {
        status.value == .approved && [.emergency, .downtime, .restore].contains(kind)
    }

    /// Its review date has passed (a retired procedure is no longer reviewed). The check that warns
    /// and the pages that flag it share this one definition.
    public func isReviewOverdue(on today: LocalDate) -> Bool {
        guard let reviewBy, status.value != .retired else { return false }
        return reviewBy.value < today
    }
}

/// A role declared by a procedure (`ict: Service ICT de garde`).
public struct Role: Sendable, Hashable {
    public var id: Located<String>
    public var title: String
}

/// Someone to call, by role.
public struct Contact: Sendable, Hashable {
    public var role: Located<String>?
    public var name: String
    public var phone: String?
    public var note: String?
    public var location: SourceLocation
}

/// A titled group of steps, worked in one mode.
public struct Section: Sendable, Hashable {
    public var title: String
    public var mode: SectionMode
    public var steps: [Step]
    public var location: SourceLocation
}
