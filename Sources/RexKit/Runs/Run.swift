import Foundation

/// A run exported by the step runner (`"format": "rex-run"`, `formatVersion` 1): which document was followed,
/// and its append-only record of events. The derived `summary` and the unrecorded `drafts` of the file are not
/// read: everything a run says is in its events.
public struct Run: Sendable, Hashable {
    /// The file it was read from, as given.
    public var path: String
    public var runID: String
    /// The handbook's storage key (`HandbookSettings.storageKey`).
    public var handbook: String
    public var procedure: String
    public var title: String?
    public var version: Int?
    public var revision: String?
    public var language: String?
    /// The treatment unit the run was recorded on, when the handbook declares units.
    public var unit: String?
    public var drill: Bool
    public var status: String?
    public var startedAt: RunTime?
    public var completedAt: RunTime?
    public var exportedAt: RunTime?
    public var events: [RunEvent]
    /// Where `handbook` and `procedure` are written, for a check that refuses them.
    public var handbookLocation: SourceLocation
    public var procedureLocation: SourceLocation
}

/// One recorded event: `seq` from 1, when, by whom (the initials in force), and what.
public struct RunEvent: Sendable, Hashable {
    public var seq: Int
    public var at: RunTime
    public var by: String?
    public var kind: Kind
    /// Where the event starts in its file.
    public var location: SourceLocation

    public enum Kind: Sendable, Hashable {
        case start(operator: String, drill: Bool)
        case operatorChange(from: String?, to: String)
        case takeOver(tab: String?)
        case done(step: String, values: RunValues, second: String?)
        case blocked(step: String, values: RunValues, mismatches: [Mismatch])
        case override(step: String, values: RunValues, mismatches: [Mismatch], reason: String, second: String?)
        case decision(step: String, answer: String, goto: String, values: RunValues, second: String?)
        case correction(step: String, reason: String, previous: RunValue?, previousValues: RunValues?,
                        answer: String?, goto: String?, values: RunValues?)
        case rowAdd(log: String, row: Int, values: RunValues, confirmed: RowConfirmation?)
        case rowVoid(log: String, row: Int, reason: String)
        case rowReconcile(log: String, row: Int, values: RunValues)
    }

    /// The event's type as written in the file (`row-add`).
    public var type: String {
        switch kind {
        case .start: "start"
        case .operatorChange: "operator"
        case .takeOver: "take-over"
        case .done: "done"
        case .blocked: "blocked"
        case .override: "override"
        case .decision: "decision"
        case .correction: "correction"
        case .rowAdd: "row-add"
        case .rowVoid: "row-void"
        case .rowReconcile: "row-reconcile"
        }
    }
}

/// A recorded value: numbers are numbers, checkboxes booleans, everything else text; `null` when left empty.
public enum RunValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case null
}

/// Field id → value, in the order the file lists them.
public struct RunValues: Sendable, Hashable {
    public var entries: [(id: String, value: RunValue)]

    public init(_ entries: [(id: String, value: RunValue)] = []) { self.entries = entries }

    public subscript(id: String) -> RunValue? { entries.first { $0.id == id }?.value }

    public var isEmpty: Bool { entries.isEmpty }

    public static func == (a: RunValues, b: RunValues) -> Bool {
        a.entries.map(\.id) == b.entries.map(\.id) && a.entries.map(\.value) == b.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries { hasher.combine(entry.id); hasher.combine(entry.value) }
    }
}

/// A value that differs from the one it must match: `field` = `value`, but `mustMatch` = `expected`.
public struct Mismatch: Sendable, Hashable {
    public var field: String
    public var value: RunValue
    public var mustMatch: String
    public var expected: RunValue
    /// With a tolerance: how far apart the two are (seconds for times), and the tolerance as written.
    public var difference: Double?
    public var tolerance: String?
}

/// A row added although the runner refused it, with the operator's written reason.
public struct RowConfirmation: Sendable, Hashable {
    public var reason: String
    public var refusals: [Refusal]

    public struct Refusal: Sendable, Hashable {
        /// `on-hold`, `counter-duplicate` or `counter-gap`.
        public var kind: String
        /// The earlier row the refusal named.
        public var row: Int?
        /// The counter value expected (previous + 1), for a counter refusal.
        public var expected: RunValue?
    }
}

/// A time as the workstation wrote it (`2025-11-18T10:32:05+01:00`): its local date and time, and its offset
/// from UTC when given.
public struct RunTime: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Minutes east of UTC; nil when the text gives no offset.
    public var offsetMinutes: Int?

    public var description: String { text }

    /// The same instant on the handbook's clock, to the minute (the time as written when no offset is given).
    public func local(in zone: TimeZone) -> LocalDateTime {
        let asWritten = LocalDateTime(date: date, hour: hour, minute: minute)
        guard let offsetMinutes else { return asWritten }
        let utc = date.daysSince1970 * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return LocalDateTime(Date(timeIntervalSince1970: Double(utc)), in: zone) ?? asWritten
    }

    /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; nil for anything else.
    public init?(_ text: String) {
        let pattern = #/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/#
        guard text.utf8.count <= 40, let match = text.wholeMatch(of: pattern),
              let date = LocalDate(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!) else { return nil }
        let hour = Int(match.4)!, minute = Int(match.5)!, second = match.6.map { Int($0)! } ?? 0
        guard hour < 24, minute < 60, second < 60 else { return nil }
        var offset: Int?
        if let zone = match.7 {
            if zone == "Z" {
                offset = 0
            } else {
                let sign = zone.hasPrefix("-") ? -1 : 1
                let hours = Int(zone.dropFirst().prefix(2))!, minutes = Int(zone.suffix(2))!
                guard hours <= 14, minutes < 60 else { return nil }
                offset = sign * (hours * 60 + minutes)
            }
        }
        self.text = text
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetMinutes = offset
    }
}
