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
        // Texts compared as bytes: hashing a String normalises it, once per payment.
        struct OrderKey: Hashable {
            let order: ExactText, merchant: ExactText, magnitude: Int64, currency: String
            init(order: String, merchant: String, magnitude: Int64, currency: String) {
                self.order = ExactText(order); self.merchant = ExactText(merchant); self.magnitude = magnitude; self.currency = currency
            }
        }
        // Payments chained per key from the first one (no array per key: almost every order
        // id is seen once); only keys seen twice or more are read back.
        var firstOf: [OrderKey: Int] = [:]
        firstOf.reserveCapacity(ctx.payments.count)
        var next = [Int](repeating: -1, count: ctx.payments.count)
        var lastOf = [Int](repeating: -1, count: ctx.payments.count)
        var repeatedFirsts: [Int] = []
        for i in ctx.payments.indices where !ctx.payments[i].isFullyRefunded && !ctx.ignored[i] {
            guard let order = ctx.payments[i].tx.merchantOrderID, !order.isEmpty, order != "/", order != "-" else { continue }
            let key = OrderKey(order: order, merchant: ctx.payments[i].merchant.key, magnitude: ctx.payments[i].magnitude,
                               currency: ctx.payments[i].currency.code)
            if let first = firstOf[key] {
                if lastOf[first] < 0 { repeatedFirsts.append(first); next[first] = i } else { next[lastOf[first]] = i }
                lastOf[first] = i
            } else {
                firstOf[key] = i
            }
        }
        let repeated = repeatedFirsts.map { first -> [Int] in
            var list: [Int] = []
            var k = first
            while k >= 0 { list.append(k); k = next[k] }
            return list
        }
        for list in repeated.sorted(by: { $0[0] < $1[0] }) {
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

    static func make(_ ctx: FindingContext, stream: Int?, original: Int, extras: [Int]) -> Finding {
        let owed = extras.reduce(Int64(0)) { $0 + ctx.payments[$1].outstanding }
        return ctx.finding(.duplicateCharge, stream: stream, charges: extras, amount: owed, currency: ctx.payments[original].currency,
                           detail: .duplicate(original: ctx.payments[original].tx), merchantKey: ctx.payments[original].merchant.key)
    }
}
