import Foundation
import Testing
@testable import RexKit

@Suite("Today's date")
struct LocalDateTests {
    /// The day a build is made on (the index's date, what is overdue, the key of every page) is the one a Gregorian
    /// calendar gives in the handbook's time zone: at every hour of 1970–2100 around midnight and the changes of time,
    /// in zones from 11 hours behind UTC to 14 ahead, and a quarter-hour one.
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
                let parts = calendar.dateComponents([.year, .month, .day], from: instant)
                let expected = try #require(LocalDate(year: parts.year!, month: parts.month!, day: parts.day!))
                guard LocalDate.today(in: zone, now: instant) == expected else {
                    Issue.record("\(zone.identifier) at \(instant.timeIntervalSince1970): \(LocalDate.today(in: zone, now: instant)), not \(expected)")
                    return
                }
            }
        }
    }
}
