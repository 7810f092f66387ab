import Ledger

/// `upcoming-charge`: an active stream's next charge falls within `upcomingDays` of `asOf`:
/// cancel now to avoid it. Cites the last charge (what the expectation rests on).
enum UpcomingChargeRule {
    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            let sub = ctx.subscriptions[s]
            guard sub.status == .active, let next = sub.nextExpected, let last = stream.keptEvents.last else { continue }
            let ahead = ctx.asOf.days(until: next)
            guard ahead >= 0 && ahead <= ctx.config.upcomingDays else { continue }
            out.append(ctx.finding(.upcomingCharge, stream: s, charges: [last.payment], amount: sub.amount.minorUnits,
                                   currency: stream.currency, detail: .upcoming(date: next, amount: sub.amount),
                                   idExtra: [next.description], deadlines: [Deadlines.renewalReminder(before: next)]))
        }
        return out
    }
}
