import Ledger

/// Chinese bank exports carry no transaction id. A row's id is a hash of what it says —
/// account, date, amount, balance, text — plus its rank among identical rows of the file,
/// so two identical coffees on one day stay two transactions, and the same rows exported
/// again in another (overlapping) file get the same ids. The rank counts in file order;
/// both exports of one bank list a day's rows in the same order, so it agrees between them
/// as long as each file holds the whole day.
struct BankRowIdentity {
    let layout: String
    private var seen: [String: Int] = [:]

    init(layout: String) { self.layout = layout }

    mutating func id(_ parts: [String]) -> String {
        let key = parts.joined(separator: "\u{1F}")
        let rank = seen[key, default: 0]
        seen[key] = rank + 1
        return StableID.content([layout] + parts + [String(rank)])
    }
}

/// What a bank row is, from its sign and the words banks use.
enum BankRowKind {
    /// Moving one's own money: card repayments, cash, deposits, fund redemptions.
    static let transferWords = ["还款", "取款", "取现", "存款", "转存", "赎回", "理财", "基金"]

    static func classify(_ text: String, amount: Money) -> TransactionKind {
        if !amount.isNegative && (UTF8Text.contains(text, "退款") || UTF8Text.contains(text, "退货")) { return .refund }
        if UTF8Text.containsAny(text, transferWords) { return .transfer }
        return amount.isNegative ? .payment : .income
    }

    /// Companies that only carried the money (a wallet or the card network), not the payee.
    static func isPaymentProcessor(_ name: String) -> Bool {
        UTF8Text.containsAny(name, ["财付通", "支付宝", "银联", "网联", "清算"])
    }
}

/// The fixed facts every bank row shares.
struct BankRowFacts {
    let path: String
    let channel: Channel

    func transaction(id: String, line: Int, date: CivilDate, amount: Money, counterparty: String,
                     product: String, sourceType: String, account: String?, raw: String) -> Transaction {
        // Chinese banks print Beijing dates; the row is dated, not timed.
        let time = Timestamp(date: date, offsetSeconds: Timestamp.chinaOffset)!
        let kind = BankRowKind.classify(sourceType + " " + counterparty + " " + product, amount: amount)
        return Transaction(
            id: id, format: "cn-bank-csv", source: SourceLocation(path: path, line: line), time: time,
            dateOnly: true, amount: amount, counterparty: counterparty, product: product,
            channel: channel, kind: kind, sourceType: sourceType, account: account, rawRow: raw)
    }
}
