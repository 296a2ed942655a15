import Foundation

/// A value made on a thread of its own while the caller goes on; `get()` waits for it. A thread of its own, not
/// the shared pool: the caller may be waiting from inside a parallel loop that holds every thread of the pool.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the thread, read only after `done` says it is written.
    private var result: Result<Value, any Error>?

    init(_ make: @escaping @Sendable () throws -> Value) {
        done.enter()
        Thread {
            self.result = Result(catching: make)
            self.done.leave()
        }.start()
    }

    /// The value, or the error making it threw.
    func get() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
