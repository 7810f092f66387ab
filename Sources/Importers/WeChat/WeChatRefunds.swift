import Ledger

/// A WeChat refund row (`退款`, `微信红包-退款` …) carries its own 交易单号; what ties it to
/// the payment is the 商户单号 both rows share. Linking only happens inside one file.
enum WeChatRefunds {
    static func link(_ transactions: inout [Transaction]) {
        var originals: [String: [Int]] = [:]
        for (i, t) in transactions.enumerated() where t.kind == .payment {
            if let order = t.merchantOrderID { originals[order, default: []].append(i) }
        }
        for i in transactions.indices where transactions[i].kind == .refund {
            guard let order = transactions[i].merchantOrderID, let candidates = originals[order] else { continue }
            let refund = transactions[i]
            transactions[i].relatesTo = transactions[pick(candidates, for: refund, in: transactions)].id
        }
    }

    /// Several payments can share one merchant order (split payments, re-tries): prefer one
    /// whose status already says it was refunded, then the latest not after the refund,
    /// then the earliest. File order breaks ties, so the choice is deterministic.
    static func pick(_ candidates: [Int], for refund: Transaction, in all: [Transaction]) -> Int {
        let marked = candidates.filter { all[$0].refundedAmount != nil }
        let pool = marked.isEmpty ? candidates : marked
        let before = pool.filter { all[$0].time <= refund.time }
        if let latest = before.max(by: { all[$0].time < all[$1].time }) { return latest }
        return pool.min(by: { all[$0].time < all[$1].time })!
    }
}
