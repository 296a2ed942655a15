import Foundation

/// A date or date-time that may be an estimate: written plainly (`2020-11-16T15:42`), or as a mapping that
/// says so (`{ at: 2020-11-18, approx: true }`). A REX states no time as a fact that its source does not give.
struct DatedValue {
    var at: Located<LocalDateTime>
    var approximate: Bool
}

extension MappingReader {
    func dated(_ key: String, required: Bool = false) -> DatedValue? {
        guard let node = node(key, required: required) else { return nil }
        switch node.content {
        case .scalar:
            return scalarText(node).flatMap { parseDateTime($0, allowTime: true) }
                .map { DatedValue(at: $0, approximate: false) }
        case .mapping:
            break
        default:
            file.error("'\(key)' must be a date (YYYY-MM-DD), a date and time (YYYY-MM-DDTHH:MM) or a mapping "
                       + "{ at: …, approx: true }, found \(describe(node))", at: file.location(node), rule: "wrong-type")
            return nil
        }
        guard let map = MappingReader(node, file: file, what: "a date ('\(key)')",
                                      allowedKeys: FormatSpec.dated.keyNames),
              let at = map.dateTime("at", required: true) else { return nil }
        return DatedValue(at: at, approximate: map.boolean("approx", default: false))
    }
}

extension MappingReader {
    /// `YYYY-MM-DD`, optionally followed by `THH:MM` or `THH:MM:SS` (a space instead of `T` is accepted).
    func parseDateTime(_ text: Located<String>, allowTime: Bool) -> Located<LocalDateTime>? {
        let expected = allowTime ? "a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)" : "a date (YYYY-MM-DD)"
        guard let parts = DateTimeText(trimmingSpaces(text.value)), allowTime || parts.hour == nil else {
            file.error("expected \(expected), found '\(text.value)'", at: text.location, rule: "invalid-date")
            return nil
        }
        guard let date = LocalDate(year: parts.year, month: parts.month, day: parts.day) else {
            file.error("'\(text.value)' is not a real date", at: text.location, rule: "invalid-date")
            return nil
        }
        guard let hour = parts.hour else {
            return Located(LocalDateTime(date: date), at: text.location)
        }
        guard hour < 24, parts.minute < 60, parts.second < 60 else {
            file.error("'\(text.value)' is not a real time of day", at: text.location, rule: "invalid-date")
            return nil
        }
        return Located(LocalDateTime(date: date, hour: hour, minute: parts.minute), at: text.location)
    }
}

/// The numbers of `YYYY-MM-DD[(T| )HH:MM[:SS]]`, ASCII digits only, read byte by byte (a Regex built for each
/// date was a fifth of the loading time). Whether they make a real date is the caller's question.
struct DateTimeText {
    var year = 0, month = 0, day = 0
    var hour: Int?
    var minute = 0, second = 0

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard [10, 16, 19].contains(bytes.count), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes, 0, 4), let month = Self.number(bytes, 5, 2), let day = Self.number(bytes, 8, 2)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
        guard bytes.count > 10 else { return }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
              let hour = Self.number(bytes, 11, 2), let minute = Self.number(bytes, 14, 2) else { return nil }
        (self.hour, self.minute) = (hour, minute)
        guard bytes.count > 16 else { return }
        guard bytes[16] == UInt8(ascii: ":"), let second = Self.number(bytes, 17, 2) else { return nil }
        self.second = second
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Spaces and tabs (Unicode's too) trimmed from both ends; the text itself when there are none, which is
/// nearly always, without Foundation's round trip through NSString.
func trimmingSpaces(_ text: String) -> String {
    // Most values (numbers, dates) start and end with a visible ASCII character: no `CharacterSet` to ask.
    if isVisibleASCII(text.utf8.first), isVisibleASCII(text.utf8.last) { return text }
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
    guard CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) else { return text }
    return text.trimmingCharacters(in: .whitespaces)
}

/// A printable ASCII character other than space: no kind of whitespace, and it starts no multi-byte character.
func isVisibleASCII(_ byte: UInt8?) -> Bool {
    byte.map { (0x21...0x7E).contains($0) } ?? false
}
