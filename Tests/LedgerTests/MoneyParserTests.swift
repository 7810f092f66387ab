import Testing
@testable import Ledger

@Suite struct MoneyParserTests {
    private func minor(_ text: String, _ currency: Currency? = .cny, mark: MoneyParser.DecimalMark = .point) -> Int64? {
        try? MoneyParser.parse(text, currency: currency, decimalMark: mark).get().minorUnits
    }

    private func failure(_ text: String, _ currency: Currency? = .cny, mark: MoneyParser.DecimalMark = .point) -> String? {
        if case .failure(let f) = MoneyParser.parse(text, currency: currency, decimalMark: mark) { return f.reason }
        return nil
    }

    @Test func plainAndSignedAmounts() {
        #expect(minor("49.74") == 4974)
        #expect(minor("-3.00") == -300)
        #expect(minor("+3") == 300)
        #expect(minor("0.07") == 7)
        #expect(minor(".5") == 50)
        #expect(minor("  12.30\t") == 1230)
        #expect(minor("50.0") == 5000)
    }

    @Test func yenSignsBothWidthsAndThousands() {
        #expect(minor("¥28.16") == 2816)
        #expect(minor("￥1,234.56") == 123456)
        #expect(minor("-¥3.00") == -300)
        #expect(minor("¥-3.00") == -300)
        // The symbol gives the currency when the caller does not.
        #expect((try? MoneyParser.parse("¥28.16", currency: nil).get())?.currency == .cny)
        #expect(failure("28.16", nil) == "no currency")
    }

    @Test func statementSuffixesAndBrackets() {
        #expect(minor("-3.90(CN)") == -390)
        #expect(minor("8,000.00(CN)") == 800000)
        #expect(minor("(12.34)") == -1234)
        #expect(minor("12.34-") == -1234)
        #expect(minor("28.16元") == 2816)
        #expect(minor("−7.00") == -700) // U+2212 minus
    }

    @Test func otherGroupingConventions() {
        #expect(minor("4.626,81", .eur, mark: .comma) == 462681)
        #expect(minor("-5,50", .eur, mark: .comma) == -550)
        #expect(minor("11'373.94", Currency("CHF")) == 1137394)
        #expect(minor("1,23,456.00", Currency("INR")) == 12345600)
        #expect(minor("1 234 567,89", .eur, mark: .comma) == 123456789)
    }

    @Test func misgroupedNumbersFailInsteadOfScaling() {
        // A decimal comma read with the point mark must not become 550.00.
        #expect(failure("5,50") != nil)
        #expect(failure("12,34") != nil)
        #expect(failure("1234,567") != nil)
        #expect(failure("1,234,56.00") != nil)
        #expect(failure("1.5", .eur, mark: .comma) != nil)
        #expect(failure("1,,234") != nil)
        #expect(failure("1,234,") != nil)
    }

    @Test func currencyPrecision() {
        #expect(minor("18.150", .eur) == 1815)
        #expect(failure("18.155", .eur) == "more than 2 decimal places")
        #expect(minor("1500", Currency("JPY")) == 1500)
        #expect(minor("1.234", Currency("KWD")) == 1234)
    }

    @Test func garbageIsRejectedWithAReason() {
        #expect(failure("") == "empty amount")
        #expect(failure("-") != nil)
        #expect(failure("¥") != nil)
        #expect(failure("xx,yyyy.zz") != nil)
        #expect(failure("--3") == "two signs")
        #expect(failure("(3.00)-") != nil)
        #expect(failure("3.0.0") != nil)
        #expect(failure("12a") != nil)
        #expect(failure("99999999999999999999") == "amount too large")
    }

    /// The allocation-free path and the general path must agree on everything the fast
    /// path accepts.
    @Test func fastPathAgreesWithGeneralPath() {
        let samples = ["0", "1", "-1", "12.5", "1,234", "1,234.5", "¥0.01", "￥-9,999,999.99", " 7 ", "-0.00", "+12", "1,23,456"]
        for s in samples {
            var text = s
            let fast = text.withUTF8 { MoneyParser.parseCommonForm($0, currency: .cny) }
            // The general path sees the same text with a character that forces it (NBSP).
            let general = try? MoneyParser.parse(s + "\u{00A0}", currency: .cny).get()
            #expect(fast != nil, "\(s)")
            #expect(fast == general, "\(s)")
        }
    }
}
