/// The file-format contract, in one place: for each kind of mapping a handbook file holds, every key
/// with its type, whether it is required and what it means. The loaders take their allowed keys from
/// here (`MappingReader` refuses any other key, and asserts that the loader reads no key missing here),
/// and `rex schema` turns the same definitions into JSON Schema, so the editor's completion, the
/// schema and the loader cannot drift apart.
enum FormatSpec {}

/// What a key's value must be. The loader reads every plain scalar as text and decides per key what it
/// means, so `version: 3` and `version: "3"` are the same; the schema accepts both forms likewise.
indirect enum ValueType: Sendable {
    /// Plain text.
    case text
    /// Text rendered as Markdown (CommonMark through cmark).
    case markdown
    /// A procedure, incident or severity-scale id: `[a-z0-9][a-z0-9-]*`.
    case identifier
    /// An id inside a procedure (step, field, column, log, role): `[a-z0-9][a-z0-9_-]*`.
    case localIdentifier
    /// A whole number, within the bounds when given.
    case integer(minimum: Int?, maximum: Int?)
    /// A number (`1`, `2.5`, `-3`).
    case number
    /// `true` or `false`.
    case boolean
    /// `YYYY-MM-DD`.
    case date
    /// `YYYY-MM-DD`, optionally followed by `THH:MM` or `THH:MM:SS`.
    case dateTime
    /// A non-negative number (`0.5`) or duration (`N s|min|h|d`: `30 s`, `5 min`, `1.5 h`, `1 d`).
    case tolerance
    /// One of a fixed list of words (from the Swift enumeration's `allCases`).
    case enumeration([String])
    /// A list of values.
    case list(ValueType)
    /// A list of at least one value (the loader reports an empty one).
    case nonEmptyList(ValueType)
    /// A mapping from local ids to values (`roles`, `logs`).
    case map(ValueType)
    /// A nested mapping with keys of its own.
    case mapping(MappingSpec)
    /// A date or date-time written plainly, or as that mapping (`{ at: 2020-11-18, approx: true }`).
    case dated(MappingSpec)

    /// The values of a `String`-backed enumeration, in declaration order.
    static func cases<E: CaseIterable & RawRepresentable>(of type: E.Type) -> ValueType where E.RawValue == String {
        .enumeration(type.allCases.map(\.rawValue))
    }
}

/// One key of a mapping.
struct KeySpec: Sendable {
    let name: String
    let required: Bool
    let type: ValueType
    /// One line for editors' hover text and the README.
    let description: String

    init(_ name: String, _ type: ValueType, required: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

/// A kind of mapping (a procedure, a step, a field…) and the keys it accepts, in the order the
/// documentation and scaffolds list them.
struct MappingSpec: Sendable {
    /// A stable name for the schema's `$defs` (`step`, `timeline-entry`).
    let name: String
    /// What the mapping is, for the schema's title (`A step of a procedure`).
    let title: String
    let keys: [KeySpec]
    /// The keys the loader accepts: what `MappingReader`'s `allowedKeys:` gets (kept, not recomputed per mapping).
    let keyNames: [String]

    init(name: String, title: String, keys: [KeySpec]) {
        self.name = name
        self.title = title
        self.keys = keys
        self.keyNames = keys.map(\.name)
    }

    var requiredKeyNames: [String] { keys.filter(\.required).map(\.name) }

    func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }
}
