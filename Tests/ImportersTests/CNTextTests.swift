import Testing
@testable import Importers
import Ledger

@Suite struct CNTextTests {
    @Test func cardLastFourFromPaymentMethods() {
        #expect(CNText.cardLastFour(in: "招商银行信用卡(1234)") == "****1234")
        #expect(CNText.cardLastFour(in: "工商银行储蓄卡（9876）") == "****9876")
        #expect(CNText.cardLastFour(in: "交通银行信用卡(7449)&红包") == "****7449")
        #expect(CNText.cardLastFour(in: "招商银行()") == nil)
        #expect(CNText.cardLastFour(in: "中欧医疗健康混合C(003096)") == nil)
        #expect(CNText.cardLastFour(in: "零钱") == nil)
        #expect(CNText.cardLastFour(in: "") == nil)
    }

    @Test func byteLevelKeywordTests() {
        #expect(UTF8Text.contains("提现失败，已退回零钱", "失败"))
        #expect(!UTF8Text.contains("提现已到账", "失败"))
        #expect(UTF8Text.contains("abc", "") && !UTF8Text.contains("", "a") && !UTF8Text.contains("ab", "abc"))
        #expect(UTF8Text.contains("xxab", "ab") && UTF8Text.contains("aab", "ab"))
        #expect(UTF8Text.hasPrefix("退款-亲情卡", "退款-") && !UTF8Text.hasPrefix("退", "退款"))
        #expect(UTF8Text.hasSuffix("微信红包-退款", "退款") && !UTF8Text.hasSuffix("款", "退款"))
        #expect(UTF8Text.equals("交易关闭", "交易关闭") && !UTF8Text.equals("交易关闭 ", "交易关闭"))
        #expect(UTF8Text.containsAny("银联 ATM 取款", BankRowKind.transferWords))
    }

    @Test func placeholdersAndCurrencies() {
        #expect(CNText.value(" / \t") == "" && CNText.value("-   \t") == "" && CNText.value("-3.00") == "-3.00")
        #expect(CNText.currency(named: "人民币") == .cny && CNText.currency(named: "美元") == .usd)
        #expect(CNText.currency(named: "HKD") == Currency("HKD"))
        #expect(CNText.currency(named: "火星币") == nil && CNText.currency(named: "usd") == nil)
        #expect(CNText.isWalletFunded("财付通-腾讯视频") && !CNText.isWalletFunded("腾讯视频"))
    }

    @Test func latestPaymentNotAfterARefund() throws {
        func t(_ time: String, _ id: String) throws -> Transaction {
            Transaction(id: id, format: "x", source: SourceLocation(path: "p", line: 1),
                        time: try #require(Timestamp.parseLocal(time, offsetSeconds: Timestamp.chinaOffset)),
                        amount: .zero(.cny), counterparty: "", channel: .wechat, kind: .payment)
        }
        let all = [try t("2024-01-03 00:00:00", "c"), try t("2024-01-01 00:00:00", "a"), try t("2024-01-02 00:00:00", "b"),
                   try t("2024-01-02 00:00:00", "b2")]
        let rows = RowsByTime([0, 1, 2, 3], in: all)
        let at = { (s: String) in rows.latest(notAfter: Timestamp.parseLocal(s, offsetSeconds: Timestamp.chinaOffset)!, in: all).map { all[$0].id } }
        #expect(at("2023-12-31 00:00:00") == nil)
        #expect(at("2024-01-01 12:00:00") == "a")
        #expect(at("2024-01-02 00:00:00") == "b2") // same second: the later row in the file
        #expect(at("2025-01-01 00:00:00") == "c")
        #expect(rows.earliest.map { all[$0].id } == "a")
    }
}
