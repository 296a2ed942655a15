/// An external REX states no clock time its source does not give. A time written from memory or guessed
/// ("mardi matin" becoming 08:00) looks like a fact on a report and ends up in someone else's analysis. On an
/// external record, a clock time in `occurred`, `detected` or the timeline must appear in the quoted source
/// (`15h42`, `15:42`, `15 h 42`), or be marked `approx: true`; otherwise write the date alone.
struct UnsourcedTimeRule: Rule {
    func check(_ context: CheckContext) -> [Diagnostic] {
        context.handbook.incidents.flatMap { incident -> [Diagnostic] in
            guard incident.origin.value == .external else { return [] }
            let given = Self.clockTimes(in: incident.quoted?.texts ?? [])
            var dated: [(what: String, at: LocalDateTime, approximate: Bool, location: SourceLocation)] = [
                ("'occurred'", incident.occurred.value, incident.occurredApproximate, incident.occurred.location),
            ]
            if let detected = incident.detected {
                dated.append(("'detected'", detected.value, incident.detectedApproximate, detected.location))
            }
            dated += incident.timeline.map { ("the timeline entry of \($0.at.date.dayFirst)", $0.at, $0.approximate, $0.location) }
            return dated.compactMap { entry -> Diagnostic? in
                guard !entry.approximate, let minute = entry.at.minuteOfDay, let time = entry.at.timeText,
                      !given.contains(minute) else { return nil }
                let source = incident.quoted == nil ? "the source is not quoted" : "the quoted source gives no such time"
                return .error("\(entry.what) gives the clock time \(time) as a fact, but \(source); write the date "
                              + "alone, or add 'approx: true'", at: entry.location, rule: "unsourced-time")
            }
        }
    }

    /// Minutes since midnight of every clock time written in the texts: `15h42`, `15 h 42`, `15:42`, `8h`, `19 h`.
    static func clockTimes(in texts: [String]) -> Set<Int> {
        var minutes = Set<Int>()
        for text in texts {
            let c = Array(text.unicodeScalars)
            let isDigit = { (i: Int) in i >= 0 && i < c.count && ("0"..."9").contains(c[i]) }
            let number = { (i: Int, length: Int) in Int(String(String.UnicodeScalarView(c[i..<i + length])))! }
            var i = 0
            while i < c.count {
                // An hour: one or two digits, not part of a longer number or a decimal (`7,7 To`, `2020`).
                guard isDigit(i), !isDigit(i - 1), i == 0 || (c[i - 1] != "," && c[i - 1] != ".") else { i += 1; continue }
                let hourLength = isDigit(i + 1) ? 2 : 1
                var j = i + hourLength
                guard !isDigit(j) else { i = j; continue }
                let hour = number(i, hourLength)
                if j < c.count, c[j] == " " { j += 1 }
                guard j < c.count, ["h", "H", ":"].contains(c[j]), hour < 24 else { i = j; continue }
                j += 1
                var k = j
                if k < c.count, c[k] == " " { k += 1 }
                var minute = 0
                if isDigit(k), isDigit(k + 1), !isDigit(k + 2) {
                    minute = number(k, 2)
                    j = k + 2
                } else if c[j - 1] == ":" {
                    i = j; continue  // "12:" alone is not a time
                }
                if minute < 60 { minutes.insert(hour * 60 + minute) }
                i = j
            }
        }
        return minutes
    }
}
