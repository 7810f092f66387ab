import Ledger

/// `trial-conversion`: a token or intro charge (at most 40% of the price: ¥0.01, ¥1, a first
/// month at ¥9 of ¥25) followed by full-price renewals. Cites the first full-price charge.
enum TrialConversionRule {
    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            guard let trial = stream.trial, let full = stream.keptEvents.first,
                  !ctx.claimedByCancellation.contains(full.payment) else { continue }
            out.append(ctx.finding(.trialConversion, stream: s, charges: [full.payment], amount: ctx.payments[full.payment].outstanding,
                                   currency: stream.currency,
                                   detail: .trialConversion(trialAmount: Money(minorUnits: trial.amount, currency: stream.currency),
                                                            fullAmount: Money(minorUnits: full.amount, currency: stream.currency))))
        }
        return out
    }
}
