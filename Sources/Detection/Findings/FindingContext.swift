import Ledger

/// What every finding rule reads: the linked payments, the streams and their subscriptions,
/// the config matchers, and which charges a more serious finding already claims.
struct FindingContext {
    let payments: [Payment]
    let streams: [DetectedStream]
    let subscriptions: [Subscription]
    let config: DetectionConfig
    let asOf: CivilDate
    /// Per payment: ignored by the config.
    let ignored: [Bool]
    /// Per payment: index of the stream it belongs to.
    let streamOf: [Int: Int]
    /// Charges cited by charge-after-cancellation: other kinds leave them out so that no
    /// money is claimed twice.
    var claimedByCancellation = Set<Int>()

    func isIgnored(stream s: Int) -> Bool {
        streams[s].keptEvents.contains { ignored[$0.payment] }
    }

    func money(_ minor: Int64, _ currency: Currency) -> Money { Money(minorUnits: minor, currency: currency) }

    /// Builds a finding citing `charges` (payment indices), in date order.
    func finding(_ kind: FindingKind, stream: Int?, charges: [Int], amount: Int64, currency: Currency,
                 detail: FindingDetail, merchantKey: String? = nil, idExtra: [String] = [], deadlines: [Deadline]? = nil) -> Finding {
        let ordered = charges.sorted { Payment.chronological(payments[$0], payments[$1]) }
        let cited = ordered.map { payments[$0] }
        let key = merchantKey ?? stream.map { streams[$0].merchantKey } ?? cited.first?.merchant.key ?? ""
        let merchant = stream.map { subscriptions[$0].merchant } ?? SubscriptionBuilder.mostCommonName(cited)
        let refunded = cited.reduce(Int64(0)) { $0 + $1.refunded }
        return Finding(
            id: FindingIDs.finding(kind: kind, merchantKey: key, transactionIDs: cited.map(\.id), extra: idExtra),
            kind: kind, merchant: merchant, subscriptionID: stream.map { subscriptions[$0].id },
            amount: money(amount, currency), transactions: cited.map(\.tx), detail: detail,
            deadlines: deadlines ?? Deadlines.forCharges(cited, kind: kind, asOf: asOf),
            refunded: refunded > 0 ? money(refunded, currency) : nil)
    }

    /// The plan declared for a stream: merchant text matches, and when the plan names an amount,
    /// it is within a factor of two of the stream's price.
    func plan(for s: Int) -> Plan? {
        let stream = streams[s]
        guard let sample = stream.keptEvents.first.map({ payments[$0.payment] }) else { return nil }
        for plan in config.plans {
            let matcher = MerchantTextMatcher(plan.merchant, aliases: config.aliases)
            guard matcher.matches(rawText: sample.rawMerchant, identity: sample.merchant) else { continue }
            if let amount = plan.amount {
                guard amount.currency == stream.currency else { continue }
                let ratio = Double(subscriptions[s].amount.minorUnits) / Double(max(1, amount.magnitude.minorUnits))
                guard ratio >= 0.5 && ratio <= 2 else { continue }
            }
            return plan
        }
        return nil
    }
}
