import Dispatch

/// Splits `count` independent items into contiguous chunks for `concurrentPerform`. Results go
/// into one slot per chunk and are read back in chunk order, so the output never depends on
/// which thread finished first.
struct ParallelChunks: Sendable {
    let items: Int
    let count: Int

    /// About `perWorker` chunks per core, so that one large merchant does not leave a core idle.
    init(count items: Int, perWorker: Int) {
        self.items = items
        let workers = max(1, ProcessInfoLite.activeProcessorCount)
        self.count = items == 0 ? 0 : min(items, workers * perWorker)
    }

    func range(_ chunk: Int) -> Range<Int> {
        (items * chunk / count)..<(items * (chunk + 1) / count)
    }

    func run(_ body: @Sendable (Int) -> Void) {
        if count <= 1 {
            for c in 0..<count { body(c) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// One value per chunk, each written by exactly one chunk's worker.
    final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = DispatchQueue(label: "autodebit.detection.slots")

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func set(_ chunk: Int, _ value: T) { lock.sync { storage[chunk] = value } }

        var values: [T] { lock.sync { storage.map { $0! } } }
    }
}

/// Online cores without Foundation's `ProcessInfo` (detection stays Foundation-free).
enum ProcessInfoLite {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #elseif canImport(Darwin)
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
