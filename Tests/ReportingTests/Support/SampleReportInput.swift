import Detection
import Ledger
@testable import Reporting

/// A realistic report input made by hand: a WeChat 卡盟 membership cancelled and charged twice
/// after, an Alipay duplicate, a WeChat price increase, a USD card charged after a web
/// cancellation (Visa deadlines, missing evidence file), a SEPA debit that came back after a
/// gap, a hostile merchant name renewing every 20 days on a monthly plan, an upcoming charge,
/// an acknowledged new subscription, and an unreadable source.
enum SampleReportInput {
    static let asOf = CivilDate(year: 2026, month: 5, day: 15)!
    static let hostileMerchant = "| <img src=x onerror=alert(1)> [x](javascript:alert(1))"
    static let cardNumber = "4111 1111 1111 4242"
    static let bankCardNumber = "6222021234567890123"
    static let iban = "DE89370400440532013000"

    static let wechatPath = "wechat/微信支付账单(20251101-20260430).csv"
    static let alipayPath = "alipay/支付宝交易明细(20251101-20260430).csv"
    static let cardPath = "cards/visa-2026-04.qfx"
    static let camtPath = "bank/camt053-2026-02.xml"

    static func input(language: ReportLanguage) -> ReportInput {
        ReportInput(asOf: asOf, language: language, sources: sources, detection: detection,
                    newFindingIDs: [afterCancellationID, cardAfterCancellationID, hostileID],
                    acknowledgedFindingIDs: [acknowledgedID],
                    evidence: ["evidence/cancel-screenshot.png": EvidenceFile(path: "evidence/cancel-screenshot.png", sha256: hex("screenshot")),
                               "evidence/cloudvault-cancel.eml": EvidenceFile(path: "evidence/cloudvault-cancel.eml", sha256: nil)],
                    holder: "张三")
    }

    static func hex(_ seed: String) -> String { StableID.hash([seed], length: 64) }

    static let sources: [ReportSource] = [
        ReportSource(path: wechatPath, sha256: hex(wechatPath), format: "wechat-csv", transactionCount: 212,
                     skipped: [(line: 88, reason: "金额 \"¥abc\" is not an amount (expected e.g. ¥28.16)"),
                               (line: 45, reason: "交易时间 \"2026-13-01 09:00:00\" is not a date (expected yyyy-MM-dd HH:mm:ss)")]),
        ReportSource(path: alipayPath, sha256: hex(alipayPath), format: "alipay-csv", transactionCount: 97),
        ReportSource(path: cardPath, sha256: hex(cardPath), format: "ofx", transactionCount: 38),
        ReportSource(path: camtPath, sha256: hex(camtPath), format: "camt053", transactionCount: 12,
                     skipped: [(line: 211, reason: "entry with status PDNG is not booked yet")]),
        ReportSource(path: "notes/todo.txt", sha256: hex("notes/todo.txt"), format: nil, transactionCount: 0,
                     problem: "not a statement autodebit recognises (no known header or XML root)"),
    ]

    // MARK: money and rows

