import Ledger

/// `duplicate-charge`: a second charge of the same amount inside one cycle of a stream (minutes
/// or days apart), or the same merchant order charged twice. One finding per charge that was
/// due, listing only the extra charges.
enum DuplicateChargeRule {
    /// How far apart two payments of one merchant order may be to count as one order paid twice.
    static let sameOrderWindowDays = 7

    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        var reported = Set<Int>()
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            var extrasByOriginal: [Int: [Int]] = [:]
            for (e, c) in zip(stream.events, stream.fit.classes) {
                guard case .duplicate(let of) = c, !ctx.claimedByCancellation.contains(e.payment) else { continue }
                extrasByOriginal[stream.events[of].payment, default: []].append(e.payment)
            }
            for original in extrasByOriginal.keys.sorted() {
                let extras = extrasByOriginal[original]!
                reported.formUnion(extras)
                out.append(make(ctx, stream: s, original: original, extras: extras))
            }
        }
        // The same merchant order id charged twice, in or out of a stream.
        for list in sameOrderGroups(ctx).sorted(by: { $0[0] < $1[0] }) {
            // Only charges days apart are the same order paid twice: a merchant that reuses
            // one contract id for every monthly renewal is not double charging. Two rows with
            // the same transaction id are one payment written twice, not two payments.
            let byTime = list.sorted { (ctx.payments[$0].day, $0) < (ctx.payments[$1].day, $1) }
            var anchor = byTime[0]
            var extras: [Int] = []
            for i in byTime.dropFirst() {
                let close = ctx.payments[i].day - ctx.payments[anchor].day <= Self.sameOrderWindowDays
                if close && ctx.payments[i].tx.id != ctx.payments[anchor].tx.id {
                    if !reported.contains(i) && !ctx.claimedByCancellation.contains(i) { extras.append(i) }
                } else if !close {
                    if !extras.isEmpty { out.append(make(ctx, stream: ctx.streamOf[anchor], original: anchor, extras: extras)) }
                    reported.formUnion(extras)
                    extras = []
                    anchor = i
                }
            }
            if !extras.isEmpty {
                reported.formUnion(extras)
                out.append(make(ctx, stream: ctx.streamOf[anchor], original: anchor, extras: extras))
            }
        }
        return out
    }

    /// Texts compared as bytes: hashing a String normalises it.
    struct OrderKey: Hashable {
        let order: ExactText, merchant: ExactText, magnitude: Int64, currency: String
        init(order: String, merchant: String, magnitude: Int64, currency: String) {
            self.order = ExactText(order); self.merchant = ExactText(merchant); self.magnitude = magnitude; self.currency = currency
        }
    }

    /// Payments (not fully refunded, not ignored) sharing a merchant order id, merchant, amount
    /// and currency, each group in payment order; groups of one left out. Keys are hashed on
    /// all cores and sorted by hash, so only payments whose hashes meet are compared: almost
    /// every order id is seen once.
    static func sameOrderGroups(_ ctx: FindingContext) -> [[Int]] {
        let payments = ctx.payments, ignored = ctx.ignored
        let chunks = ParallelChunks(count: payments.count, perWorker: 2)
        let slots = ParallelChunks.Slots<[(hash: Int, index: Int)]>(count: chunks.count)
        chunks.run { chunk in
            var hashed: [(hash: Int, index: Int)] = []
            payments.withUnsafeBufferPointer { p in
                for i in chunks.range(chunk) where !p[i].isFullyRefunded && !ignored[i] {
                    guard let key = orderKey(p[i]) else { continue }
                    hashed.append((key.hashValue, i))
                }
            }
            slots.set(chunk, hashed)
        }
        var hashed = slots.values.flatMap { $0 }
        hashed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
        var groups: [[Int]] = []
        var start = 0
        while start < hashed.count {
            var end = start + 1
            while end < hashed.count && hashed[end].hash == hashed[start].hash { end += 1 }
            if end - start > 1 {
                // Equal hashes, usually equal keys: split by the keys themselves, in index order.
                var pending = hashed[start..<end].map(\.index)
                while pending.count > 1 {
                    let key = orderKey(payments[pending[0]])!
                    let same = pending.filter { orderKey(payments[$0])! == key }
                    if same.count > 1 { groups.append(same) }
                    pending = pending.filter { orderKey(payments[$0])! != key }
                }
            }
            start = end
        }
        return groups
    }

    private static func orderKey(_ p: Payment) -> OrderKey? {
        guard let order = p.tx.merchantOrderID, !order.isEmpty, order != "/", order != "-" else { return nil }
        return OrderKey(order: order, merchant: p.merchant.key, magnitude: p.magnitude, currency: p.currency.code)
    }

    static func make(_ ctx: FindingContext, stream: Int?, original: Int, extras: [Int]) -> Finding {
        let owed = extras.reduce(Int64(0)) { $0 + ctx.payments[$1].outstanding }
        return ctx.finding(.duplicateCharge, stream: stream, charges: extras, amount: owed, currency: ctx.payments[original].currency,
                           detail: .duplicate(original: ctx.payments[original].tx), merchantKey: ctx.payments[original].merchant.key)
    }
}
