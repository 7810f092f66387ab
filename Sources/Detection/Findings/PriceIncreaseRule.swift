import Ledger

/// `price-increase`: the stream's price rose and stayed (two charges in a row at the new
/// price), or a charge exceeded the declared plan's amount. Lists the charges at the new
/// price; money at stake is the difference times those charges.
enum PriceIncreaseRule {
    /// Changes within this share (and one minor unit) are exchange-rate drift, not a new price.
    static let drift = 0.02

    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            let kept = stream.keptEvents
            if let plan = ctx.plan(for: s), let planned = plan.amount, planned.currency == stream.currency {
                let base = planned.magnitude.minorUnits
                let above = kept.filter { $0.amount > base && !ctx.claimedByCancellation.contains($0.payment) }
                guard let top = above.map(\.amount).max() else { continue }
                let owed = above.reduce(Int64(0)) { $0 + min(ctx.payments[$1.payment].outstanding, $1.amount - base) }
                out.append(ctx.finding(.priceIncrease, stream: s, charges: above.map(\.payment), amount: owed, currency: stream.currency,
                                       detail: .priceIncrease(from: Money(minorUnits: base, currency: stream.currency),
                                                              to: Money(minorUnits: top, currency: stream.currency), fromPlan: true)))
                continue
            }
            var i = 1
            while i + 1 < kept.count {
                let old = kept[i - 1].amount
                guard isRise(from: old, to: kept[i].amount), sameLevel(kept[i].amount, kept[i + 1].amount) else { i += 1; continue }
                var j = i
                while j + 1 < kept.count && sameLevel(kept[i].amount, kept[j + 1].amount) { j += 1 }
                let atNew = kept[i...j].filter { !ctx.claimedByCancellation.contains($0.payment) }
                if !atNew.isEmpty {
                    let owed = atNew.reduce(Int64(0)) { $0 + min(ctx.payments[$1.payment].outstanding, $1.amount - old) }
                    out.append(ctx.finding(.priceIncrease, stream: s, charges: atNew.map(\.payment), amount: owed, currency: stream.currency,
                                           detail: .priceIncrease(from: Money(minorUnits: old, currency: stream.currency),
                                                                  to: Money(minorUnits: kept[i].amount, currency: stream.currency), fromPlan: false)))
                }
                i = j + 1
            }
        }
        return out
    }

    static func isRise(from a: Int64, to b: Int64) -> Bool { Double(b - a) > Double(a) * drift + 1 }
    static func sameLevel(_ a: Int64, _ b: Int64) -> Bool { Double(abs(b - a)) <= Double(a) * drift + 1 }
}
