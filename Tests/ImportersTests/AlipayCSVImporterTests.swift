import Foundation
import Testing
@testable import Importers
import Ledger

@Suite struct AlipayCSVImporterTests {
    let importer = AlipayCSVImporter()
    func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }

    // Own 2023+ fixture (GBK, from Fixtures/alipay/make-fixtures.sh): 14 rows on lines 26–39,
    // two malformed (37: a cell short, 38: amount 十二元). The other 12, signed as the
    // importer signs them, by hand: −15 −50 +50 −12 −100 +30 +20 −130 +200 −18.80 −39 −15.
    @Test func layout2023() throws {
        let url = CNTestFiles.fixture("alipay/alipay-2023-layout.csv")
        #expect(try CNTestFiles.bytes(url).starts(with: Array("---".utf8)))
        #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(importer, url)
        #expect(r.transactions.count == 12)
        #expect(CNTestFiles.total(r.transactions) == -7980)
        #expect(r.notes == ["姓名：林小姐", "支付宝账户：****5678", "起始时间：[2024-01-01 00:00:00]    终止时间：[2024-01-31 23:59:59]"])
        #expect(r.transactions.allSatisfy { $0.channel == .alipay && $0.format == "alipay-csv" })

        let music = try #require(CNTestFiles.at(r, line: 26))
        #expect(music.id == "2024010322001100000001") // trailing tab trimmed
        #expect(music.merchantOrderID == "M20240103000001")
        #expect(music.counterparty == "某某音乐科技有限公司") // padding trimmed
        #expect(music.amount == cny(-1500))
        #expect(music.account == "****7449" && music.paymentMethod == "交通银行信用卡(7449)")
        #expect(music.time.iso8601 == "2024-01-03T07:00:12+08:00")
        #expect(music.sourceType == "文化休闲" && music.kind == .payment && music.state == .settled)

        // Closed original with its refund in the file: paid and refunded, so settled.
        let closedPaid = try #require(CNTestFiles.at(r, line: 27))
        #expect(closedPaid.status == "交易关闭" && closedPaid.state == .settled)
        #expect(closedPaid.refundedAmount == cny(5000))
        let refund = try #require(CNTestFiles.at(r, line: 28))
        #expect(refund.kind == .refund && refund.amount == cny(5000))
        #expect(refund.relatesTo == "2024010622001100000002")
        // Closed and never paid (不计收支, no refund): failed.
        let unpaid = try #require(CNTestFiles.at(r, line: 29))
        #expect(unpaid.state == .failed && unpaid.kind == .payment && unpaid.refundedAmount == nil)

        let partial = try #require(CNTestFiles.at(r, line: 30))
        #expect(partial.refundedAmount == cny(3000) && partial.state == .settled)
        #expect(partial.account == nil && partial.paymentMethod == "花呗&红包")
        #expect(CNTestFiles.at(r, line: 31)?.relatesTo == partial.id)
        #expect(CNTestFiles.at(r, line: 31)?.kind == .refund)
        // The original of this refund is in an earlier export: the id still names it.
        #expect(CNTestFiles.at(r, line: 32)?.relatesTo == "2023122822001100000009")

        #expect(CNTestFiles.at(r, line: 33)?.kind == .transfer)
        #expect(CNTestFiles.at(r, line: 33)?.amount == cny(-13000))
        #expect(CNTestFiles.at(r, line: 34)?.kind == .income)
        let breakfast = try #require(CNTestFiles.at(r, line: 35))
        #expect(breakfast.counterparty == "某某餐饮管理有限公司，望京分公司") // full-width comma kept
        #expect(breakfast.time.iso8601 == "2024-01-20T08:05:00+08:00") // Excel dropped the seconds
        #expect(CNTestFiles.at(r, line: 36)?.state == .pending)

        #expect(r.skipped.map(\.line) == [37, 38])
        #expect(r.skipped[0].reason.contains("expected 12 cells"))
        #expect(r.skipped[1].reason.contains("金额"))
    }

    // Own app-2021 fixture: rows on lines 3–8, footer after. By hand: −19.80 −19.80 +19.80
    // −0.42 +66.00 −19.80.
    @Test func layoutApp2021() throws {
        let url = CNTestFiles.fixture("alipay/alipay-app-2021-layout.csv")
        #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(importer, url)
        #expect(r.transactions.count == 6 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == 2598)
        #expect(r.notes.contains("支付宝账户：lin@example.com"))
        let first = try #require(CNTestFiles.at(r, line: 3))
        #expect(first.time.iso8601 == "2021-11-05T06:00:01+08:00" && first.account == "****9876")
        let closed = try #require(CNTestFiles.at(r, line: 4))
        #expect(closed.state == .settled && closed.refundedAmount == cny(1980))
        let refund = try #require(CNTestFiles.at(r, line: 5))
        #expect(refund.kind == .refund && refund.relatesTo == closed.id)
        #expect(CNTestFiles.at(r, line: 6)?.kind == .transfer) // 其他
        #expect(CNTestFiles.at(r, line: 7)?.kind == .income)
    }

    // Own web fixture: rows on lines 6–11. By hand: −30 −83 +83 −3000 +2725.42 −30.
    @Test func layoutWeb() throws {
        let url = CNTestFiles.fixture("alipay/alipay-web-layout.csv")
        #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(importer, url)
        #expect(r.transactions.count == 6 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -33458)
        #expect(r.notes.first == "账号:[lin@example.com]")
        let cloud = try #require(CNTestFiles.at(r, line: 6))
        #expect(cloud.time.iso8601 == "2020-10-31T08:00:04+08:00") // 付款时间
        #expect(cloud.sourceType == "即时到账交易")
        let closed = try #require(CNTestFiles.at(r, line: 7))
        #expect(closed.state == .settled && closed.refundedAmount == cny(8300))
        let refund = try #require(CNTestFiles.at(r, line: 8))
        #expect(refund.kind == .refund && refund.amount == cny(8300))
        #expect(refund.relatesTo == "2020110522001500000002")
        #expect(refund.time.iso8601 == "2020-11-05T20:33:07+08:00") // no 付款时间: 交易创建时间
        // 成功退款（元） is the authority for the partial refund.
        #expect(CNTestFiles.at(r, line: 9)?.refundedAmount == cny(272542))
    }

    @Test func wrongEncodingOrNoHeaderIsAnImportError() throws {
        let url = CNTestFiles.fixture("alipay/alipay-web-layout.csv")
        let noHeader = Array("支付宝交易记录明细查询\n账号:[x]\n".utf8)
        let error = #expect(throws: ImportError.self) { try CNTestFiles.extract(importer, url, bytes: noHeader) }
        #expect(error?.path == "alipay-web-layout.csv")
    }

    // Peer 2023+ sample (GBK). Verified with `iconv -f GB18030 -t UTF-8 | awk -F,` on the rows
    // after line 25, cells trimmed, signed as the importer signs them (refund rows +, 交易关闭
    // and 支出 −, 收入 +, other 不计收支 −): 10 rows, 221901.55.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peer2023() throws {
        let url = CNTestFiles.peer("alipay/example-alipay-records.csv")
        #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(importer, url)
        #expect(r.transactions.count == 10 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == 22_190_155)
        let first = try #require(CNTestFiles.at(r, line: 26))
        #expect(first.amount == cny(-4974) && first.account == "****7449" && first.sourceType == "亲友代付")
        #expect(first.id == "202302xxxxxx0011000103xxxxxx")
        let closedPaid = try #require(CNTestFiles.at(r, line: 33))
        #expect(closedPaid.state == .settled && closedPaid.refundedAmount == cny(5000))
        #expect(CNTestFiles.at(r, line: 32)?.relatesTo == "2023xxxxx88")
        #expect(CNTestFiles.at(r, line: 31)?.state == .failed) // closed, 不计收支, no refund
        #expect(CNTestFiles.at(r, line: 30)?.amount == cny(22_222_850))
    }

    // Peer app-2021 sample: rows on lines 3–17 (awk as above, columns 1/6/7/8): 15 rows,
    // −3247.42. Its anonymised ids have no `_`: the refund finds its original through the
    // shared 商家订单号 and the 商品说明 minus `退款-`.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerApp2021() throws {
        let r = try CNTestFiles.extract(importer, CNTestFiles.peer("alipay/history-app-2021-layout_79ee3196/example-alipay-records.csv"))
        #expect(r.transactions.count == 15 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -324_742)
        let refund = try #require(CNTestFiles.at(r, line: 4))
        let original = try #require(CNTestFiles.at(r, line: 5))
        #expect(refund.kind == .refund && refund.relatesTo == original.id)
        #expect(original.state == .settled && original.refundedAmount == cny(10990))
        #expect(r.notes.contains("姓名：TripleZ"))
        #expect(CNTestFiles.at(r, line: 3)?.time.iso8601 == "2021-06-14T14:00:38+08:00")
    }

    // Peer web sample: rows on lines 6–12 (awk, columns 10/11/12/14): 7 rows, −328.57.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerWeb() throws {
        let r = try CNTestFiles.extract(importer, CNTestFiles.peer("alipay/history-web-2019-layout_e204a828/example-alipay-records.csv"))
        #expect(r.transactions.count == 7 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -32857)
        #expect(CNTestFiles.at(r, line: 9)?.relatesTo == "987654")
        #expect(CNTestFiles.at(r, line: 10)?.refundedAmount == cny(272542))
        #expect(CNTestFiles.at(r, line: 12)?.state == .settled)
        #expect(CNTestFiles.at(r, line: 8)?.id == "123456")
    }
}
