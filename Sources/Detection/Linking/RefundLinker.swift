import Ledger

/// Ties refunds and reversals to the charge they give back, most certain evidence first:
/// the source's own reference (`relatesTo`, Alipay's `<id>_<suffix>` refund ids), then the
/// merchant order id, then same merchant with an amount no larger than what is still owed,
/// nearest earlier charge within 180 days.
enum RefundLinker {
    static let windowDays = 180

    static func apply(refunds refundRows: [Int], of transactions: [Transaction], days: [Int], to payments: inout [Payment],
                      resolver: inout MerchantResolver, keyMap: [String: String]) -> [Link] {
        // Compared and hashed as bytes: a String key would be hashed through Unicode
        // normalisation once per payment (merchant keys are mostly Chinese).

        // Index only what some refund names: one set lookup per payment instead of three
        // dictionary inserts and two built strings.
        // Ties keep the payment order the refunds came in.
        // Compared in place: binding two rows per comparison would retain all their strings.
        let refunds = transactions.withUnsafeBufferPointer { tx in
            refundRows.indices.sorted { a, b in
                if transactionOrder(tx[refundRows[a]], tx[refundRows[b]]) { return true }
                if transactionOrder(tx[refundRows[b]], tx[refundRows[a]]) { return false }
                return a < b
            }.map { refundRows[$0] }
        }
        var wantedIDs = Set<String>(), wantedOrders = Set<Keyed>(), wantedMerchants = Set<Keyed>()
        var merchantKeyOf: [Int: String] = [:]
        for r in refunds {
            let t = transactions[r]
            if let ref = t.relatesTo?.trimmingSpaces, !ref.isEmpty { wantedIDs.insert(ref) }
            if let cut = t.id.lastIndex(of: "_") { wantedIDs.insert(String(t.id[..<cut])) }
            if let order = usableOrderID(t) { wantedOrders.insert(Keyed(text: order, currency: t.amount.currency.code)) }
            let rawKey = resolver.identity(of: t).key
            let key = keyMap[rawKey] ?? rawKey
            merchantKeyOf[r] = key
            wantedMerchants.insert(Keyed(text: key, currency: t.amount.currency.code))
        }
        var byID: [String: Int] = [:]
        var byOrder: [Keyed: [Int]] = [:]
        var byMerchant: [Keyed: [Int]] = [:]
        if !refunds.isEmpty {
            // Every payment is tested against what the refunds name, on all cores; the hits are
            // then indexed in payment order, as one pass would.
            for hits in matches(payments, ids: wantedIDs, orders: wantedOrders, merchants: wantedMerchants) {
                for (id, i) in hits.ids { byID[id] = byID[id] ?? i }
                for (k, i) in hits.orders { byOrder[k, default: []].append(i) }
                for (k, i) in hits.merchants { byMerchant[k, default: []].append(i) }
            }
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

        for ri in refunds {
            let r = transactions[ri]
            let amount = r.amount.magnitude.minorUnits
            guard amount > 0 else { continue }
            let currency = r.amount.currency
            let refundDay = days[ri]
            func fits(_ i: Int) -> Bool { payments[i].currency == currency && payments[i].day <= refundDay }

            if let ref = r.relatesTo?.trimmingSpaces, !ref.isEmpty, let i = byID[ref], payments[i].currency == currency {
                credit(i, r); continue
            }
            if let cut = r.id.lastIndex(of: "_"), let i = byID[String(r.id[..<cut])], fits(i) {
                credit(i, r); continue
            }
            if let order = usableOrderID(r), let list = byOrder[Keyed(text: order, currency: currency.code)],
               let i = list.last(where: { fits($0) && payments[$0].magnitude - linked[$0] >= amount }) ?? list.last(where: fits) {
                credit(i, r); continue
            }
            guard let list = byMerchant[Keyed(text: merchantKeyOf[ri]!, currency: currency.code)] else { continue }
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

    /// A text and a currency, compared and hashed as bytes: a String key would be hashed
    /// through Unicode normalisation once per payment (merchant keys are mostly Chinese).
    struct Keyed: Hashable, Sendable {
        let text: ExactText, currency: String
        init(text: String, currency: String) { self.text = ExactText(text); self.currency = currency }
    }

    /// The payments (and funding twins) a refund may name, per chunk of payments in order.
    struct Hits: Sendable {
        var ids: [(String, Int)] = []
        var orders: [(Keyed, Int)] = []
        var merchants: [(Keyed, Int)] = []
    }

    private static func matches(_ payments: [Payment], ids: Set<String>, orders: Set<Keyed>, merchants: Set<Keyed>) -> [Hits] {
        let chunks = ParallelChunks(count: payments.count, perWorker: 4)
        let slots = ParallelChunks.Slots<Hits>(count: chunks.count)
        chunks.run { chunk in
            var hits = Hits()
            payments.withUnsafeBufferPointer { p in
                for i in chunks.range(chunk) {
                    if !ids.isEmpty {
                        if ids.contains(p[i].tx.id) { hits.ids.append((p[i].tx.id, i)) }
                        for k in p[i].twins.indices where ids.contains(p[i].twins[k].id) { hits.ids.append((p[i].twins[k].id, i)) }
                    }
                    if !orders.isEmpty, let order = usableOrderID(p[i].tx) {
                        let key = Keyed(text: order, currency: p[i].currency.code)
                        if orders.contains(key) { hits.orders.append((key, i)) }
                    }
                    let key = Keyed(text: p[i].merchant.key, currency: p[i].currency.code)
                    if merchants.contains(key) { hits.merchants.append((key, i)) }
                }
            }
            slots.set(chunk, hits)
        }
        return slots.values
    }

    static func usableOrderID(_ t: Transaction) -> String? {
        guard let o = t.merchantOrderID?.trimmingSpaces, !o.isEmpty, o != "/", o != "-" else { return nil }
        return o
    }
}
