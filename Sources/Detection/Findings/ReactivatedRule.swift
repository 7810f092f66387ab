import Ledger

/// `reactivated`: a stream silent for two or more cycles charges again. Cites the charges from
/// the restart up to the next stop.
enum ReactivatedRule {
    static func findings(_ ctx: FindingContext) -> [Finding] {
        var out: [Finding] = []
        for (s, stream) in ctx.streams.enumerated() where !ctx.isIgnored(stream: s) {
            let classes = stream.fit.classes
            for (i, c) in classes.enumerated() {
                guard case .restart(let missed, let gap) = c else { continue }
                var charges: [Int] = []
                var j = i
                while j < classes.count {
                    if j > i, case .restart = classes[j] { break }
                    if case .duplicate = classes[j] {} else if !ctx.claimedByCancellation.contains(stream.events[j].payment) {
                        charges.append(stream.events[j].payment)
                    }
                    j += 1
                }
                guard !charges.isEmpty else { continue }
                let owed = charges.reduce(Int64(0)) { $0 + ctx.payments[$1].outstanding }
                out.append(ctx.finding(.reactivated, stream: s, charges: charges, amount: owed, currency: stream.currency,
                                       detail: .reactivated(gapInDays: gap, missedCycles: missed)))
            }
        }
        return out
    }
}
