import Ledger

/// A recurring stream found in the charges of one merchant.
struct DetectedStream: Sendable {
    var merchantKey: String
    var currency: Currency
    /// The charges fitted to the cadence, chronological, duplicates included (see `fit.classes`).
    var events: [StreamEvent]
    var fit: CadenceFit
    /// A token or intro charge before the first full-price charge.
    var trial: StreamEvent?

    var cadence: Cadence { fit.cadence }

    /// The charges the stream consists of: the trial, then every charge but same-cycle repeats.
    var memberEvents: [StreamEvent] {
        var out: [StreamEvent] = trial.map { [$0] } ?? []
        for (e, c) in zip(events, fit.classes) { if case .duplicate = c { continue }; out.append(e) }
        return out
    }

    var keptEvents: [StreamEvent] {
        zip(events, fit.classes).compactMap { e, c in if case .duplicate = c { return nil }; return e }
    }
}

/// Step four: per merchant, price levels → cadence fits → levels joined across price changes →
/// evidence test → single charges (trial, one charge at the old or new price) attached.
enum StreamFinder {
    static func find(_ payments: [Payment]) -> [DetectedStream] {
        // Keys compared as bytes: a String key would be hashed through Unicode normalisation
        // once per payment (merchant keys are mostly Chinese).
        struct GroupKey: Hashable {
            let text: ExactText, currency: String
            var key: String { text.text }
            init(key: String, currency: String) { text = ExactText(key); self.currency = currency }
        }
        var groupOf: [GroupKey: Int] = [:]
        var members: [[Int]] = []
        for (i, p) in payments.enumerated() where !p.isFullyRefunded && p.tx.kind == .payment {
            let k = GroupKey(key: p.merchant.key, currency: p.currency.code)
            if let g = groupOf[k] { members[g].append(i) } else { groupOf[k] = members.count; members.append([i]) }
        }
        // Merchants in the order of their joined key, as always; each is independent of the
        // others, so they run in parallel and are put back in that order.
        let order = groupOf.map { (name: $0.key.key + "\u{1F}" + $0.key.currency, group: $0.value) }.sorted { $0.name < $1.name }
        let groups = members
        let chunks = ParallelChunks(count: order.count, perWorker: 16)
        let results = ParallelChunks.Slots<[DetectedStream]>(count: chunks.count)
        chunks.run { chunk in
            var productKeys = ProductKeys()
            var gifts = TextMemo<Bool>()
            var planWords = PlanWordCache()
            var out: [DetectedStream] = []
            for o in order[chunks.range(chunk)] {
                var events: [StreamEvent] = []
                // Fields read in place: binding a payment would retain every string of its row.
                payments.withUnsafeBufferPointer { p in
                    for i in groups[o.group] {
                        if gifts.value(p[i].tx.product, isGiftText) || gifts.value(p[i].tx.sourceType, isGiftText) { continue }
                        events.append(StreamEvent(payment: i, date: p[i].tx.date, day: p[i].day, amount: p[i].magnitude,
                                                  productKey: productKeys.number(p[i].tx.product), channel: p[i].tx.channel))
                    }
                }
                guard events.count >= 2 else { continue }
                let first = events[0].payment
                out += streamsOfMerchant(events, key: payments[first].merchant.key, currency: payments[first].currency, payments: payments,
                                         planWords: &planWords)
            }
            results.set(chunk, out)
        }
        return results.values.flatMap { $0 }
    }

    static func streamsOfMerchant(_ events: [StreamEvent], key: String, currency: Currency, payments: [Payment]) -> [DetectedStream] {
        var planWords = PlanWordCache()
        return streamsOfMerchant(events, key: key, currency: currency, payments: payments, planWords: &planWords)
    }

