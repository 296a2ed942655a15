import Foundation

/// One value kept with the stamps it was made under, made again when they differ.
final class KeptValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: (stamps: String, value: Value)?

    /// `stamps`: nil when they cannot be trusted yet (`FileStamp.isSettled(at:)`): the value is made, not kept.
    func value(under stamps: String?, _ make: () throws -> Value) rethrows -> Value {
        if let stamps, let kept = lock.withLock({ kept }), kept.stamps == stamps { return kept.value }
        let value = try make()
        lock.withLock { kept = stamps.map { ($0, value) } }
        return value
    }
}
