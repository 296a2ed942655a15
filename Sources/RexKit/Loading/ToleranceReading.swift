import Foundation

extension MappingReader {
    /// `tolerance:` as a number (`0.5`) or a duration (`N s|min|h|d`, decimals allowed: `1.5 h`), kept as
    /// written with its parsed value (durations in seconds). Which kind suits which field type is a check's
    /// business (`ToleranceRule`): here only a value that is neither, or is negative, is refused.
    func tolerance(_ key: String) -> Located<Tolerance>? {
        guard let written = string(key) else { return nil }
        let text = trimmingSpaces(written.value)
        var parsed: Tolerance?
        if let number = Double(text), number.isFinite {
            parsed = Tolerance(kind: .number, value: number, text: text)
        } else if let match = text.wholeMatch(of: #/([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*(s|min|h|d)/#),
                  let amount = Double(match.1), amount.isFinite {
            let seconds: Double = switch match.2 {
            case "s": 1
            case "min": 60
            case "h": 3_600
            default: 86_400
            }
            parsed = Tolerance(kind: .duration, value: amount * seconds, text: text)
        }
        guard let tolerance = parsed, tolerance.value.isFinite else {
            file.error("tolerance '\(written.value)' is neither a number (such as 0.5) nor a duration "
                       + "(a number then s, min, h or d: 30 s, 5 min, 1.5 h, 1 d)", at: written.location,
                       rule: "invalid-tolerance")
            return nil
        }
        guard tolerance.value >= 0 else {
            let example = tolerance.kind == .number ? "0.5" : "5 min"
            file.error("tolerance '\(written.value)' is negative: write how far apart the two values may be, "
                       + "such as \(example)", at: written.location, rule: "invalid-tolerance")
            return nil
        }
        return Located(tolerance, at: written.location)
    }
}
