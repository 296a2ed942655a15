import Foundation
import Testing
@testable import RexKit

/// A file system keeps times to a tick, so a file saved twice within one tick, at the same size, keeps its stamp:
/// until its times are a tick old, Rex trusts no stamp of it (`FileStamp.isSettled(at:)`). On a file system with
/// one-second times (ext3, NFSv3) a site once kept a procedure's old text for good after such a save;
/// `Tests/browser/test_coarse_times.py` builds on one.
@Suite("Settled stamps")
struct SettledStampTests {
    private let second: Int64 = 1_000_000_000

    private func stamp(modified: Int64, changed: Int64) -> FileStamp {
        FileStamp(size: 10, modified: modified, changed: changed, inode: 7)
    }

    @Test func timesToTheNanosecondSettleATenthOfASecondAfterTheLaterOne() {
        let time = 1_800_000_000 * second + 123_456_789
        let fresh = stamp(modified: time, changed: time)
        #expect(!fresh.isSettled(at: time))
        #expect(!fresh.isSettled(at: time + 99_999_999))
        #expect(fresh.isSettled(at: time + 100_000_000))
        // Either time moments ago is enough to wait for: a file put back to an old modification time changed now.
        #expect(!stamp(modified: time - 3600 * second, changed: time).isSettled(at: time + second / 20))
        #expect(!stamp(modified: time, changed: time - 3600 * second).isSettled(at: time + second / 20))
    }

    @Test func wholeSecondTimesSettleTwoSecondsAfterTheLaterOne() {
        let time = 1_800_000_000 * second
        let coarse = stamp(modified: time, changed: time)
        #expect(!coarse.isSettled(at: time + second))
        #expect(!coarse.isSettled(at: time + 2 * second - 1))
        #expect(coarse.isSettled(at: time + 2 * second))
        // A whole-second modification time with a finer change time: the coarser tick is waited for.
        #expect(!stamp(modified: time, changed: time + 5).isSettled(at: time + second))
    }

    @Test func timesAheadOfTheClockNeverSettle() {
        let now = 1_800_000_000 * second + 5
        #expect(!stamp(modified: now + 60 * second, changed: now - 3600 * second).isSettled(at: now))
    }

    /// The file system's times and `FileStamp.now()` are one clock, in one unit: a file written between two readings
    /// of it has times between them (less the file system's tick), then settles.
    @Test func aFileIsStampedByTheClockItIsJudgedBy() throws {
        let handbook = try TestHandbook()
        let before = FileStamp.now()
        try handbook.write("rex.yml", "name: Manuel\n")
        let after = FileStamp.now()
        let written = try #require(FileStamp(path: handbook.root.path + "/rex.yml"))
        for time in [written.modified, written.changed] {
            // The file system's clock lags by up to its tick: 10 ms, or a second where it keeps whole seconds.
            let lag: Int64 = time % second == 0 ? 2 * second : 50_000_000
            #expect(time >= before - lag && time <= after, "\(before) ≤ \(time) ≤ \(after)")
        }
        handbook.settle()
        #expect(try #require(FileStamp(path: handbook.root.path + "/rex.yml")).isSettled(at: FileStamp.now()))
    }
}
