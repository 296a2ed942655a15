import Foundation

/// Maps on all cores, keeping the order of the input. Each result is built in its place in the output array (every
/// index is written by exactly one iteration, and `concurrentPerform` returns once all are done): no lock per item, and
/// no copy of a result — a document's model copied is a retain of each of its dozens of strings and arrays.
func parallelMap<Input: Sendable, Output: Sendable>(_ items: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
    Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
        let slots = Slots(base: buffer.baseAddress)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.put(transform(items[index]), at: index)
        }
        initialized = items.count
    }
}

/// The output array's storage, handed to the iterations (a pointer is not `Sendable` by itself).
private struct Slots<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>?

    func put(_ value: Value, at index: Int) {
        (base! + index).initialize(to: value)
    }
}
