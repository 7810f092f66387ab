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
        // Only the ids and orders that some refund names are ever looked up: index just
        // those rows (a file holds far more payments than refunds).
        // Loops read fields through the index: binding each element would copy (retain and
        // release) every String of every transaction.
        var wantedIDs = Set<String>(), wantedOrders = Set<String>()
        for i in transactions.indices where transactions[i].kind == .refund {
            if let base = baseID(of: transactions[i].id) { wantedIDs.insert(base) }
            else if let order = transactions[i].merchantOrderID { wantedOrders.insert(order) }
        }
        guard !wantedIDs.isEmpty || !wantedOrders.isEmpty else { return }
        // The order+product key is joined with U+001F: an order holding that character could
        // match another order's key, so then every order is indexed.
        let everyOrder = wantedOrders.contains { UTF8Text.contains($0, "\u{1F}") }
        var byID: [String: Int] = [:]
        var byOrderAndProduct: [String: [Int]] = [:]
        for i in transactions.indices where transactions[i].kind != .refund {
            let id = transactions[i].id
            if wantedIDs.contains(id) && byID[id] == nil { byID[id] = i }
            if let order = transactions[i].merchantOrderID, transactions[i].amount.isNegative,
               everyOrder || wantedOrders.contains(order) || UTF8Text.contains(order, "\u{1F}") {
                byOrderAndProduct[order + "\u{1F}" + transactions[i].product, default: []].append(i)
            }
        }
        var pools: [String: RowsByTime] = [:]
        var refundedSums: [Int: Money] = [:]
        for i in transactions.indices where transactions[i].kind == .refund {
            let refund = transactions[i]
            var original: Int?
            if let base = baseID(of: refund.id) {
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

extension AlipayRefunds {
    /// A refund's 交易订单号 is the original's plus `_` and a suffix: the part before the `_`.
    static func baseID(of id: String) -> String? {
        guard let underscore = id.firstIndex(of: "_"), underscore > id.startIndex else { return nil }
        return String(id[..<underscore])
    }
}

private extension Transaction {
    func currencyMatches(_ other: Transaction) -> Bool { amount.currency == other.amount.currency }
}
