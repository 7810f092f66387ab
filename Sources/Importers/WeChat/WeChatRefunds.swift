import Ledger

/// A WeChat refund row (`退款`, `微信红包-退款` …) carries its own 交易单号; what ties it to
/// the payment is the 商户单号 both rows share. Linking only happens inside one file.
enum WeChatRefunds {
    /// Several payments can share one merchant order (split payments, re-tries): prefer those
    /// whose status already says they were refunded, then the latest not after the refund,
    /// else the earliest.
    static func link(_ transactions: inout [Transaction]) {
        // Only orders that some refund names are ever looked up: index just those payments
        // (a file holds far more payments than refunds).
        // Loops read fields through the index: binding each element would copy (retain and
        // release) every String of every transaction.
        var refundOrders = Set<String>()
        for i in transactions.indices where transactions[i].kind == .refund {
            if let order = transactions[i].merchantOrderID { refundOrders.insert(order) }
        }
        guard !refundOrders.isEmpty else { return }
        var byOrder: [String: [Int]] = [:]
        for i in transactions.indices where transactions[i].kind == .payment {
            if let order = transactions[i].merchantOrderID, refundOrders.contains(order) { byOrder[order, default: []].append(i) }
        }
        guard !byOrder.isEmpty else { return }
        var pools: [String: RowsByTime] = [:]
        for i in transactions.indices where transactions[i].kind == .refund {
            guard let order = transactions[i].merchantOrderID, let candidates = byOrder[order] else { continue }
            let pool = pools[order] ?? {
                let marked = candidates.filter { transactions[$0].refundedAmount != nil }
                let made = RowsByTime(marked.isEmpty ? candidates : marked, in: transactions)
                pools[order] = made
                return made
            }()
            if let original = pool.latest(notAfter: transactions[i].time, in: transactions) ?? pool.earliest {
                transactions[i].relatesTo = transactions[original].id
            }
        }
    }
}
