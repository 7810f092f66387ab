import Foundation
import Testing
@testable import Importers
import Ledger

@Suite struct WeChatCSVImporterTests {
    let importer = WeChatCSVImporter()
    let quirks = CNTestFiles.fixture("wechat/wechat-2024q1-quirks.csv")

    // Fixture: 20 data rows from line 18 (BOM, CRLF). Expected figures worked out by hand
    // from the rows as written (see Fixtures/wechat): two rows are malformed; the other 18
    // sum to 392.20 in (refunds 30 + 288 + 20, income 8.88 + 45.32) minus 3862.98 out
    // (payments 25+86.40+6+30+1288+1+1099+4+25, neutral 100.10+50+600+548.48).
    @Test func readsEveryQuirkOfTheOwnFixture() throws {
        let r = try CNTestFiles.extract(importer, quirks)
        #expect(r.transactions.count == 18)
        #expect(CNTestFiles.total(r.transactions) == -347078)
        #expect(r.notes == ["微信昵称：[小林]", "起始时间：[2024-01-01 00:00:00] 终止时间：[2024-03-31 23:59:59]"])
        #expect(Set(r.transactions.map(\.format)) == ["wechat-csv"])
        #expect(r.transactions.allSatisfy { $0.channel == .wechat })

        let first = try #require(CNTestFiles.at(r, line: 18))
        #expect(first.id == "4200002101202401050000000001")
        #expect(first.time.iso8601 == "2024-01-05T08:00:03+08:00")
        #expect(first.amount == Money(minorUnits: -2500, currency: .cny))
        #expect(first.counterparty == "深圳市腾讯计算机系统有限公司")
        #expect(first.product == "腾讯视频VIP会员连续包月")
        #expect(first.paymentMethod == "招商银行信用卡(1234)")
        #expect(first.account == "****1234")
        #expect(first.merchantOrderID == "TX202401050001")
        #expect(first.kind == .payment && first.state == .settled)
        #expect(first.rawRow.hasPrefix("2024-01-05 08:00:03,\"商户消费\""))
        #expect(first.rawRow.hasSuffix("\"/\""))
    }

    @Test func rejoinsUnquotedCommasIntoTheRightColumn() throws {
        let r = try CNTestFiles.extract(importer, quirks)
        let walmart = try #require(CNTestFiles.at(r, line: 19))
        #expect(walmart.counterparty == "WALMART HONG KONG CO.,LIMITED")
        #expect(walmart.product == "")
        #expect(walmart.amount.minorUnits == -8640)
        let apple = try #require(CNTestFiles.at(r, line: 20))
        #expect(apple.counterparty == "Apple Distribution International,Ltd.")
        #expect(apple.product == "iCloud+ 50GB 连续包月")
        let iqiyi = try #require(CNTestFiles.at(r, line: 21))
        #expect(iqiyi.counterparty == "爱奇艺")
        #expect(iqiyi.product == "黄金VIP会员,自动续费")
        #expect(iqiyi.amount.minorUnits == -3000) // ￥ full-width
        // Unquoted `¥1,099.00` and an unquoted comma in 备注 on the same row.
        let purifier = try #require(CNTestFiles.at(r, line: 34))
        #expect(purifier.amount.minorUnits == -109900)
        #expect(purifier.counterparty == "某某家电旗舰店")
        #expect(purifier.product == "空气净化器")
        #expect(purifier.id == "4200002101202403050000000017")
        #expect(purifier.merchantOrderID == "TM0305")
    }

    @Test func refundsLinkByMerchantOrderAndStatusesGiveRefundedAmounts() throws {
        let r = try CNTestFiles.extract(importer, quirks)
        let original = try #require(CNTestFiles.at(r, line: 21))
        #expect(original.refundedAmount == Money(minorUnits: 3000, currency: .cny))
        let refund = try #require(CNTestFiles.at(r, line: 22))
        #expect(refund.kind == .refund && refund.amount.minorUnits == 3000)
        #expect(refund.relatesTo == original.id)
        #expect(refund.refundedAmount == nil)

        let partial = try #require(CNTestFiles.at(r, line: 23))
        #expect(partial.amount.minorUnits == -128800) // quoted "￥1,288.00"
        #expect(partial.refundedAmount == Money(minorUnits: 28800, currency: .cny))
        #expect(partial.account == "****5678")
        #expect(CNTestFiles.at(r, line: 24)?.relatesTo == partial.id)

        let orphan = try #require(CNTestFiles.at(r, line: 25))
        #expect(orphan.kind == .refund && orphan.sourceType == "亲属卡交易-退款")
        #expect(orphan.relatesTo == nil)

        let returned = try #require(CNTestFiles.at(r, line: 27))
        #expect(returned.status == "对方已退还")
        #expect(returned.refundedAmount == Money(minorUnits: 100, currency: .cny))
    }

