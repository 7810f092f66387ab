import Dispatch
import Foundation

/// Maps over items on all cores, keeping input order. Files are independent, so reading them
/// in parallel is the cheap way to use both cores of a small machine.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    let results = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, transform(items[index]))
    }
    return results.values()
}

private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock(); slots[index] = value; lock.unlock()
    }

    func values() -> [R] { slots.map { $0! } }
}
