import Detection
import Ledger

/// What can happen to one subscription. Each planted stream gets at most one anomaly or trap.
enum Plant: CaseIterable {
    case none, chargedAfterCancellation, refundedAfterCancellation, cancelledCleanly, shortened, plannedShortPeriod,
         duplicate, refundedDuplicate, priceIncrease, plannedPriceIncrease, trial, reactivated, alipayEarly, monthEnd31,
         stopped, secondStreamSameMerchant, renamedWithAlias, differentProductSameDay
}

enum SubscriptionSimulator {
    static func addSubscriptions(_ w: inout World) {
        var cn = MerchantPools.cnSubscriptions
        var intl = MerchantPools.intlSubscriptions
        shuffle(&cn, &w.rng); shuffle(&intl, &w.rng)
        let chosen = Array(cn.prefix(w.rng.int(4...8))) + Array(intl.prefix(w.rng.int(1...3)))
        var plants = Plant.allCases.filter { $0 != .none }
        shuffle(&plants, &w.rng)
        for (i, template) in chosen.enumerated() {
            let plant = i < plants.count && w.rng.chance(0.85) ? plants[i] : .none
            simulate(template, plant: plant, label: "s\(i)", &w)
        }
    }

    static func shuffle<T>(_ a: inout [T], _ rng: inout SplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.int(0...i)) }
    }

    struct Charge {
        var date: CivilDate
        var amount: Int64
        var name: String
        var product: String
        var label: String = ""
    }

    static func simulate(_ t: SubscriptionTemplate, plant requested: Plant, label: String, _ w: inout World) {
        var plant = requested
        var cadence = w.rng.pick(t.cadences)
        let monthly = cadence == .monthly
        // Anomalies that need a monthly wallet stream fall back to none elsewhere.
        if [.shortened, .plannedShortPeriod, .alipayEarly, .secondStreamSameMerchant, .renamedWithAlias, .differentProductSameDay].contains(plant)
            && !(monthly && t.rail == .wallet) { plant = .none }
        if plant == .monthEnd31 && cadence.months == nil { plant = .none }
        if plant == .plannedShortPeriod { cadence = .days(w.rng.int(18...23)) }
        var amount = w.rng.pick(t.amounts)
        let channel: Channel
        switch t.rail {
        case .wallet: channel = plant == .alipayEarly ? .alipay : (w.rng.chance(0.5) ? .wechat : .alipay)
        case .card: channel = .card
        case .sepa: channel = .sepaDirectDebit
        case .bank: channel = .bank
        }
        // Foreign plans on a yuan card drift with the exchange rate.
        let fxOnCNYCard = t.rail == .card && w.rng.chance(0.3)
        let currency: Currency = fxOnCNYCard ? .cny : t.currency
        let twinChance = t.rail == .wallet ? (w.rng.chance(0.35) ? 1.0 : 0.0) : 0
        let mandate: Mandate? = t.rail == .sepa
            ? Mandate(creditorID: "DE\(w.rng.int(10...99))ZZZ\(w.rng.digits(11))", mandateID: "MNDT-" + w.rng.digits(8)) : nil

        // Schedule: from a start inside the data window up to asOf.
        let cycles = cadence.nominalDays
        let maxBack = Double(w.dataStart.days(until: w.asOf)) - 5
        let minBack = min(maxBack, cycles * (Intervals_isLong(cadence) ? 1.1 : 6.5))
        let back = Int(Double.random(in: minBack...max(minBack, maxBack), using: &w.rng))
        var start = w.asOf.adding(days: -back)
        var anchor = start.day
        if plant == .monthEnd31 {
            start = CivilDate(year: start.year, month: start.month, day: CivilDate.daysIn(month: start.month, year: start.year))!
            if start.day != 31 { start = start.adding(months: 1, anchorDay: 31) }
            anchor = 31
        }
        func next(_ d: CivilDate, _ c: Cadence) -> CivilDate { c.months.map { d.adding(months: $0, anchorDay: anchor) } ?? c.next(after: d) }
        var slots: [CivilDate] = []
        var d = start
        while d <= w.asOf { slots.append(d); d = next(d, cadence) }
        var nextSlot = d
        let names = t.names
        var charges: [Charge] = []
        func name(_ i: Int, _ rng: inout SplitMix64) -> String {
            let base = names.count == 1 ? names[0] : names[rng.int(0...(names.count - 1))]
            var ref = rng.digits(3) + String((0..<3).map { _ in Character(Unicode.Scalar(UInt8(65 + rng.int(0...25)))) })
            shuffleChars(&ref, &rng)
            return base.replacing("%REF", with: ref)
        }
        for (i, s) in slots.enumerated() { charges.append(Charge(date: s, amount: amount, name: name(i, &w.rng), product: t.product)) }

        var truth = w.truth
        var expected: [(FindingKind, [Int])] = []   // indices into `charges` (resolved to ids after emission)
        var extra: [Charge] = []                      // duplicates and noise, not stream members
        var refundFully = Set<Int>()                  // indices of charges refunded in full
        var refundPartially = Set<Int>()
        var cancellation: Cancellation?
        var running = true
        var trialCharge: Charge?
        var planShort: Plan?
        var dupOf: Int?

        let n = charges.count
        switch plant {
        case .chargedAfterCancellation, .refundedAfterCancellation, .cancelledCleanly:
            guard n >= 4 else { break }
            let c = w.rng.int(2...(n - 2))
            let gapToNext = charges[c].date.days(until: charges[c + 1].date)
            let cancelDate = charges[c].date.adding(days: w.rng.int(1...max(1, min(10, gapToNext / 3))))
            let after = plant == .cancelledCleanly ? 0 : min(n - c - 1, w.rng.int(1...3))
            charges = Array(charges.prefix(c + 1 + after))
            let post = Array((c + 1)..<(c + 1 + after))
            if plant == .refundedAfterCancellation, let r = post.first {
                refundFully.insert(r)
                if post.count > 1 && w.rng.chance(0.5) { refundPartially.insert(post[1]) }
            }
            let flagged = post.filter { !refundFully.contains($0) }
            if !flagged.isEmpty { expected.append((.chargeAfterCancellation, flagged)) }
            var text = cancelText(t.names[0], &w.rng)
            if mandate != nil { text = t.names[0] }
            cancellation = Cancellation(merchant: text, date: cancelDate, channel: "app")
            running = false
        case .shortened:
            guard n >= 6 else { break }
            let q = w.rng.int(4...(n - 2))
            let gap = w.rng.int(18...23)
            charges = Array(charges.prefix(q))
            var dd = charges[q - 1].date.adding(days: gap)
            var early: [Int] = []
            while dd <= w.asOf && early.count < 5 {
                early.append(charges.count)
                charges.append(Charge(date: dd, amount: amount, name: t.names[0], product: t.product))
                dd = dd.adding(days: gap)
            }
            nextSlot = dd
            expected.append((.shortenedInterval, early))
            if w.rng.chance(0.3) { w.config.plans.append(Plan(merchant: t.names[0], cadence: .monthly, amount: Money(minorUnits: amount, currency: currency))) }
        case .plannedShortPeriod:
            guard n >= 3 else { break }
            planShort = Plan(merchant: t.names[0], cadence: .monthly, amount: Money(minorUnits: amount, currency: currency))
            expected.append((.shortenedInterval, Array(1..<n)))
        case .duplicate, .refundedDuplicate:
            guard n >= 3 else { break }
            let k = w.rng.int(1...(n - 1))
            var dup = charges[k]
            dup.label = plant == .duplicate ? "dup" : "refunded-dup"
            dupOf = k
            extra.append(dup)
        case .priceIncrease, .plannedPriceIncrease:
            guard n >= 5 else { break }
            let p = w.rng.int(3...(n - 2))
            let newAmount = amount + max(100, amount * Int64(w.rng.int(10...40)) / 100)
            for i in p..<n { charges[i].amount = newAmount }
            if plant == .plannedPriceIncrease {
                w.config.plans.append(Plan(merchant: t.names[0], cadence: cadence, amount: Money(minorUnits: amount, currency: currency)))
            }
            expected.append((.priceIncrease, Array(p..<n)))
            amount = newAmount
        case .trial:
            guard n >= 3 else { break }
            let token = w.rng.pick([Int64(1), 100, amount * 3 / 10])
            let trialDate = cadence.months != nil && w.rng.chance(0.6) ? charges[0].date.adding(months: -1) : charges[0].date.adding(days: -7)
            if trialDate >= w.dataStart {
                trialCharge = Charge(date: trialDate, amount: max(1, token), name: t.names[0], product: t.product + "首月特惠")
                expected.append((.trialConversion, [0]))
            }
        case .reactivated:
            guard n >= 5 else { break }
            let r = w.rng.int(3...(n - 2))
            let missed = w.rng.int(2...4)
            var resume = charges[r - 1].date
            for _ in 0...missed { resume = next(resume, cadence) }
            resume = resume.adding(days: w.rng.int(3...9))
            anchor = resume.day
            charges = Array(charges.prefix(r))
            var dd = resume
            var after: [Int] = []
            while dd <= w.asOf {
                after.append(charges.count)
                charges.append(Charge(date: dd, amount: amount, name: name(0, &w.rng), product: t.product))
                dd = next(dd, cadence)
            }
            nextSlot = dd
            if !after.isEmpty { expected.append((.reactivated, after)) }
        case .stopped:
            guard n >= 4 else { break }
            charges = Array(charges.prefix(w.rng.int(3...(n - 1))))
            running = false
        case .differentProductSameDay:
            let k = w.rng.int(0...(n - 1))
            extra.append(Charge(date: charges[k].date, amount: amount / 3 + 100, name: t.names[0], product: "单片点播", label: "other-product"))
        default:
            break
        }

        // Emit.
        var ids: [String] = []
        var orderIDs: [String] = []
        let second = w.rng.int(0...86_000)
        func emit(_ c: Charge, early: Bool, _ w: inout World) -> Transaction {
            var date = c.date
            var sec = max(0, min(86_399, second + w.rng.int(-600...600)))
            if channel == .alipay && plant == .alipayEarly && early { date = date.adding(days: -w.rng.int(1...3)) }
            if channel == .card || channel == .sepaDirectDebit { date = date.adding(days: w.rng.int(0...2)) }
            if date > w.asOf { date = w.asOf; sec = 0 }
            var amt = c.amount
            if fxOnCNYCard { amt = c.amount * Int64(w.rng.int(715...725)) / 100 }
            switch channel {
            case .wechat, .alipay:
                return w.walletPayment(channel, date: date, second: sec, amount: amt, counterparty: c.name, product: c.product,
                                       orderID: "SUB" + w.rng.digits(16), twinChance: twinChance)
            default:
                return w.factory.add(channel, date: date, amount: amt, currency: currency, counterparty: c.name, product: c.product,
                                     account: channel == .card ? "****" + w.cardDigits : nil, mandate: mandate)
            }
        }
        var renamed: String?
        if plant == .renamedWithAlias {
            renamed = t.names[0] + "会员中心"
            w.config.aliases.append(Alias(name: t.names[0] + "VIP", match: [t.names[0], renamed!]))
        }
        var trialID: String?
        if let trial = trialCharge { trialID = emit(trial, early: false, &w).id }
        for (i, var c) in charges.enumerated() {
            if let renamed, i >= charges.count / 2 { c.name = renamed }
            let tx = emit(c, early: w.rng.chance(0.5), &w)
            ids.append(tx.id); orderIDs.append(tx.merchantOrderID ?? "")
        }
        // Refunds of charges, linked by reference, by order id, or by nothing but merchant and amount.
        for i in refundFully.union(refundPartially).sorted() {
            let original = w.factory.transactions.first { $0.id == ids[i] }!
            let amt = refundFully.contains(i) ? original.amount.magnitude.minorUnits : original.amount.magnitude.minorUnits / 2
            let how = w.rng.int(0...2)
            w.factory.add(original.channel == .card ? .card : original.channel, date: original.date.adding(days: w.rng.int(1...5)),
                          amount: amt, currency: original.amount.currency, counterparty: original.counterparty,
                          product: "退款-" + original.product, kind: .refund, outflow: false,
                          orderID: how == 1 ? original.merchantOrderID : nil, relatesTo: how == 0 ? original.id : nil)
        }
        for c in extra {
            let tx: Transaction
            if let k = dupOf, c.label.hasSuffix("dup") {
                // Same money again: minutes later the same day, or a day or two later.
                let original = w.factory.transactions.first { $0.id == ids[k] }!
                let sameDay = w.rng.chance(0.5)
                let sod = original.time.localSecondOfDay
                let date = original.date.adding(days: sameDay && sod < 80_000 ? 0 : w.rng.int(1...2))
                tx = w.factory.add(original.channel, date: date, second: sameDay && sod < 80_000 ? sod + w.rng.int(60...3_000) : nil,
                                   amount: original.amount.magnitude.minorUnits, currency: original.amount.currency,
                                   counterparty: original.counterparty, product: original.product, paymentMethod: original.paymentMethod,
                                   account: original.account, orderID: original.merchantOrderID.map { _ in "SUB" + w.rng.digits(16) },
                                   mandate: original.mandate)
            } else {
                tx = emit(c, early: false, &w)
            }
            if c.label == "refunded-dup" {
                w.factory.add(tx.channel, date: tx.date.adding(days: 2), amount: tx.amount.magnitude.minorUnits, currency: tx.amount.currency,
                              counterparty: tx.counterparty, product: "退款", kind: .refund, outflow: false, relatesTo: tx.id)
            } else if c.label == "dup" {
                truth.findings.append(.init(kind: .duplicateCharge, label: label, transactionIDs: [tx.id]))
            }
        }
        if let cancellation { w.config.cancellations.append(cancellation) }
        if let planShort { w.config.plans.append(planShort) }
        if plant == .secondStreamSameMerchant {
            var yearly = Charge(date: w.asOf.adding(days: -w.rng.int(400...700)), amount: amount * 10 - 200, name: t.names[0], product: t.product.replacing("连续包月", with: "年度会员"))
            var yids: [String] = []
            while yearly.date <= w.asOf {
                if yearly.date >= w.dataStart { yids.append(emit(yearly, early: false, &w).id) }
                yearly.date = yearly.date.adding(months: 12)
            }
            if yids.count >= 2 { truth.streams.append(.init(label: label + "-yearly", cadence: .yearly, transactionIDs: yids, ignored: false)) }
        }

        // Ground truth for the stream itself.
        let members = (trialID.map { [$0] } ?? []) + ids.enumerated().filter { !refundFully.contains($0.offset) }.map(\.element)
        let kept = ids.count - refundFully.count
        let established = kept >= (Intervals_isLong(cadence) ? 2 : 3)
        guard established else { keep(truth, in: &w); return }
        truth.streams.append(.init(label: label, cadence: cadence, transactionIDs: members, ignored: false))
        for (kind, idx) in expected {
            let cited = idx.map { ids[$0] }
            truth.findings.append(.init(kind: kind, label: label, transactionIDs: cited))
        }
        if running {
            let nextDate = nextSlot
            let ahead = w.asOf.days(until: nextDate)
            if ahead >= 0 && ahead <= w.config.upcomingDays, let last = ids.last {
                truth.findings.append(.init(kind: .upcomingCharge, label: label, transactionIDs: [last]))
            }
            let needed = Intervals_isLong(cadence) ? 2 : 3
            let keptIDs = ids.enumerated().filter { !refundFully.contains($0.offset) }.map(\.element)
            if keptIDs.count >= needed {
                let estDate = w.factory.transactions.first { $0.id == keptIDs[needed - 1] }!.date
                let age = estDate.days(until: w.asOf)
                if age >= 0 && Double(age) <= cadence.nominalDays + Double(tolerance(cadence)) {
                    truth.findings.append(.init(kind: .newSubscription, label: label,
                                                transactionIDs: (trialID.map { [$0] } ?? []) + Array(keptIDs.prefix(needed))))
                }
            }
        }
        keep(truth, in: &w)
    }

    /// Streams and findings are built on a copy; twins and habits were recorded on `w` meanwhile.
    static func keep(_ truth: GroundTruth, in w: inout World) {
        w.truth.streams = truth.streams
        w.truth.findings = truth.findings
    }

    /// The cancellation as a person types it: the brand, maybe in full-width letters or another case.
    static func cancelText(_ name: String, _ rng: inout SplitMix64) -> String {
        var base = name.split(separator: "*").first.map(String.init) ?? name
        base = base.split(separator: " ").first.map(String.init) ?? base
        switch rng.int(0...2) {
        case 0: return base.lowercased()
        case 1: return String(String.UnicodeScalarView(base.unicodeScalars.map { s in
                s.value >= 0x21 && s.value <= 0x7E ? Unicode.Scalar(s.value + 0xFEE0)! : s }))
        default: return base
        }
    }

    static func shuffleChars(_ s: inout String, _ rng: inout SplitMix64) {
        var chars = Array(s)
        shuffle(&chars, &rng)
        s = String(chars)
    }

    static func tolerance(_ c: Cadence) -> Int { c.toleranceDays }
}

/// Yearly plans are established by two charges (mirrors SPEC's evidence rule).
func Intervals_isLong(_ c: Cadence) -> Bool { c.nominalDays >= 300 }
