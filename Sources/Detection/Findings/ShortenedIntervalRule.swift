import Ledger

/// `shortened-interval`: renewals sooner than the declared plan's period, or than the cadence
/// the stream established (a monthly plan renewing every 20 days). Lists the early charges;
/// money at stake is the part of each early charge the shortening took (gap short of the
/// period, pro rata), since the service did run for the days that did pass.
enum ShortenedIntervalRule {
    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            let plan = ctx.plan(for: s)
            let cadence = plan?.cadence ?? stream.cadence
            let fit = plan == nil ? stream.fit : Intervals.fit(stream.events, cadence: cadence)
            var charges: [Int] = [], gaps: [Int] = []
            var owed: Int64 = 0
            for (i, (e, c)) in zip(stream.events, fit.classes).enumerated() {
                guard case .early(let gap) = c, !ctx.claimedByCancellation.contains(e.payment) else { continue }
                let prev = previousKept(before: i, fit.classes)
                // The full period from the previous charge, as the plan promised it.
                let from = stream.events[prev].date
                let period = Intervals.nextScheduled(after: from, cadence: cadence, anchor: from.day, steps: 1).dayNumber - from.dayNumber
                guard period > gap else { continue }
                charges.append(e.payment); gaps.append(gap)
                owed += ctx.payments[e.payment].outstanding * Int64(period - gap) / Int64(period)
            }
            guard !charges.isEmpty else { continue }
            out.append(ctx.finding(.shortenedInterval, stream: s, charges: charges, amount: owed, currency: stream.currency,
                                   detail: .shortenedInterval(expected: cadence, fromPlan: plan != nil, gapsInDays: gaps)))
        }
        return out
    }

    static func previousKept(before i: Int, _ classes: [GapClass]) -> Int {
        var j = i - 1
        while j > 0 { if case .duplicate = classes[j] { j -= 1 } else { break } }
        return max(0, j)
    }
}