    @Test func neutralIncomeAndStateRows() throws {
        let r = try CNTestFiles.extract(importer, quirks)
        let redPacket = try #require(CNTestFiles.at(r, line: 26))
        #expect(redPacket.kind == .income && redPacket.amount.minorUnits == 888)
        #expect(redPacket.paymentMethod == "" && redPacket.merchantOrderID == nil && redPacket.product == "")
        let withdrawal = try #require(CNTestFiles.at(r, line: 28))
        #expect(withdrawal.kind == .transfer)
        #expect(withdrawal.amount.minorUnits == -10010)
        #expect(withdrawal.product == "服务费¥0.10")
        let failed = try #require(CNTestFiles.at(r, line: 29))
        #expect(failed.kind == .transfer && failed.state == .failed)
        #expect(failed.status == "提现失败，已退回零钱")
        #expect(CNTestFiles.at(r, line: 30)?.kind == .transfer)
        #expect(CNTestFiles.at(r, line: 31)?.kind == .transfer)
        let waiting = try #require(CNTestFiles.at(r, line: 36))
        #expect(waiting.sourceType == "先用后付" && waiting.state == .pending)
        #expect(CNTestFiles.at(r, line: 35)?.kind == .income)
    }

    @Test func malformedRowsAreSkippedWithLineAndReason() throws {
        let r = try CNTestFiles.extract(importer, quirks)
        #expect(r.skipped.map(\.line) == [32, 33])
        #expect(r.skipped[0].reason.contains("交易时间"))
        #expect(r.skipped[1].reason.contains("expected 11 cells"))
        #expect(r.skipped[1].reason.contains("found 4"))
    }

    @Test func bomIsOptional() throws {
        let withBOM = try CNTestFiles.bytes(quirks)
        #expect(withBOM.starts(with: [0xEF, 0xBB, 0xBF]))
        let without = Array(withBOM.dropFirst(3))
        let a = try CNTestFiles.extract(importer, quirks)
        let b = try CNTestFiles.extract(importer, quirks, bytes: without)
        #expect(a.transactions == b.transactions)
        #expect(importer.identify(FileHead(path: "x.csv", bytes: without), context: ImportContext()))
    }

    @Test func noHeaderIsAnImportError() throws {
        let bytes = Array("微信支付账单明细,,,,,,,,,,\n微信昵称：[x],,,,,,,,,,\n".utf8)
        #expect(throws: ImportError.self) { try CNTestFiles.extract(importer, quirks, bytes: bytes) }
    }

    // Peer sample (double-entry-generator, UTF-8, no BOM, LF). Verified by hand:
    // `awk -F, 'NR>17'` gives 27 rows of 11 fields; 支出 10 rows + 1 quoted = 2904.53,
    // 收入 5 rows = 28.49, neutral `/` 11 rows = 26100.89 → 28.49 − 2904.53 − 26100.89.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerSample() throws {
        let url = CNTestFiles.peer("wechat/example-wechat-records.csv")
        #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(importer, url)
        #expect(r.transactions.count == 27)
        #expect(r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -2_897_693)
        #expect(r.transactions.filter { $0.kind == .transfer }.count == 11)
        #expect(r.transactions.filter { $0.kind == .income }.count == 5)

        let noodles = try #require(CNTestFiles.at(r, line: 18))
        #expect(noodles.id == "3985734")
        #expect(noodles.counterparty == "云膳过桥米线(传奇广场店)")
        #expect(noodles.amount.minorUnits == -2816)
        #expect(noodles.account == "****1234")
        #expect(noodles.time.iso8601 == "2019-09-26T12:45:27+08:00")
        let withdrawal = try #require(CNTestFiles.at(r, line: 24))
        #expect(withdrawal.kind == .transfer && withdrawal.amount.minorUnits == -10010)
        #expect(withdrawal.product == "服务费¥0.10")
        #expect(withdrawal.id == "207210715100077148235523883175")
        // Quotes inside an unquoted name stay; the id loses its padding.
        let pdd = try #require(CNTestFiles.at(r, line: 37))
        #expect(pdd.counterparty == "打开拼多多，点击底部\"多多视频\"")
        #expect(pdd.id == "160572459521071810106004542906137497131422937")
        #expect(pdd.kind == .income && pdd.amount.minorUnits == 7)
        #expect(CNTestFiles.at(r, line: 42)?.amount.minorUnits == -5000) // `¥50.0`
    }

    // The 2019 sample: its preamble is padded to 9 fields, the header has 11. 28.16 out,
    // 0.35 in (read off the two rows).
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peer2019Sample() throws {
        let r = try CNTestFiles.extract(importer, CNTestFiles.peer("wechat/history-csv-2019_bbd5c9dd/example-wechat-records.csv"))
        #expect(r.transactions.count == 2)
        #expect(CNTestFiles.total(r.transactions) == -2781)
        #expect(r.transactions[1].kind == .income && r.transactions[1].counterparty == "同性好友")
    }
}
