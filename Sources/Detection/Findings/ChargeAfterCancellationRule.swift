import Ledger

/// `charge-after-cancellation`: any payment to a cancelled merchant dated after the
/// cancellation reached it (after its time of day when the config gives one), not fully
/// refunded. One finding per cancellation (and currency) citing all such charges.
enum ChargeAfterCancellationRule {
    static func findings(_ ctx: inout FindingContext) -> [Finding] {
        var out: [Finding] = []
        for cancellation in ctx.config.cancellations {
            let matcher = MerchantTextMatcher(cancellation.merchant, aliases: ctx.config.aliases)
            var cache: [String: Bool] = [:]
            var byCurrency: [String: [Int]] = [:]
            for (i, p) in ctx.payments.enumerated() where !p.isFullyRefunded && !ctx.ignored[i] && isAfter(p, cancellation) {
                let cacheKey = p.rawMerchant + "\u{1F}" + p.merchant.key
                let hit = cache[cacheKey] ?? matcher.matches(rawText: p.rawMerchant, identity: p.merchant)
                cache[cacheKey] = hit
                if hit { byCurrency[p.currency.code, default: []].append(i) }
            }
            for code in byCurrency.keys.sorted() {
                let charges = byCurrency[code]!
                let currency = ctx.payments[charges[0]].currency
                let owed = charges.reduce(Int64(0)) { $0 + ctx.payments[$1].outstanding }
                let streamOf = ctx.streamOf
                let stream = charges.compactMap { streamOf[$0] }.first
                out.append(ctx.finding(.chargeAfterCancellation, stream: stream, charges: charges, amount: owed,
                                       currency: currency, detail: .afterCancellation(cancellation)))
                ctx.claimedByCancellation.formUnion(charges)
            }
        }
        return out
    }

    static func isAfter(_ p: Payment, _ c: Cancellation) -> Bool {
        if let time = c.time, !p.tx.dateOnly { return p.tx.time > time }
        return p.day > c.date.dayNumber
    }
}
