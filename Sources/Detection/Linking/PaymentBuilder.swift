import Ledger

/// Makes the `Payment` of each payment row, on all cores. Each payment copies its row, and a
/// copy retains every string of it: a million rows is tens of millions of retains on memory
/// no cache holds, the largest cost of linking. Rows are split into contiguous chunks, each
/// with its own text and merchant caches (identities are a pure function of the row, so the
/// result does not depend on the split), written straight into their places in the result.
enum PaymentBuilder {
    /// `positions` are positions in `rows` (payment order) of the rows to turn into payments;
    /// `fundingOf` gives each position's funding twin position, or -1.
    static func build(_ transactions: [Transaction], rows: [Int], positions: [Int], days: [Int], fundingOf: [Int32],
                      resolver: MerchantResolver) -> [Payment] {
        let chunks = ParallelChunks(count: positions.count, perWorker: 4)
        return [Payment](unsafeUninitializedCapacity: positions.count) { buffer, initialized in
            let destination = Destination(base: buffer.baseAddress)
            chunks.run { chunk in
                var texts = MerchantTextCache()
                var resolver = resolver
                transactions.withUnsafeBufferPointer { tx in
                    for k in chunks.range(chunk) {
                        let i = positions[k], r = rows[i]
                        let raw = texts.merchantText(tx[r])
                        let identity = resolver.identity(of: tx[r], merchantText: raw)
                        var p = Payment(tx: tx[r], day: days[r], magnitude: tx[r].amount.magnitude.minorUnits, merchant: identity,
                                        rawMerchant: raw)
                        if fundingOf[i] >= 0 { p.twins.append(tx[rows[Int(fundingOf[i])]]) }
                        if let refunded = tx[r].refundedAmount, refunded.currency == tx[r].amount.currency {
                            p.refunded = min(p.magnitude, refunded.magnitude.minorUnits)
                        }
                        destination.base!.advanced(by: k).initialize(to: p)
                    }
                }
            }
            initialized = positions.count
        }
    }

    /// The result's storage, shared by the workers: each writes only its own chunk's slots.
    private struct Destination: @unchecked Sendable {
        let base: UnsafeMutablePointer<Payment>?
    }
}