    static func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }
    static func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }
    static func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }

    static func wechat(_ id: String, _ time: String, _ minor: Int64, _ merchant: String, _ product: String,
                       order: String, line: Int, method: String = "零钱") -> Transaction {
        let amount = cny(-minor)
        let raw = "\(time),商户消费,\(merchant),\(product),支出,¥\(amount.magnitude.decimalString),\(method),支付成功,\(id)\t,\(order)\t,/"
        return Transaction(id: id, format: "wechat-csv", source: SourceLocation(path: wechatPath, line: line),
                           time: Timestamp.parseLocal(time, offsetSeconds: Timestamp.chinaOffset)!, amount: amount,
                           counterparty: merchant, product: product, paymentMethod: method, status: "支付成功",
                           merchantOrderID: order, channel: .wechat, kind: .payment, sourceType: "商户消费", rawRow: raw)
    }

    static func alipay(_ id: String, _ time: String, _ minor: Int64, order: String, line: Int) -> Transaction {
        let raw = "\(time),数码电器,网易云音乐,yun***@163.com,黑胶VIP连续包月,支出,15.00,花呗,交易成功,\(id)\t,\(order)\t,,"
        return Transaction(id: id, format: "alipay-csv", source: SourceLocation(path: alipayPath, line: line),
                           time: Timestamp.parseLocal(time, offsetSeconds: Timestamp.chinaOffset)!, amount: cny(-minor),
                           counterparty: "网易云音乐", product: "黑胶VIP连续包月", paymentMethod: "花呗", status: "交易成功",
                           merchantOrderID: order, channel: .alipay, kind: .payment, sourceType: "数码电器", rawRow: raw)
    }

    static func card(_ fitid: String, _ date: String, line: Int) -> Transaction {
        let d = CivilDate(date)!
        let stamp = date.replacingOccurrences(of: "-", with: "")
        let raw = "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>\(stamp)120000[-5:EST]<TRNAMT>-9.99<FITID>\(fitid)<NAME>CLOUDVAULT PRO 8885550100<MEMO>CARD \(cardNumber) RECURRING</STMTTRN>"
        return Transaction(id: fitid, format: "ofx", source: SourceLocation(path: cardPath, line: line),
                           time: Timestamp(date: d, offsetSeconds: -5 * 3600)!, dateOnly: true, amount: usd(-999),
                           counterparty: "CLOUDVAULT PRO 8885550100", product: "CARD \(cardNumber) RECURRING",
                           paymentMethod: "Visa credit", channel: .card, kind: .payment, sourceType: "DEBIT",
                           account: "4111111111114242", rawRow: raw)
    }

    static func sepa(_ ref: String, _ date: String, line: Int) -> Transaction {
        let d = CivilDate(date)!
        let raw = """
        <Ntry><Amt Ccy="EUR">39.90</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>\(date)</Dt></BookgDt>
          <AcctSvcrRef>\(ref)</AcctSvcrRef><NtryDtls><TxDtls><Refs><MndtId>FW-2025-00042</MndtId></Refs>
          <RltdPties><Cdtr><Nm>FitWorld Studios GmbH</Nm></Cdtr><DbtrAcct><Id><IBAN>\(iban)</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Mitgliedsbeitrag FOLGELASTSCHRIFT</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        """
        return Transaction(id: ref, format: "camt053", source: SourceLocation(path: camtPath, line: line),
                           time: Timestamp(date: d, offsetSeconds: 3600)!, dateOnly: true, amount: eur(-3990),
                           counterparty: "FitWorld Studios GmbH", product: "Mitgliedsbeitrag FOLGELASTSCHRIFT",
                           paymentMethod: "SEPA Core", channel: .sepaDirectDebit, kind: .payment, sourceType: "PMNT/IDDT/ESDD",
                           account: iban, mandate: Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "FW-2025-00042"), rawRow: raw)
    }

    // MARK: streams

    static let kameng: [Transaction] = [
        ("4200002025111012345678901230", "2025-11-10 10:01:33", "JM20251110000123", 30),
        ("4200002025121012345678901231", "2025-12-10 10:01:35", "JM20251210000123", 31),
        ("4200002026011012345678901232", "2026-01-10 10:01:31", "JM20260110000123", 32),
        ("4200002026021012345678901233", "2026-02-10 10:01:33", "JM20260210000123", 58),
        ("4200002026031012345678901234", "2026-03-10 10:01:30", "JM20260310000123", 71),
    ].map { wechat($0.0, $0.1, 3000, "九妹卡盟", "卡盟会员连续包月", order: $0.2, line: $0.3) }

    static let music: [Transaction] = [
        ("2025120322001412345678900001", "2025-12-03 08:00:11", "T2025120300012", 40),
        ("2026010322001412345678900002", "2026-01-03 08:00:09", "T2026010300012", 52),
        ("2026020322001412345678900003", "2026-02-03 08:00:07", "T2026020300012", 61),
        ("2026030322001412345678900004", "2026-03-03 08:00:05", "T2026030300012", 70),
        ("2026030322001412345678900005", "2026-03-03 08:02:41", "T2026030300013", 71),
        ("2026040322001412345678900006", "2026-04-03 08:00:04", "T2026040300012", 80),
        ("2026050322001412345678900007", "2026-05-03 08:00:06", "T2026050300012", 91),
    ].map { alipay($0.0, $0.1, 1500, order: $0.2, line: $0.3) }

    static let video: [Transaction] = [
        ("4200002025111212345678905550", "2025-11-12 00:10:01", 2500, 33), ("4200002025121212345678905551", "2025-12-12 00:10:02", 2500, 37),
        ("4200002026011212345678905552", "2026-01-12 00:10:04", 2500, 44), ("4200002026021212345678905553", "2026-02-12 00:10:01", 2500, 60),
        ("4200002026031212345678905554", "2026-03-12 00:10:03", 2500, 73), ("4200002026041212345678905555", "2026-04-12 00:10:02", 3000, 90),
        ("4200002026051212345678905556", "2026-05-12 00:10:05", 3000, 101),
    ].map { wechat($0.0, $0.1, $0.2, "腾讯视频", "腾讯视频VIP会员连续包月", order: "TX" + String($0.0.suffix(10)), line: $0.3) }

    static let cloud: [Transaction] = [
        card("FIT2026012000017", "2026-01-20", line: 120), card("FIT2026022000018", "2026-02-20", line: 141),
        card("FIT2026032000019", "2026-03-20", line: 166), card("FIT2026042000020", "2026-04-20", line: 190),
    ]

    static let gym: [Transaction] = [
        sepa("2025070200123456", "2025-07-02", line: 40), sepa("2025080200123457", "2025-08-02", line: 62),
        sepa("2025090200123458", "2025-09-02", line: 85), sepa("2026010200123459", "2026-01-02", line: 130),
        sepa("2026020200123460", "2026-02-02", line: 171),
    ]

    /// The product carries backticks (fence length) and a bank card number (masking).
    static let hostileProduct = "连续包月 ```code``` *bold* _u_ 卡号\(bankCardNumber)"
    static let hostile: [Transaction] = [
        ("4200002026030112345678907770", "2026-03-01 21:00:00", 105), ("4200002026032112345678907771", "2026-03-21 21:00:01", 118),
        ("4200002026041012345678907772", "2026-04-10 21:00:00", 126), ("4200002026043012345678907773", "2026-04-30 21:00:02", 133),
    ].map { wechat($0.0, $0.1, 1200, hostileMerchant, hostileProduct, order: "EV" + String($0.0.suffix(6)), line: $0.2, method: "招商银行(0123)") }

    static let disk: [Transaction] = [
        ("4200002026032012345678908880", "2026-03-20 09:30:00", 78), ("4200002026042012345678908881", "2026-04-20 09:30:00", 94),
    ].map { wechat($0.0, $0.1, 2500, "百度网盘", "超级会员自动续费", order: "BD" + String($0.0.suffix(6)), line: $0.2) }

    static let meituan = [wechat("4200002026040112345678909990", "2026-04-01 12:00:00", 1500, "美团会员", "美团会员月卡", order: "MT0401", line: 85)]

    static func sub(_ key: String, _ merchant: String, _ cadence: Cadence, _ amount: Money, _ status: SubscriptionStatus,
                    _ charges: [Transaction], next: CivilDate?) -> Subscription {
        Subscription(id: "sub-" + StableID.hash([key, cadence.name, charges[0].id]), merchant: merchant, merchantKey: key,
                     cadence: cadence, amount: amount.magnitude, status: status, first: charges.first!.date, last: charges.last!.date,
                     nextExpected: next, channels: Array(Set(charges.map(\.channel))).sorted(), transactions: charges)
    }

    static let subscriptions: [Subscription] = [
        sub("九妹卡盟", "九妹卡盟", .monthly, cny(3000), .cancelled, kameng, next: nil),
        sub("网易云音乐", "网易云音乐", .monthly, cny(1500), .active, music, next: CivilDate("2026-06-03")),
        sub("腾讯视频", "腾讯视频", .monthly, cny(3000), .active, video, next: CivilDate("2026-06-12")),
        sub("cloudvault pro", "CLOUDVAULT PRO", .monthly, usd(999), .cancelled, cloud, next: nil),
        sub("fitworld studios", "FitWorld Studios GmbH", .monthly, eur(3990), .active, gym, next: CivilDate("2026-03-02")),
        sub("hostile", hostileMerchant, .monthly, cny(1200), .active, hostile, next: CivilDate("2026-05-20")),
        sub("百度网盘", "百度网盘", .monthly, cny(2500), .active, disk, next: CivilDate("2026-05-20")),
        sub("美团会员", "美团会员", .monthly, cny(1500), .active, meituan, next: CivilDate("2026-05-01")),
    ]

    static func fid(_ kind: FindingKind, _ key: String, _ charges: [Transaction]) -> String {
        "f-" + StableID.hash([kind.rawValue, key] + charges.map(\.id))
    }

    static let afterCancellationID = fid(.chargeAfterCancellation, "九妹卡盟", Array(kameng[3...]))
    static let cardAfterCancellationID = fid(.chargeAfterCancellation, "cloudvault pro", Array(cloud[2...]))
    static let hostileID = fid(.shortenedInterval, "hostile", Array(hostile[1...]))
    static let acknowledgedID = fid(.newSubscription, "美团会员", meituan)

    static let kamengCancellation = Cancellation(merchant: "九妹卡盟", date: CivilDate("2026-01-20")!, reference: "SN20260120001",
                                                 channel: "app", evidence: ["evidence/cancel-screenshot.png"],
                                                 note: "在APP我的-会员中心-关闭自动续费", declaredAt: "autodebit.toml:12")
    static let cloudCancellation = Cancellation(merchant: "CLOUDVAULT", date: CivilDate("2026-02-28")!, channel: "web",
                                                evidence: ["evidence/cloudvault-cancel.eml"], declaredAt: "autodebit.toml:20")

    static func d(_ rule: String, _ date: String) -> Deadline { Deadline(rule: rule, date: CivilDate(date)!) }

    static var findings: [Finding] {
        let subs = subscriptions
        return [
            Finding(id: afterCancellationID, kind: .chargeAfterCancellation, merchant: "九妹卡盟", subscriptionID: subs[0].id,
                    amount: cny(6000), transactions: Array(kameng[3...]), detail: .afterCancellation(kamengCancellation),
                    deadlines: [d("12315-acceptance", "2029-02-10"), d("12315-acceptance", "2029-03-10")]),
            Finding(id: fid(.duplicateCharge, "网易云音乐", [music[4]]), kind: .duplicateCharge, merchant: "网易云音乐", subscriptionID: subs[1].id,
                    amount: cny(1500), transactions: [music[4]], detail: .duplicate(original: music[3]),
                    deadlines: [d("12315-acceptance", "2029-03-03")]),
            Finding(id: fid(.priceIncrease, "腾讯视频", Array(video[5...])), kind: .priceIncrease, merchant: "腾讯视频", subscriptionID: subs[2].id,
                    amount: cny(1000), transactions: Array(video[5...]), detail: .priceIncrease(from: cny(2500), to: cny(3000), fromPlan: false),
                    deadlines: [d("renewal-reminder", "2026-06-07"), d("12315-acceptance", "2029-04-12")]),
            Finding(id: cardAfterCancellationID, kind: .chargeAfterCancellation, merchant: "CLOUDVAULT PRO", subscriptionID: subs[3].id,
                    amount: usd(1998), transactions: Array(cloud[2...]), detail: .afterCancellation(cloudCancellation),
                    deadlines: [d("visa-13.2", "2026-07-18"), d("visa-13.2", "2026-08-18"), d("reg-z", "2026-05-19"), d("reg-z", "2026-06-19")]),
            Finding(id: fid(.reactivated, "fitworld studios", Array(gym[3...])), kind: .reactivated, merchant: "FitWorld Studios GmbH",
                    subscriptionID: subs[4].id, amount: eur(7980), transactions: Array(gym[3...]), detail: .reactivated(gapInDays: 122, missedCycles: 3),
                    deadlines: [d("sepa-core-refund", "2026-02-27"), d("sepa-core-refund", "2026-03-30"),
                                d("sepa-unauthorised", "2027-02-02"), d("sepa-unauthorised", "2027-03-02")]),
            Finding(id: hostileID, kind: .shortenedInterval, merchant: hostileMerchant, subscriptionID: subs[5].id,
                    amount: cny(3600), transactions: Array(hostile[1...]), detail: .shortenedInterval(expected: .monthly, fromPlan: true, gapsInDays: [20, 20, 20]),
                    deadlines: [d("12315-acceptance", "2029-03-21")]),
            Finding(id: fid(.upcomingCharge, "百度网盘", []), kind: .upcomingCharge, merchant: "百度网盘", subscriptionID: subs[6].id,
                    amount: cny(2500), transactions: [], detail: .upcoming(date: CivilDate("2026-05-20")!, amount: cny(2500)),
                    deadlines: [d("renewal-reminder", "2026-05-15")]),
            Finding(id: acknowledgedID, kind: .newSubscription, merchant: "美团会员", subscriptionID: subs[7].id,
                    amount: cny(1500), transactions: meituan, detail: .newSubscription, deadlines: []),
        ]
    }

    static var detection: DetectionResult { DetectionResult(subscriptions: subscriptions, findings: findings, links: []) }
}
