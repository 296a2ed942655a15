import CThreadStart
import Foundation
import Testing
@testable import RexKit

/// The templates' thread and the frames' thread of a build (`Pending`) start on another processor than the one
/// that makes them, so that they run at once beside it, and may then run on any.
@Suite("Threads started beside their maker")
struct ThreadStartTests {
    @Test func aPendingValueIsMadeOnAThreadOfItsOwnAndGivenBackOrItsErrorRethrown() throws {
        let maker = pthread_self()
        let value = Pending { pthread_equal(pthread_self(), maker) == 0 ? "another thread" : "the maker's thread" }
        #expect(try value.get() == "another thread")
        let failing = Pending<Int> { throw EnvironmentError("the templates folder is gone") }
        #expect(throws: EnvironmentError.self) { try failing.get() }
    }

    @Test func aNewThreadStartsOffItsMakersProcessorThenMayRunOnEveryOne() throws {
        let seen = SeenByThread()
        var avoided: Int32 = -1
        let error = rex_thread_start_elsewhere({ raw in
            let seen = Unmanaged<SeenByThread>.fromOpaque(raw!).takeRetainedValue()
            seen.firstProcessor = rex_thread_current_processor()
            seen.allowedAtStart = SeenByThread.allowedProcessors()
            _ = rex_thread_allow_all_processors()
            seen.allowedAfter = SeenByThread.allowedProcessors()
            seen.done.signal()
        }, Unmanaged.passRetained(seen).toOpaque(), &avoided)
        try #require(error == 0)
        seen.done.wait()
        let allowed = SeenByThread.allowedProcessors()
        #expect(seen.allowedAfter == allowed)
        #if os(Linux) && canImport(Glibc)
        let placed = allowed.count > 1
        #else
        let placed = false
        #endif
        if placed {
            #expect(avoided >= 0)
            #expect(seen.firstProcessor != avoided)
            #expect(seen.allowedAtStart == allowed.subtracting([avoided]))
        } else {
            // One processor, or a system that does not place threads: started where the system puts it.
            #expect(avoided == -1)
            #expect(seen.allowedAtStart == allowed)
        }
    }
}

/// What the started thread saw, read by the test once `done` is signalled.
private final class SeenByThread: @unchecked Sendable {
    var firstProcessor: Int32 = -2
    var allowedAtStart: Set<Int32> = []
    var allowedAfter: Set<Int32> = []
    let done = DispatchSemaphore(value: 0)

    /// The processors the calling thread may run on (the first 1 024: `cpu_set_t`'s size).
    static func allowedProcessors() -> Set<Int32> {
        Set((0..<1024).filter { rex_thread_may_run_on($0) == 1 })
    }
}
