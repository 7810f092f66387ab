import Dispatch
import Ledger

/// Joins every file's transactions into the one array detection reads, moving them rather
/// than copying: a copy retains each of a transaction's dozen strings and freeing the
/// per-file arrays releases them again, ~30 million atomic operations for a million rows.
/// Files are moved on all cores, each into its own range of the result.
enum TransactionMerge {
    /// Moves the transactions out of `outcomes` (which are left empty) in outcome order.
    static func moveAll(from outcomes: inout [FileOutcome]) -> [Transaction] {
        var offsets: [Int] = []
        offsets.reserveCapacity(outcomes.count)
        var total = 0
        for o in outcomes {
            offsets.append(total)
            total += o.transactions.count
        }
        return [Transaction](unsafeUninitializedCapacity: total) { buffer, initialized in
            outcomes.withUnsafeMutableBufferPointer { files in
                let target = MoveTarget(files: files, destination: buffer.baseAddress, offsets: offsets)
                DispatchQueue.concurrentPerform(iterations: files.count) { target.move(file: $0) }
            }
            initialized = total
        }
    }

    /// The pointers the workers share: each worker touches only its file and its range.
    private struct MoveTarget: @unchecked Sendable {
        let files: UnsafeMutableBufferPointer<FileOutcome>
        let destination: UnsafeMutablePointer<Transaction>?
        let offsets: [Int]

        func move(file index: Int) {
            var part: [Transaction] = []
            swap(&part, &files[index].transactions)
            let count = part.count
            guard count > 0, let destination else { return }
            part.withUnsafeMutableBufferPointer { source in
                (destination + offsets[index]).moveInitialize(from: source.baseAddress!, count: count)
                // The moved-from slots are uninitialised now; the array will destroy them when
                // it is freed, so they get a value whose strings are all inline (no reference
                // to release).
                source.baseAddress!.initialize(repeating: placeholder, count: count)
            }
        }
    }

    private static let placeholder = Transaction(
        id: "", format: "", source: SourceLocation(path: "", line: 0), time: Timestamp(epochSeconds: 0, offsetSeconds: 0),
        amount: Money(minorUnits: 0, currency: Currency("XXX")), counterparty: "", channel: .other, kind: .transfer)
}
