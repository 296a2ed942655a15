/// The kind of value a field records.
public enum FieldType: String, Sendable, CaseIterable, Hashable {
    case text, number, date, time, datetime, initials, checkbox, choice
    /// The text that names the patient of a downtime log row (one column per log, never a step's field):
    /// the hold list and the fraction counter are kept per patient.
    case patient

    /// The kind of tolerance a `must_match` on this type accepts; nil when values are either equal or not.
    public var toleranceKind: Tolerance.Kind? {
        switch self {
        case .number: .number
        case .date, .time, .datetime: .duration
        case .text, .initials, .checkbox, .choice, .patient: nil
        }
    }
}

/// How far a value may differ from the one it `must_match` and still match: `0.5` for a number,
/// `5 min` for a date, time or date-time.
public struct Tolerance: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A plain number, compared with number fields.
        case number
        /// `N s|min|h|d`, compared with date, time and date-time fields.
        case duration
    }

    public var kind: Kind
    /// The number itself, or the duration in seconds.
    public var value: Double
    /// As the author wrote it (`10 min`, `0.5`), for paper and messages.
    public var text: String

    public init(kind: Kind, value: Double, text: String) {
        self.kind = kind
        self.value = value
        self.text = text
    }
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
    /// How far this value may differ from the `mustMatch` field's and still match.
    public var tolerance: Located<Tolerance>?
    /// Another initials field whose value this one must differ from.
    public var distinctFrom: Located<String>?
    public var min: Located<Double>?
    public var max: Located<Double>?
    /// Allowed answers of a `choice` field.
    public var options: Located<[String]>?
    /// Unit printed after a number (`Gy`, `UM`).
    public var unit: String?
    /// `counter:` as written (a log column that is the patient's fraction counter when true).
    public var counter: Located<Bool>?
    public var location: SourceLocation

    /// This column is the patient's fraction counter (`counter: true`).
    public var isCounter: Bool { counter?.value == true }
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

    /// The column naming the patient of each row (`type: patient`); the first one if several are written
    /// (more than one is an error of its own).
    public var patientColumn: Field? { columns.first { $0.type.value == .patient } }

    /// The patient's fraction counter (`counter: true`); the first one if several are written.
    public var counterColumn: Field? { columns.first(where: \.isCounter) }
}
