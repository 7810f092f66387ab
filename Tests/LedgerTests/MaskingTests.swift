import Ledger
import Testing

@Suite struct MaskingTests {
    @Test(arguments: [
        ("招商银行信用卡 6225 8812 3456 7890 消费", "招商银行信用卡 ****7890 消费"),
        ("卡号: 6222021234567890123", "卡号: ****0123"),
        ("1234****5678", "****5678"),
        ("6222-0211-1234-5678.", "****5678."),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN DE****3000"),
        ("account 12345678", "account ****5678"),
        // Left alone: dates, times, amounts, short numbers.
        ("2026-02-10 10:01:33", "2026-02-10 10:01:33"),
        ("交易日期 2024-03-01 金额 1,234.56 元", "交易日期 2024-03-01 金额 1,234.56 元"),
        ("尾号(7449)", "尾号(7449)"),
        ("第 3 期 共 12 期", "第 3 期 共 12 期"),
        ("*", "*"),
    ])
    func masksAccountsOnly(input: String, expected: String) {
        #expect(Masking.maskAccountNumbers(input) == expected)
    }

    @Test func lastFour() {
        #expect(Masking.lastFour("DE89 3704 0044 0532 0130 00") == "****3000")
        #expect(Masking.lastFour("7449") == "7449")
    }
}
