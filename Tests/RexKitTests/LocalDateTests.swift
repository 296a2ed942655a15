import Foundation
import Testing
@testable import RexKit

@Suite("Today's date")
struct LocalDateTests {
    /// The day a build is made on (the index's date, what is overdue, the key of every page), and the time a report
    /// is stamped with or a run's time shown at, are the ones a Gregorian calendar gives in the handbook's time zone:
    /// at 2 000 random instants of 1970–2100 and every second around five midnights and changes of time, in zones from
    /// 11 hours behind UTC to 14 ahead, a quarter-hour one and one whose change of time is half an hour.
    @Test func todayIsTheCalendarsDayInTheHandbooksTimeZone() throws {
        let zones = ["Europe/Brussels", "UTC", "America/New_York", "Pacific/Pago_Pago", "Pacific/Kiritimati",
                     "Asia/Kathmandu", "Australia/Lord_Howe"].map { TimeZone(identifier: $0)! }
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &generator)) + 0.75)
        }
        // Every second around midnight UTC and the spring and autumn changes in Brussels, 2025 and 1999 (a leap year
        // February end too).
        for start in [1_743_296_400, 1_761_440_400, 1_735_689_600, 920_160_000, 951_782_400] {
            instants += (-3_700...3_700).map { Date(timeIntervalSince1970: Double(start + $0)) }
        }
        for zone in zones {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for instant in instants {
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                let expected = try #require(LocalDate(year: parts.year!, month: parts.month!, day: parts.day!))
                let clock = LocalDateTime(date: expected, hour: parts.hour!, minute: parts.minute!)
                guard LocalDate.today(in: zone, now: instant) == expected, LocalDateTime(instant, in: zone) == clock else {
                    Issue.record("\(zone.identifier) at \(instant.timeIntervalSince1970): \(LocalDate.today(in: zone, now: instant)), \(String(describing: LocalDateTime(instant, in: zone))), not \(clock)")
                    return
                }
            }
        }
    }

    /// A clock set far outside the years a date can have gives the nearest of them, never a crash.
    @Test func aClockOutsideTheYears1To9999GivesTheNearestDay() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Brussels"))
        let latest = LocalDate(year: 9999, month: 12, day: 31), earliest = LocalDate(year: 1, month: 1, day: 1)
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: 400_000_000_000)) == latest)  // year 14645
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: 1e300)) == latest)
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: .infinity)) == latest)
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: -100_000_000_000)) == earliest)
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: -.infinity)) == earliest)
        #expect(LocalDate.today(in: zone, now: Date(timeIntervalSince1970: 253_402_297_199)) == latest)  // 9999-12-31 23:59:59 UTC: the year 10000 in Brussels
        #expect(LocalDateTime(Date(timeIntervalSince1970: .nan), in: zone) == nil)
        // The closing report's printed time, likewise.
        #expect(Reconciliation.stamp(Date(timeIntervalSince1970: 400_000_000_000), in: zone) == "9999-12-31")
        #expect(Reconciliation.stamp(Date(timeIntervalSince1970: 1_763_371_800), in: zone) == "2025-11-17T10:30")
    }

    /// Day counts and dates convert both ways over all the years a date may have, and outside them there is no date.
    @Test func daysSince1970AndDatesConvertBothWays() throws {
        let first = try #require(LocalDate(year: 1, month: 1, day: 1)), last = try #require(LocalDate(year: 9999, month: 12, day: 31))
        #expect(LocalDate(year: 1970, month: 1, day: 1)?.daysSince1970 == 0)
        #expect(LocalDate.fromDaysSince1970(first.daysSince1970 - 1) == nil)
        #expect(LocalDate.fromDaysSince1970(last.daysSince1970 + 1) == nil)
        var date = first
        for days in first.daysSince1970...last.daysSince1970 {
            guard LocalDate.fromDaysSince1970(days) == date, date.daysSince1970 == days else {
                Issue.record("\(days): \(String(describing: LocalDate.fromDaysSince1970(days))), \(date) → \(date.daysSince1970)")
                return
            }
            if days < last.daysSince1970 { date = try #require(date.next) }
        }
    }
}

private extension LocalDate {
    /// The next day, from the calendar's rules as `LocalDate` checks them.
    var next: LocalDate? {
        LocalDate(year: year, month: month, day: day + 1) ?? LocalDate(year: year, month: month + 1, day: 1)
            ?? LocalDate(year: year + 1, month: 1, day: 1)
    }
}
