import Ledger

/// Joins every file's transactions into the one array detection reads, moving them rather
/// than copying: a copy retains each of a transaction's dozen strings and freeing the
/// per-file arrays releases them again, ~30 million atomic operations for a million rows.
enum TransactionMerge {
    /// Moves the transactions out of `outcomes` (which are left empty) in outcome order.
    static func moveAll(from outcomes: inout [FileOutcome]) -> [Transaction] {
        let total = outcomes.reduce(0) { $0 + $1.transactions.count }
        return [Transaction](unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            for index in outcomes.indices where !outcomes[index].transactions.isEmpty {
                var part: [Transaction] = []
                swap(&part, &outcomes[index].transactions)
                let count = part.count
                part.withUnsafeMutableBufferPointer { source in
                    let destination = buffer.baseAddress! + initialized
                    destination.moveInitialize(from: source.baseAddress!, count: count)
                    // The moved-from slots are uninitialised now; the array will destroy them
                    // when it is freed, so they get a value whose strings are all inline
                    // (no reference to release).
                    source.baseAddress!.initialize(repeating: placeholder, count: count)
                }
                initialized += count
            }
        }
    }

    private static let placeholder = Transaction(
        id: "", format: "", source: SourceLocation(path: "", line: 0), time: Timestamp(epochSeconds: 0, offsetSeconds: 0),
        amount: Money(minorUnits: 0, currency: Currency("XXX")), counterparty: "", channel: .other, kind: .transfer)
}
