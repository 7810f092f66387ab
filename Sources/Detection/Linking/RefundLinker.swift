import Ledger

/// Ties refunds and reversals to the charge they give back, most certain evidence first:
/// the source's own reference (`relatesTo`, Alipay's `<id>_<suffix>` refund ids), then the
/// merchant order id, then same merchant with an amount no larger than what is still owed,
/// nearest earlier charge within 180 days.
enum RefundLinker {
    static let windowDays = 180

    static func apply(refunds: [Transaction], to payments: inout [Payment], resolver: inout MerchantResolver, keyMap: [String: String]) -> [Link] {
        var byID: [String: Int] = [:]
        var byOrder: [String: [Int]] = [:]
        var byMerchant: [String: [Int]] = [:]
        for (i, p) in payments.enumerated() {
            byID[p.tx.id] = byID[p.tx.id] ?? i
            for twin in p.twins { byID[twin.id] = byID[twin.id] ?? i }
            if let order = usableOrderID(p.tx) { byOrder[order + "\u{1F}" + p.currency.code, default: []].append(i) }
            byMerchant[p.merchant.key + "\u{1F}" + p.currency.code, default: []].append(i)
        }
        var linked = [Int64](repeating: 0, count: payments.count)
        var links: [Link] = []

        func credit(_ i: Int, _ r: Transaction) {
            let amount = r.amount.magnitude.minorUnits
            linked[i] += amount
            let fromStatus = payments[i].tx.refundedAmount.map { $0.currency == payments[i].currency ? $0.magnitude.minorUnits : 0 } ?? 0
            payments[i].refunded = min(payments[i].magnitude, max(fromStatus, linked[i]))
            links.append(Link(kind: r.kind == .reversal ? .reversal : .refund, primary: payments[i].tx.id, secondary: r.id))
        }

        for r in refunds.sorted(by: transactionOrder) {
            let amount = r.amount.magnitude.minorUnits
            guard amount > 0 else { continue }
            let currency = r.amount.currency
            let refundDay = r.date.dayNumber
            func fits(_ i: Int) -> Bool { payments[i].currency == currency && payments[i].day <= refundDay }

            if let ref = r.relatesTo?.trimmingSpaces, !ref.isEmpty, let i = byID[ref], payments[i].currency == currency {
                credit(i, r); continue
            }
            if let cut = r.id.lastIndex(of: "_"), let i = byID[String(r.id[..<cut])], fits(i) {
                credit(i, r); continue
            }
            if let order = usableOrderID(r), let list = byOrder[order + "\u{1F}" + currency.code],
               let i = list.last(where: { fits($0) && payments[$0].magnitude - linked[$0] >= amount }) ?? list.last(where: fits) {
                credit(i, r); continue
            }
            let rawKey = resolver.identity(of: r).key
            guard let list = byMerchant[(keyMap[rawKey] ?? rawKey) + "\u{1F}" + currency.code] else { continue }
            // Latest charge on or before the refund day, walking back through the window.
            var lo = 0, hi = list.count
            while lo < hi { let mid = (lo + hi) / 2; if payments[list[mid]].day <= refundDay { lo = mid + 1 } else { hi = mid } }
            var k = lo - 1
            while k >= 0 {
                let i = list[k]
                if payments[i].day < refundDay - windowDays { break }
                if payments[i].magnitude - max(linked[i], payments[i].refunded) >= amount { credit(i, r); break }
                k -= 1
            }
        }
        return links
    }

    static func usableOrderID(_ t: Transaction) -> String? {
        guard let o = t.merchantOrderID?.trimmingSpaces, !o.isEmpty, o != "/", o != "-" else { return nil }
        return o
    }
}
