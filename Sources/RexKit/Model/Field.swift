/// The kind of value a field records.
public enum FieldType: String, Sendable, CaseIterable, Hashable {
    case text, number, date, time, datetime, initials, checkbox, choice
}

/// A value recorded by a step, or a column of a downtime log.
public struct Field: Sendable, Hashable {
    public var id: Located<String>
    public var label: String
    public var type: Located<FieldType>
    /// Fields are required unless `required: false`.
    public var required: Bool
    /// Another field (recorded earlier) whose value this one must equal.
    public var mustMatch: Located<String>?
    /// Another initials field whose value this one must differ from.
    public var distinctFrom: Located<String>?
    public var min: Located<Double>?
    public var max: Located<Double>?
    /// Allowed answers of a `choice` field.
    public var options: Located<[String]>?
    /// Unit printed after a number (`Gy`, `UM`).
    public var unit: String?
    public var location: SourceLocation
}

/// A downtime log: rows written by hand during an outage, each re-entered and verified afterwards.
public struct DowntimeLog: Sendable, Hashable {
    public var id: Located<String>
    public var title: String
    public var columns: [Field]
    /// Columns filled after the restore, per row.
    public var reconcile: [Field]
    /// Empty rows printed on the paper log.
    public var paperRows: Int
}
