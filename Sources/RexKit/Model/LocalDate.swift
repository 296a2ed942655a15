import Foundation

/// A calendar date as written (`2021-03-01`), valid in the proleptic Gregorian calendar.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Nil when the date does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Today's date in a time zone (the handbook's). A clock set outside the years 1–9999 gives the nearest day of
    /// them: a build goes on (every review then overdue, or none) instead of stopping.
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> LocalDate {
        if let today = LocalDateTime(now, in: timeZone)?.date { return today }
        return now.timeIntervalSince1970 < 0 ? LocalDate(year: 1, month: 1, day: 1)!
                                             : LocalDate(year: 9999, month: 12, day: 31)!
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`); nil outside the years 1–9999.
    static func fromDaysSince1970(_ days: Int) -> LocalDate? {
        let shifted = days + 719_468  // days since 0000-03-01, the start of a 400-year era
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1st
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return LocalDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
                         day: dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
    }

    /// The days from 1970-01-01 to this date (Howard Hinnant's `days_from_civil`).
    var daysSince1970: Int {
        let yearFromMarch = month <= 2 ? year - 1 : year
        let era = yearFromMarch / 400  // years 1–9999: never negative
        let yearOfEra = yearFromMarch - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601: `2021-03-01`.
    public var description: String {
        "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Day first, as written in Belgium and France: `01/03/2021`.
    public var dayFirst: String {
        "\(padded(day, 2))/\(padded(month, 2))/\(padded(year, 4))"
    }
}

/// A date, optionally with a time of day (`2020-11-16` or `2020-11-16T15:42`), in the handbook's time zone.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: LocalDate
    /// Minutes since midnight, or nil when only the date is known.
    public var minuteOfDay: Int?

    public init(date: LocalDate, hour: Int? = nil, minute: Int = 0) {
        self.date = date
        self.minuteOfDay = hour.map { $0 * 60 + minute }
    }

    /// The date and minute `instant` shows on a clock in `zone` (the seconds dropped), by the zone's offset at that
    /// instant and day arithmetic (a Gregorian `Calendar` made for today's date took 1.5 ms of every build); nil
    /// outside the years 1–9999.
    public init?(_ instant: Date, in zone: TimeZone) {
        // Far beyond the years 1–9999 (and not a number), which `Int` could not hold.
        guard instant.timeIntervalSince1970.magnitude < 1e15 else { return nil }
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = (seconds >= 0 ? seconds : seconds - 86_399) / 86_400
        guard let date = LocalDate.fromDaysSince1970(days) else { return nil }
        self.init(date: date)
        minuteOfDay = (seconds - days * 86_400) / 60
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        if a.date != b.date { return a.date < b.date }
        return (a.minuteOfDay ?? -1) < (b.minuteOfDay ?? -1)
    }

    /// `HH:MM`, or nil for a date alone.
    public var timeText: String? {
        minuteOfDay.map { "\(padded($0 / 60, 2)):\(padded($0 % 60, 2))" }
    }

    /// ISO 8601 as written: `2020-11-16T15:42` or `2020-11-16`.
    public var description: String {
        timeText.map { "\(date)T\($0)" } ?? date.description
    }

    /// For people: `16/11/2020 15:42`.
    public var dayFirst: String {
        timeText.map { "\(date.dayFirst) \($0)" } ?? date.dayFirst
    }
}

/// A non-negative number with leading zeros up to `width` digits (`String(format:)` without Foundation's cost:
/// dates are printed on every page and every index row).
func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
