import Foundation
import Ledger
@testable import Store

/// A fresh directory under the system temp folder, removed by `cleanUp()`.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("autodebit-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var stateURL: URL { url.appendingPathComponent(".autodebit", isDirectory: true) }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

enum Samples {
    /// A transaction with every optional field set and awkward values in each.
    static let everyField = Transaction(
        id: "4200001234202405220123456789", format: "camt053",
        source: SourceLocation(path: "bank/2024-05.xml", line: 118),
        time: Timestamp(epochSeconds: -86_401, offsetSeconds: -(3 * 3600 + 1800)), dateOnly: true,
        amount: Money(minorUnits: -1_234_567, currency: Currency("JPY")),
        counterparty: "Netflix International B.V.", product: "Premium 4K — 月度",
        paymentMethod: "Visa ****1234", status: "BOOK", merchantOrderID: "ORD-000017",
        channel: .sepaDirectDebit, kind: .reversal, state: .pending, sourceType: "PMNT/RDDT/UPDD",
        account: "****7788", relatesTo: "4200001234202404220000000001",
        refundedAmount: Money(minorUnits: 12_345, currency: Currency("KWD")),
        mandate: Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "MNDT-2023-11-03-ÄÖÜ"),
        payeeID: "PAYEE-42",
        rawRow: "<Ntry><Amt Ccy=\"JPY\">12345.67</Amt>\t“引号” 😀 \u{301}e\r\n</Ntry>")

    /// The same with the optional fields absent and the other enum values.
    static let sparse = Transaction(
        id: "h:0123456789abcdef01234567", format: "wechat-csv",
        source: SourceLocation(path: "wechat/账单.csv", line: 17),
        time: Timestamp(epochSeconds: 1_716_343_293, offsetSeconds: 8 * 3600),
        amount: Money(minorUnits: 3000, currency: .cny), counterparty: "九妹卡盟",
        channel: .wechat, kind: .payment)

    /// `count` distinct, deterministic transactions of the file at `path`; `seed` varies
    /// ids and amounts so that two batches can be told apart.
    static func batch(count: Int, seed: Int, path: String) -> [Transaction] {
        let merchants = ["腾讯视频", "爱奇艺", "Spotify AB", "网易云音乐", "Apple", "九妹卡盟", "哔哩哔哩", "Netflix"]
        let channels: [Channel] = [.wechat, .alipay, .bank, .card]
        return (0..<count).map { i in
            let merchant = merchants[(i + seed) % merchants.count]
            let amount = Int64((i * 37 + seed * 101) % 50_000 + 100)
            return Transaction(
                id: "\(seed)-\(4_200_000_000_000 + i)", format: "wechat-csv",
                source: SourceLocation(path: path, line: i + 18),
                time: Timestamp(epochSeconds: 1_700_000_000 + Int64(i) * 3_607, offsetSeconds: 8 * 3600),
                amount: Money(minorUnits: -amount, currency: .cny), counterparty: merchant,
                product: "\(merchant)会员 连续包月", paymentMethod: i % 3 == 0 ? "零钱" : "招商银行(1234)",
                status: "支付成功", merchantOrderID: i % 5 == 0 ? nil : "M\(seed)\(i)",
                channel: channels[i % channels.count], kind: .payment, sourceType: "商户消费",
                refundedAmount: i % 97 == 0 ? Money(minorUnits: amount / 2, currency: .cny) : nil,
                rawRow: "2023-11-15 10:01:33,商户消费,\(merchant),\"\(merchant)会员 连续包月\",支出,¥\(amount / 100).\(amount % 100),零钱,支付成功,\(seed)-\(i),M\(seed)\(i),/")
        }
    }

    static func stamp(_ n: Int64) -> FileStamp {
        FileStamp(size: 1000 + n, modifiedNanoseconds: 1_700_000_000_000_000_000 + n, changedNanoseconds: 1_700_000_000_000_000_000 + n,
                  inode: 4242 + UInt64(n), device: 2049)
    }

    static func content(_ transactions: [Transaction], sha: String) -> SourceContent {
        SourceContent(sha256: sha, format: "wechat-csv", transactions: transactions,
                      skipped: [StoredSkippedRow(line: 3, reason: "expected 11 columns, found 4"),
                                StoredSkippedRow(line: 9, reason: "金额 \"¥abc\" is not an amount")],
                      notes: ["微信支付账单明细", "起始时间：[2023-11-01 00:00:00]"], problem: nil)
    }

    static func sha(_ n: Int) -> String { String(repeating: String(n % 10), count: 64) }
}

/// Byte-exact comparison of every string field: `==` on String follows canonical
/// equivalence and would accept a decomposed é for a composed one.
func sameBytes(_ a: Transaction, _ b: Transaction) -> Bool {
    func s(_ t: Transaction) -> [[UInt8]?] {
        [t.id, t.format, t.source.path, t.counterparty, t.product, t.paymentMethod, t.status, t.sourceType, t.rawRow,
         t.amount.currency.code].map { Array($0.utf8) }
            + [t.merchantOrderID, t.account, t.relatesTo, t.payeeID, t.mandate?.creditorID, t.mandate?.mandateID,
               t.refundedAmount?.currency.code].map { $0.map { Array($0.utf8) } }
    }
    return a == b && s(a) == s(b)
}