    static func streamsOfMerchant(_ events: [StreamEvent], key: String, currency: Currency, payments: [Payment],
                                  planWords: inout PlanWordCache) -> [DetectedStream] {
        let levels = AmountLevels.cluster(events)
        var loose: [StreamEvent] = []
        var tentative: [(events: [StreamEvent], fit: CadenceFit)] = []
        for level in levels {
            if level.count >= 2, let fit = Intervals.bestFit(level), fit.onCadence >= 1 {
                tentative.append((level, fit))
            } else {
                loose += level
            }
        }
        tentative.sort { $0.events[0].day != $1.events[0].day ? $0.events[0].day < $1.events[0].day : $0.events[0].amount < $1.events[0].amount }

        // Join levels that follow one another in time on the same schedule: a price change.
        var chains: [(events: [StreamEvent], fit: CadenceFit)] = []
        for level in tentative {
            var target: Int?
            for (ci, chain) in chains.enumerated() {
                guard let last = chain.events.last, last.day < level.events[0].day,
                      chain.fit.cadence == level.fit.cadence || level.events.count == 2 else { continue }
                let ratio = Double(AmountLevels.typical(level.events)) / Double(last.amount)
                guard ratio >= 0.5 && ratio <= 2.5 else { continue }
                let joined = Intervals.fit(chain.events + [level.events[0]], cadence: chain.fit.cadence)
                switch joined.classes.last {
                case .onCadence?, .missed(1)?: break
                default: continue
                }
                if let t = target, chains[t].events.last!.day >= last.day { continue }
                target = ci
            }
            if let t = target {
                let merged = chains[t].events + level.events
                chains[t] = (merged, Intervals.fit(merged, cadence: chains[t].fit.cadence))
            } else {
                chains.append(level)
            }
        }

        let groupDays = events.map(\.day).sorted()
        var found: [DetectedStream] = []
        for chain in chains {
            guard let fit = Intervals.bestFit(chain.events) else { loose += chain.events; continue }
            let hasPlanWord = chain.events.contains {
                planWords.has(payments[$0.payment].tx.product) || planWords.has(payments[$0.payment].rawMerchant)
            }
            let others = countInRange(groupDays, chain.events.first!.day, chain.events.last!.day) - chain.events.count
            if StreamEvidence.isSubscription(fit, events: chain.events, hasPlanWord: hasPlanWord, otherChargesInSpan: others) {
                found.append(DetectedStream(merchantKey: key, currency: currency, events: chain.events, fit: fit, trial: nil))
            } else {
                loose += chain.events
            }
        }
        loose.sort { $0.day != $1.day ? $0.day < $1.day : $0.payment < $1.payment }
        var used = Set<Int>()
        for si in found.indices { attachSingles(&found[si], loose: loose, used: &used) }
        return found
    }

    /// One charge at the old price before the first, or at a new price after the last, on
    /// schedule and within ±50% of the price; or a token charge (≤ 40% of the price) within one
    /// cycle before the first: the trial.
    static func attachSingles(_ s: inout DetectedStream, loose: [StreamEvent], used: inout Set<Int>) {
        let c = s.cadence
        let tol = Intervals.tolerance(c)
        guard let first = s.events.first, let last = s.events.last else { return }
        // After the last charge.
        if let after = loose.first(where: { e in
            !used.contains(e.payment) && e.day > last.day && ratioOK(e.amount, last.amount)
                && isOnCadence(Intervals.fit([last, e], cadence: c))
        }) {
            used.insert(after.payment)
            s.events.append(after)
        }
        // Before the first: old price on schedule, else a trial.
        let before = loose.filter { !used.contains($0.payment) && $0.day < first.day && first.day - $0.day <= Int(c.nominalDays) + tol }
        if let old = before.last(where: { ratioOK($0.amount, first.amount) && isOnCadence(Intervals.fit([$0, first], cadence: c)) }) {
            used.insert(old.payment)
            s.events.insert(old, at: 0)
        } else if let trial = before.last(where: { Double($0.amount) <= Double(first.amount) * 0.4 && first.day - $0.day >= 3 }) {
            used.insert(trial.payment)
            s.trial = trial
        }
        s.fit = Intervals.fit(s.events, cadence: c)
    }

    /// Red packets (红包) are gifts between people: however regular, never a subscription.
    static func isGiftText(_ text: String) -> Bool { ByteSearch.contains(text, redPacket) }

    private static let redPacket = Array("红包".utf8)

    static func ratioOK(_ a: Int64, _ b: Int64) -> Bool {
        let r = Double(a) / Double(max(b, 1))
        return r >= 0.67 && r <= 1.5
    }

    static func isOnCadence(_ fit: CadenceFit) -> Bool {
        if case .onCadence? = fit.classes.last { return true }
        return false
    }

    static func countInRange(_ sortedDays: [Int], _ from: Int, _ to: Int) -> Int {
        func lowerBound(_ x: Int) -> Int {
            var lo = 0, hi = sortedDays.count
            while lo < hi { let m = (lo + hi) / 2; if sortedDays[m] < x { lo = m + 1 } else { hi = m } }
            return lo
        }
        return lowerBound(to + 1) - lowerBound(from)
    }
}
