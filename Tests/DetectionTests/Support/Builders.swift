import Detection
import Ledger

/// Small hand-built transactions for the unit tests.
enum B {
    static func date(_ s: String) -> CivilDate { CivilDate(s)! }

    static func tx(_ id: String, _ day: String, _ yuan: Int64, _ merchant: String, channel: Channel = .wechat, product: String = "",
                   kind: TransactionKind = .payment, currency: Currency = .cny, second: Int = 36_000, method: String = "",
                   account: String? = nil, orderID: String? = nil, relatesTo: String? = nil, mandate: Mandate? = nil,
                   minor: Int64? = nil) -> Transaction {
        let d = date(day)
        let inflow = kind == .refund || kind == .reversal || kind == .income
        let magnitude = minor ?? yuan * 100
        return Transaction(
            id: id, format: "test", source: SourceLocation(path: "t.csv", line: 1), time: Timestamp(date: d, hour: second / 3600, minute: second / 60 % 60, second: second % 60, offsetSeconds: Timestamp.chinaOffset)!,
            dateOnly: channel == .card || channel == .bank || channel == .sepaDirectDebit,
            amount: Money(minorUnits: inflow ? magnitude : -magnitude, currency: currency), counterparty: merchant, product: product,
            paymentMethod: method, merchantOrderID: orderID, channel: channel, kind: kind, account: account, relatesTo: relatesTo, mandate: mandate)
    }

    /// Monthly charges on `day` of each month, starting at `start` (yyyy-mm), `count` times.
    static func monthly(_ prefix: String, start: String, day: Int, count: Int, yuan: Int64, merchant: String,
                        channel: Channel = .wechat, product: String = "会员连续包月") -> [Transaction] {
        let first = CivilDate(start + "-01")!
        return (0..<count).map { i in
            let d = first.adding(months: i, anchorDay: day)
            return tx("\(prefix)\(i)", d.description, yuan, merchant, channel: channel, product: product)
        }
    }

    static func run(_ txs: [Transaction], config: DetectionConfig = DetectionConfig(), asOf: String) -> DetectionResult {
        Detector.run(txs, config: config, asOf: date(asOf))
    }
}

extension DetectionResult {
    func findings(_ kind: FindingKind) -> [Finding] { findings.filter { $0.kind == kind } }
}
