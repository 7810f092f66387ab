import Ledger

/// The whole detection: pure and deterministic. Same transactions, config and `asOf` give
/// the same result, whatever order the transactions arrive in.
///
/// 1. exact duplicates (same row from overlapping exports) → one;
/// 2. wallet rows and their funding card/bank rows → one payment; refunds and reversals applied;
/// 3. merchants normalised (aliases, SEPA mandates and payee ids first);
/// 4. streams: price levels, cadence fits, evidence;
/// 5. findings, most serious first; a charge claimed by charge-after-cancellation is not
///    claimed again by another kind.
public enum Detector {
    public static func run(_ transactions: [Transaction], config: DetectionConfig, asOf: CivilDate) -> DetectionResult {
        let (result, workings) = detect(transactions, config: config, asOf: asOf)
        workings.release()
        return result
    }

    /// The detection, and what it built on the way (the linked payments, the context) to be
    /// freed in the background once nothing else refers to it.
    private static func detect(_ transactions: [Transaction], config: DetectionConfig,
                               asOf: CivilDate) -> (DetectionResult, BackgroundRelease<FindingContext>) {
        var resolver = MerchantResolver(aliases: config.aliases)
        let ledger = Linker.link(transactions, resolver: &resolver)
        let payments = ledger.payments
        let streams = StreamFinder.find(payments)

        let ignoreMatchers = config.ignore.map { MerchantTextMatcher($0, aliases: config.aliases) }
        let ignored = MerchantMatching.flags(payments, matchers: ignoreMatchers)
        let cancellationMatchers = config.cancellations.map { (MerchantTextMatcher($0.merchant, aliases: config.aliases), $0) }

        var streamOf: [Int: Int] = [:]
        var subscriptions: [Subscription] = []
        for (s, stream) in streams.enumerated() {
            for e in stream.memberEvents { streamOf[e.payment] = s }
            let sample = payments[stream.keptEvents[0].payment]
            let first = stream.memberEvents[0].day
            let cancelled = cancellationMatchers.contains { matcher, c in
                c.date.dayNumber >= first && c.date <= asOf && matcher.matches(rawText: sample.rawMerchant, identity: sample.merchant)
            }
            subscriptions.append(SubscriptionBuilder.build(stream, payments: payments, cancelled: cancelled, asOf: asOf))
        }

        var ctx = FindingContext(payments: payments, streams: streams, subscriptions: subscriptions, config: config,
                                 asOf: asOf, ignored: ignored, streamOf: streamOf)
        var findings = ChargeAfterCancellationRule.findings(&ctx)
        findings += ShortenedIntervalRule.findings(ctx)
        findings += DuplicateChargeRule.findings(ctx)
        findings += PriceIncreaseRule.findings(ctx)
        findings += TrialConversionRule.findings(ctx)
        findings += ReactivatedRule.findings(ctx)
        findings += NewSubscriptionRule.findings(ctx)
        findings += UpcomingChargeRule.findings(ctx)
        findings.sort(by: FindingOrder.precedes)

        // `[[ignore]]` means never report on them: the rent to a landlord is not a
        // subscription to list or to count in the yearly cost.
        let order = subscriptions.indices.filter { !ctx.isIgnored(stream: $0) }.sorted { a, b in
            let x = subscriptions[a], y = subscriptions[b]
            if x.merchant != y.merchant { return x.merchant < y.merchant }
            if x.first != y.first { return x.first < y.first }
            return x.id < y.id
        }
        let workings = BackgroundRelease(ctx)
        let links = ledger.links.sorted { ($0.kind.rawValue, $0.primary, $0.secondary) < ($1.kind.rawValue, $1.primary, $1.secondary) }
        return (DetectionResult(subscriptions: order.map { subscriptions[$0] }, findings: findings, links: links), workings)
    }
}

enum FindingOrder {
    /// Severity, then money at stake (largest first), then id.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.amount.minorUnits != b.amount.minorUnits { return a.amount.minorUnits > b.amount.minorUnits }
        return a.id < b.id
    }
}

enum MerchantMatching {
    /// Per payment: whether any matcher matches it, computed once per distinct merchant text.
    static func flags(_ payments: [Payment], matchers: [MerchantTextMatcher]) -> [Bool] {
        guard !matchers.isEmpty else { return Array(repeating: false, count: payments.count) }
        var cache: [String: Bool] = [:]
        return payments.map { p in
            let key = p.rawMerchant + "\u{1F}" + p.merchant.key
            if let hit = cache[key] { return hit }
            let hit = matchers.contains { $0.matches(rawText: p.rawMerchant, identity: p.merchant) }
            cache[key] = hit
            return hit
        }
    }
}
