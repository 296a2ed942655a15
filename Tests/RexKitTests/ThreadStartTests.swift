import CThreadStart
import Foundation
import Testing
@testable import RexKit

/// The templates' thread and the frames' thread of a build (`Pending`) start on another processor than the one
/// that makes them, so that they run at once beside it, and then may run where their maker may.
@Suite("Threads started beside their maker")
struct ThreadStartTests {
    @Test func aPendingValueIsMadeOnAThreadStartedBesideItsMakerAndGivenBackOrItsErrorRethrown() throws {
        let maker = MakerThread()
        let allowed = Processors.allowed()
        let made = Pending { (!maker.isCurrent, rex_thread_first_processor(), Processors.allowed()) }
        let (onAnotherThread, firstProcessor, allowedThere) = try made.get()
        #expect(onAnotherThread)
        // A thread started some other way (Foundation's `Thread`) has no first processor recorded.
        if Processors.placeable(allowed) { #expect(firstProcessor >= 0) }
        #expect(allowedThere == allowed)
        let failing = Pending<Int> { throw EnvironmentError("the templates folder is gone") }
        #expect(throws: EnvironmentError.self) { try failing.get() }
    }

    @Test func aNewThreadStartsOffItsMakersProcessorThenMayRunWhereItsMakerMay() throws {
        let seen = SeenByThread()
        let allowed = Processors.allowed()
        var avoided: Int32 = -1
        let error = rex_thread_start_elsewhere({ raw in
            let seen = Unmanaged<SeenByThread>.fromOpaque(raw!).takeRetainedValue()
            seen.firstProcessor = rex_thread_first_processor()
            seen.allowed = Processors.allowed()
            seen.done.signal()
        }, Unmanaged.passRetained(seen).toOpaque(), &avoided)
        try #require(error == 0)
        seen.done.wait()
        #expect(seen.allowed == allowed)
        if Processors.placeable(allowed) {
            #expect(avoided >= 0)
            #expect(seen.firstProcessor >= 0)
            #expect(seen.firstProcessor != avoided)
        } else {
            // One processor, or a system where Rex does not place threads: started where the system puts it.
            #expect(avoided == -1)
        }
    }
}

/// The thread that made a value (`pthread_t` is a pointer on macOS, which Swift does not take as `Sendable`).
private struct MakerThread: @unchecked Sendable {
    let thread = pthread_self()
    var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }
}

/// What the started thread saw, read by the test once `done` is signalled.
private final class SeenByThread: @unchecked Sendable {
    var firstProcessor: Int32 = -2
    var allowed: Set<Int32>? = []
    let done = DispatchSemaphore(value: 0)
}

private enum Processors {
    /// The processors the calling thread may run on (among the first 1 024, `cpu_set_t`'s size); nil where the system
    /// does not say.
    static func allowed() -> Set<Int32>? {
        var allowed: Set<Int32> = []
        for processor in Int32(0)..<1024 {
            switch rex_thread_may_run_on(processor) {
            case 1: allowed.insert(processor)
            case 0: continue
            default: return nil
            }
        }
        return allowed
    }

    /// Whether Rex places a new thread here: glibc's Linux, the system says which processors the thread may use
    /// and where it runs, and there are two or more.
    static func placeable(_ allowed: Set<Int32>?) -> Bool {
        #if os(Linux) && canImport(Glibc)
        return (allowed?.count ?? 0) > 1 && rex_thread_current_processor() >= 0
        #else
        return false
        #endif
    }
}
