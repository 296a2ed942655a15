import Foundation

/// A value made on a thread of its own while the caller goes on; `get()` waits for it. A thread of its own, not
/// the shared pool: the caller may be waiting from inside a parallel loop that holds every thread of the pool.
/// Where no thread can be started (the system's limit reached), the value is made at once, by the caller.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once, by whoever makes the value, and read only after `done` says it is written.
    private var result: Result<Value, any Error>?

    init(_ make: @escaping @Sendable () throws -> Value) {
        done.enter()
        let work: @Sendable () -> Void = {
            self.result = Result(catching: make)
            self.done.leave()
        }
        if !startThreadElsewhere(work) { work() }
    }

    /// The value, or the error making it threw.
    func get() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
