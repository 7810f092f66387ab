import Detection
import Ledger

/// Makes format-faithful transactions: ids shaped like each source's, one file per channel,
/// increasing line numbers, China time for wallets and Chinese banks.
struct TransactionFactory {
    var rng: SplitMix64
    var counter = 0
    var lines: [Channel: Int] = [:]
    var transactions: [Transaction] = []

    init(seed: UInt64) { rng = SplitMix64(seed: seed ^ 0x5EED_F00D) }

    @discardableResult
    mutating func add(_ channel: Channel, date: CivilDate, second: Int? = nil, amount: Int64, currency: Currency = .cny,
                      counterparty: String, product: String = "", kind: TransactionKind = .payment, outflow: Bool = true,
                      paymentMethod: String = "", account: String? = nil, orderID: String? = nil, mandate: Mandate? = nil,
                      relatesTo: String? = nil) -> Transaction {
        counter += 1
        let sod = second ?? rng.int(7 * 3600...23 * 3600)
        let dateOnly = channel == .card || channel == .bank || channel == .sepaDirectDebit
        let offset: Int32 = currency == .cny ? Timestamp.chinaOffset : 0
        let time = Timestamp(date: date, hour: dateOnly ? 0 : sod / 3600, minute: dateOnly ? 0 : sod / 60 % 60,
                             second: dateOnly ? 0 : sod % 60, offsetSeconds: offset)!
        let id: String
        switch channel {
        case .wechat: id = "42000" + pad(counter, 8) + rng.digits(15)
        case .alipay: id = String(date.year) + pad(date.month, 2) + pad(date.day, 2) + "2200" + pad(counter, 8) + rng.digits(8)
        case .sepaDirectDebit: id = "SDD" + pad(counter, 9) + rng.digits(6)
        default: id = "h:" + StableID.hash([String(counter), String(rng.next())], length: 24)
        }
        let line = (lines[channel] ?? (channel == .wechat ? 17 : channel == .alipay ? 25 : 2)) + 1
        lines[channel] = line
        let path: String
        switch channel {
        case .wechat: path = "wechat/微信支付账单.csv"
        case .alipay: path = "alipay/支付宝交易明细.csv"
        case .card: path = "card/statement.ofx"
        case .bank: path = "bank/招商银行.csv"
        case .sepaDirectDebit: path = "sepa/camt053.xml"
        case .other: path = "other.csv"
        }
        let signed = outflow ? -amount : amount
        let t = Transaction(
            id: id, format: channel.rawValue, source: SourceLocation(path: path, line: line), time: time, dateOnly: dateOnly,
            amount: Money(minorUnits: signed, currency: currency), counterparty: counterparty, product: product,
            paymentMethod: paymentMethod, status: kind == .refund ? "退款成功" : "支付成功", merchantOrderID: orderID,
            channel: channel, kind: kind, sourceType: kind == .refund ? "退款" : "商户消费", account: account,
            relatesTo: relatesTo, mandate: mandate, rawRow: "\(date),\(counterparty),\(Money(minorUnits: signed, currency: currency).decimalString)")
        transactions.append(t)
        return t
    }

    func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
