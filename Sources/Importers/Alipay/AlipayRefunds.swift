import Ledger

/// Ties Alipay refund rows to the payments they return, inside one file.
///
/// A refund row's 交易订单号 is the original's id plus `_` and a suffix, so `relatesTo` is
/// that prefix even when the original is not in this file. Without the `_` (anonymised or
/// older exports), a payment with the same 商家订单号 whose 商品说明 is the refund's minus
/// `退款-` is taken.
///
/// When Alipay completes a full refund it turns the original row to 交易关闭, the status an
/// order that was never paid also has. A 交易关闭 row with a refund in the file was paid —
/// the money left and came back — so it stays `.settled` with `refundedAmount` set: marking
/// it failed would hide a charge that happened (a duplicate debit refunded later is still
/// evidence) and leave the refund looking like income from nowhere. A 交易关闭 row whose
/// refund is not visible stays `.failed`: from this file alone it cannot be told apart
/// from an unpaid order.
enum AlipayRefunds {
    /// `statusGivesRefunds`: the layout has a 成功退款 column (web), whose amount is the
    /// authority; refund rows then only add the link.
    static func link(_ transactions: inout [Transaction], statusGivesRefunds: Bool) {
        var byID: [String: Int] = [:]
        var byOrderAndProduct: [String: [Int]] = [:]
        for (i, t) in transactions.enumerated() where t.kind != .refund {
            if byID[t.id] == nil { byID[t.id] = i }
            if let order = t.merchantOrderID, t.amount.isNegative { byOrderAndProduct[order + "\u{1F}" + t.product, default: []].append(i) }
        }
        var pools: [String: RowsByTime] = [:]
        var refundedSums: [Int: Money] = [:]
        for i in transactions.indices where transactions[i].kind == .refund {
            let refund = transactions[i]
            var original: Int?
            if let underscore = refund.id.firstIndex(of: "_"), underscore > refund.id.startIndex {
                let base = String(refund.id[..<underscore])
                transactions[i].relatesTo = base
                original = byID[base]
            } else if let order = refund.merchantOrderID {
                let product = UTF8Text.hasPrefix(refund.product, "退款-") ? String(refund.product.dropFirst(3)) : refund.product
                let key = order + "\u{1F}" + product
                if let candidates = byOrderAndProduct[key] {
                    let pool = pools[key] ?? RowsByTime(candidates, in: transactions)
                    pools[key] = pool
                    if let latest = pool.latest(notAfter: refund.time, in: transactions) {
                        original = latest
                        transactions[i].relatesTo = transactions[latest].id
                    }
                }
            }
            if let o = original, transactions[o].currencyMatches(refund) {
                refundedSums[o] = (refundedSums[o] ?? .zero(refund.amount.currency)) + refund.amount.magnitude
            }
        }
        for (o, sum) in refundedSums {
            if !statusGivesRefunds || transactions[o].refundedAmount == nil {
                transactions[o].refundedAmount = sum
            }
            if UTF8Text.equals(transactions[o].status, "交易关闭") { transactions[o].state = .settled }
        }
    }
}

private extension Transaction {
    func currencyMatches(_ other: Transaction) -> Bool { amount.currency == other.amount.currency }
}
