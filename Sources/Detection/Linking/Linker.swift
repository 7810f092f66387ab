import Ledger

/// Step one and two of the detection: one row per payment, refunds applied.
enum Linker {
    static func link(_ transactions: [Transaction], resolver: inout MerchantResolver) -> LinkedLedger {
        let (unique, duplicateLinks) = ExactDuplicates.remove(transactions)
        let settled = unique.filter { $0.state == .settled }
        let rows = PaymentOrder.sorted(settled)
        let pairs = WalletFundingLinker.pair(rows)
        var fundingOf: [Int: Int] = [:]   // wallet index → funding index
        var isFunding = Set<Int>()
        for p in pairs { fundingOf[p.wallet] = p.funding; isFunding.insert(p.funding) }

        var payments: [Payment] = []
        var refunds: [Transaction] = []
        var links = duplicateLinks
        for (i, t) in rows.enumerated() where !isFunding.contains(i) {
            switch t.kind {
            case .payment where t.isOutflow && t.amount.minorUnits != 0:
                let identity = resolver.identity(of: t)
                var p = Payment(tx: t, day: t.date.dayNumber, magnitude: t.amount.magnitude.minorUnits,
                                merchant: identity, rawMerchant: MerchantResolver.merchantText(t))
                if let f = fundingOf[i] { p.twins.append(rows[f]) }
                if let r = t.refundedAmount, r.currency == t.amount.currency {
                    p.refunded = min(p.magnitude, r.magnitude.minorUnits)
                }
                payments.append(p)
            case .refund, .reversal:
                refunds.append(t)
            default:
                break
            }
        }
        for p in pairs { links.append(Link(kind: .walletFunding, primary: rows[p.wallet].id, secondary: rows[p.funding].id)) }
        let keyMap = CompanyNameMerger.map(keys: Set(payments.map(\.merchant.key)))
        for i in payments.indices { if let k = keyMap[payments[i].merchant.key] { payments[i].merchant.key = k } }
        links += RefundLinker.apply(refunds: refunds, to: &payments, resolver: &resolver, keyMap: keyMap)
        payments = PaymentOrder.chronological(payments)
        return LinkedLedger(payments: payments, links: links)
    }
}

/// Sorting by precomputed keys: comparing the large transaction values themselves costs a
/// retain and release of every field per comparison.
enum PaymentOrder {
    struct Key: Comparable {
        let day: Int, seconds: Int64, id: String, path: String, line: Int, amount: Int64
        static func < (a: Key, b: Key) -> Bool {
            (a.day, a.seconds, a.id, a.path, a.line, a.amount) < (b.day, b.seconds, b.id, b.path, b.line, b.amount)
        }
    }

    static func key(_ t: Transaction) -> Key {
        Key(day: t.date.dayNumber, seconds: t.time.epochSeconds, id: t.id, path: t.source.path, line: t.source.line, amount: t.amount.minorUnits)
    }

    static func sorted(_ rows: [Transaction]) -> [Transaction] {
        let keys = rows.map(key)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    static func chronological(_ payments: [Payment]) -> [Payment] {
        let keys = payments.map { key($0.tx) }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { payments[$0] }
    }
}
