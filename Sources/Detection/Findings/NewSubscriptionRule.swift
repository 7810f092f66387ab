import Ledger

/// `new-subscription`: an active stream that became a stream within its last cycle (the charge
/// that met the evidence threshold is at most one cycle old). Cites the charges that
/// established it, so the id stays put while the stream grows. Money: the price per cycle.
enum NewSubscriptionRule {
    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) && ctx.subscriptions[s].status == .active {
            let kept = stream.keptEvents
            let needed = Intervals.establishedByTwoCharges(stream.cadence) ? 2 : 3
            guard kept.count >= needed else { continue }
            let established = kept[needed - 1]
            let age = ctx.asOf.dayNumber - established.day
            guard age >= 0, Double(age) <= stream.cadence.nominalDays + Double(Intervals.tolerance(stream.cadence)) else { continue }
            let charges = (stream.trial.map { [$0.payment] } ?? []) + kept.prefix(needed).map(\.payment)
            out.append(ctx.finding(.newSubscription, stream: s, charges: charges, amount: ctx.subscriptions[s].amount.minorUnits,
                                   currency: stream.currency, detail: .newSubscription, deadlines: []))
        }
        return out
    }
}
