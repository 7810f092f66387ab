import Ledger

/// The same row imported from two overlapping exports carries the same source id: keep one.
/// Rows sharing an id but differing in date or amount are different rows (some banks reuse
/// ids) and are all kept.
enum ExactDuplicates {
    static func remove(_ transactions: [Transaction]) -> (kept: [Transaction], links: [Link]) {
        // Sort indices, not the (large) transactions themselves.
        let order = transactions.indices.sorted { i, j in
            let a = transactions[i], b = transactions[j]
            return a.id != b.id ? a.id < b.id : (a.source != b.source ? a.source < b.source : transactionOrder(a, b))
        }
        let sorted = order.lazy.map { transactions[$0] }
        var kept: [Transaction] = []
        kept.reserveCapacity(sorted.count)
        var links: [Link] = []
        var groupStart = 0
        for t in sorted {
            if let lastIndex = kept.indices.last, kept[lastIndex].id == t.id {
                let isSame = kept[groupStart...].contains { $0.amount == t.amount && $0.date == t.date && $0.kind == t.kind }
                if isSame {
                    links.append(Link(kind: .duplicateExport, primary: t.id, secondary: t.id))
                    continue
                }
            } else {
                groupStart = kept.count
            }
            kept.append(t)
        }
        return (kept, links)
    }
}
