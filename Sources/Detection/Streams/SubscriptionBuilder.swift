import Ledger

/// Turns a detected stream into the public `Subscription`: status, next charge, price.
enum SubscriptionBuilder {
    static func build(_ s: DetectedStream, payments: [Payment], cancelled: Bool, asOf: CivilDate) -> Subscription {
        let members = s.memberEvents
        let kept = s.keptEvents
        let lastEvent = kept.last ?? members.last!
        let lastPayment = payments[lastEvent.payment]
        let next = nextExpected(s)
        var status: SubscriptionStatus = .active
        if cancelled {
            status = .cancelled
        } else {
            let grace = max(Intervals.tolerance(s.cadence), Int(s.cadence.nominalDays * 0.5))
            if asOf.dayNumber > next.dayNumber + grace { status = .lapsed }
        }
        let displayName = mostCommonName(members.map { payments[$0.payment] })
        let channels = Set(members.flatMap { payments[$0.payment].channels }).sorted()
        return Subscription(
            id: FindingIDs.subscription(merchantKey: s.merchantKey, cadence: s.cadence, firstTransactionID: payments[members[0].payment].id),
            merchant: displayName, merchantKey: s.merchantKey, cadence: s.cadence,
            amount: Money(minorUnits: lastPayment.magnitude, currency: s.currency), status: status,
            first: members[0].date, last: members.last!.date, nextExpected: status == .active ? next : nil,
            channels: channels, transactions: members.map { payments[$0.payment].tx })
    }

    /// After the last charge: one cycle on the anchor day; a stream renewing early at a steady
    /// shortened rhythm is expected again after that rhythm.
    static func nextExpected(_ s: DetectedStream) -> CivilDate {
        let kept = s.keptEvents
        guard let last = kept.last else { return s.events.last!.date }
        let classes = zip(s.events, s.fit.classes).filter { if case .duplicate = $0.1 { return false }; return true }.map(\.1)
        if case .early(let gap)? = classes.last, s.fit.earlyIsConsistent { return last.date.adding(days: gap) }
        let anchor = s.fit.anchors.last ?? last.date.day
        return Intervals.nextScheduled(after: last.date, cadence: s.cadence, anchor: anchor, steps: 1)
    }

    /// The alias name when there is one, else the display name seen most often (then the
    /// alphabetically first, for determinism).
    static func mostCommonName(_ payments: [Payment]) -> String {
        var counts: [String: Int] = [:]
        for p in payments { counts[p.merchant.displayName, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? "?"
    }
}
