import Ledger

/// Step one and two of the detection: one row per payment, refunds applied.
enum Linker {
    static func link(_ transactions: [Transaction], resolver: inout MerchantResolver) -> LinkedLedger {
        let (unique, duplicateLinks) = ExactDuplicates.remove(transactions)
        let rows = unique.filter { $0.state == .settled }.sorted(by: transactionOrder)
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
        payments.sort(by: Payment.chronological)
        return LinkedLedger(payments: payments, links: links)
    }
}
