import Foundation
import Testing
import Ledger
@testable import Importers

@Suite struct WeChatXLSXImporterTests {
    let importer = WeChatXLSXImporter()

    func extract(_ file: StatementFile) throws -> ExtractResult {
        try importer.extract(file, context: ImportContext())
    }

    func own(_ name: String) throws -> StatementFile { try XMLImportFixtures.own("wechat-xlsx/" + name) }

    // MARK: own fixtures (Fixtures/wechat-xlsx/make_fixtures.py; totals summed by hand from
    // the ROWS table there: -25 -25 -30 +30 -1234.50 +82 -200 -19.80 -0.07 -548.58 = -1970.95)

    @Test func layout2025WithTextAmounts() throws {
        let result = try extract(try own("wechat-2025-text-amounts.xlsx"))
        #expect(result.transactions.count == 10)
        #expect(XMLImportFixtures.total(result.transactions) == "-1970.95")
        #expect(result.skipped.map(\.line) == [28])
        #expect(result.skipped.first?.reason.contains("交易时间") == true)
        #expect(result.notes.contains { $0.hasPrefix("微信昵称") })

        let first = try #require(result.transactions.first)
        #expect(first.id == "4200002201202403050000000001", "trailing tab trimmed")
        #expect(first.format == "wechat-xlsx")
        #expect(first.source == SourceLocation(path: "wechat-xlsx/wechat-2025-text-amounts.xlsx", line: 18), "the sheet row number")
        #expect(first.time.iso8601 == "2024-03-05T08:00:12+08:00")
        #expect(first.amount == Money(minorUnits: -2500, currency: .cny))
        #expect(first.counterparty == "腾讯视频")
        #expect(first.product == "腾讯视频VIP会员连续包月")
        #expect(first.merchantOrderID == "TX20240305VIP0001")
        #expect(first.channel == .wechat)
        #expect(first.kind == .payment)
        #expect(first.rawRow.hasPrefix("2024-03-05 08:00:12,商户消费,腾讯视频,"))

        let byID = Dictionary(result.transactions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let refund = try #require(byID["5000002201202404260000000004"])
        #expect(refund.kind == .refund)
        #expect(refund.relatesTo == "4200002201202404250000000003")
        #expect(byID["4200002201202404250000000003"]?.refundedAmount?.decimalString == "30.00")
        #expect(byID["4200002201202405020000000005"]?.counterparty == "WALMART HONG KONG CO.,LIMITED")
        #expect(byID["4200002201202405020000000005"]?.amount.decimalString == "-1234.50", "¥1,234.50")
        #expect(byID["4200002201202405120000000007"]?.kind == .transfer)
        #expect(byID["1000039501202405100000000006"]?.merchantOrderID == nil, "`/` means empty")
    }

    @Test func layout2026WithNumericAmountsAndSheet1NotFirst() throws {
        let result = try extract(try own("wechat-2026-numeric-amounts.xlsx"))
        #expect(result.transactions.count == 11, "the decoy sheet before Sheet1 is not read")
        #expect(XMLImportFixtures.total(result.transactions) == "-1985.95")
        #expect(result.skipped.map(\.line) == [29])
        let byID = Dictionary(result.transactions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["4200002201202403050000000001"]?.source.line == 19, "header on row 18")
        #expect(byID["4200002201202405020000000005"]?.amount.minorUnits == -123450, "1234.5")
        #expect(byID["4200002201202405200000000008"]?.amount.minorUnits == -1980, "19.800000000000001")
        #expect(byID["4200002201202405210000000009"]?.amount.minorUnits == -7, "7.0000000000000007E-2")
        #expect(byID["4200002201202405300000000010"]?.amount.minorUnits == -54858, "548.58000000000004")
        #expect(byID["4200002201202405310000000011"]?.time.iso8601 == "2024-05-31T12:00:00+08:00", "Excel date serial 45443.5")
        #expect(byID["4200002201202404050000000002"]?.rawRow.hasSuffix(",") == true, "a missing 备注 cell reads as empty")
    }

    @Test func bothLayoutsGiveTheSameTransactionsApartFromSourceLines() throws {
        let a = try extract(try own("wechat-2025-text-amounts.xlsx")).transactions
        let b = try extract(try own("wechat-2026-numeric-amounts.xlsx")).transactions.dropLast()
        #expect(a.map(\.id) == b.map(\.id))
        #expect(a.map(\.amount) == b.map(\.amount))
        #expect(a.map(\.time) == b.map(\.time))
        #expect(a.map(\.counterparty) == b.map(\.counterparty))
    }

    // MARK: recognition

    @Test func identifiesWeChatWorkbooksOnly() throws {
        for name in ["wechat-2025-text-amounts.xlsx", "wechat-2026-numeric-amounts.xlsx"] {
            #expect(importer.identify(XMLImportFixtures.head(try own(name)), context: .init()), "\(name)")
        }
        for name in ["not-a-zip.xlsx", "zip-without-workbook.xlsx", "other-workbook.xlsx"] {
            #expect(!importer.identify(XMLImportFixtures.head(try own(name)), context: .init()), "\(name)")
        }
    }

    @Test func aHeadCutBeforeTheStringsStillAcceptsAnXLSX() throws {
        // The scan hands over 64 KiB; a big bill's shared strings may lie beyond it.
        let file = try own("wechat-2026-numeric-amounts.xlsx")
        let cut = FileHead(path: file.path, bytes: Array(file.bytes.prefix(1200)))
        #expect(importer.identify(cut, context: .init()))
    }

    // MARK: broken input

    @Test(arguments: [
        ("not-a-zip.xlsx", "not a readable zip archive"),
        ("zip-without-workbook.xlsx", "no xl/workbook.xml"),
        ("missing-sheet.xlsx", "does not hold it"),
        ("other-workbook.xlsx", "no sheet holds the WeChat header"),
        ("xxe-shared-strings.xlsx", "DOCTYPE"),
    ])
    func brokenWorkbooksAreImportErrors(_ name: String, _ message: String) throws {
        let error = try #require(throws: ImportError.self) { try extract(try own(name)) }
        #expect(error.path.hasPrefix("wechat-xlsx/" + name))
        #expect(error.message.contains(message), "\(error)")
        #expect(!error.description.contains("root:"))
    }

    @Test func aTruncatedZipIsAnImportError() throws {
        let file = try own("wechat-2025-text-amounts.xlsx")
        let cut = StatementFile(path: file.path, url: file.url, bytes: Array(file.bytes.prefix(file.bytes.count - 40)))
        #expect(throws: ImportError.self) { try extract(cut) }
    }

    // MARK: numbers

    @Test(arguments: [
        ("28.16", "28.16"), ("1234.5", "1234.5"), ("548.58000000000004", "548.58"),
        ("7.0000000000000007E-2", "0.07"), ("19.800000000000001", "19.8"), ("2000", "2000"),
        ("1E3", "1000"), ("-3.5", "-3.5"), ("0", "0"), ("9.9999999999999995E-3", "0.01"),
        ("0.30000000000000004", "0.3"), ("123456789012.34", "123456789012.34"),
    ])
    func numericCellsBecomeExactDecimalText(_ literal: String, _ expected: String) {
        #expect(XLSXNumber.decimalText(literal) == expected)
    }

    @Test func notANumberIsRefused() {
        #expect(XLSXNumber.decimalText("abc") == nil)
        #expect(XLSXNumber.decimalText("1.2.3") == nil)
        #expect(XLSXNumber.decimalText("") == nil)
    }

    @Test func columnReferences() {
        #expect(XLSXWorkbook.columnIndex("A18") == 0)
        #expect(XLSXWorkbook.columnIndex("K3") == 10)
        #expect(XLSXWorkbook.columnIndex("AB12") == 27)
        #expect(XLSXWorkbook.columnIndex("12") == nil)
    }

    // MARK: peer samples (double-entry-generator's example bills; 27 rows each, header on
    // row 18 / 17. Total checked with an independent Python zipfile+ElementTree script that
    // rounds numeric cells to 15 significant digits, signs 支出 and neutral rows negative and
    // 收入 positive: both layouts give -28976.93)

    static let peerWeChat = "cn/double-entry-generator/wechat/"

    @Test(.enabled(if: XMLImportFixtures.peersPresent))
    func otherBanksWorkbooksAreNotTakenForWeChat() throws {
        for currency in ["cny", "hkd", "usd"] {
            let file = try XMLImportFixtures.peer("cn/double-entry-generator/cib_debit/example-cib_debit-\(currency)-records.xlsx")
            #expect(!importer.identify(XMLImportFixtures.head(file), context: .init()), "\(currency)")
        }
    }

    @Test(.enabled(if: XMLImportFixtures.peersPresent), arguments: [
        ("example-wechat-records.xlsx", 19),
        ("history-xlsx-2025_5d250e28/example-wechat-records.xlsx", 18),
    ])
    func peerWorkbooks(_ name: String, _ firstRow: Int) throws {
        let file = try XMLImportFixtures.peer(Self.peerWeChat + name)
        #expect(importer.identify(XMLImportFixtures.head(file), context: .init()))
        let result = try extract(file)
        #expect(result.transactions.count == 27)
        #expect(result.skipped.isEmpty, "\(result.skipped)")
        #expect(XMLImportFixtures.total(result.transactions) == "-28976.93")
        #expect(result.transactions.first?.source.line == firstRow)
        #expect(result.transactions.first?.amount.decimalString == "-28.16")
        #expect(result.transactions.first?.id == "3985734")
        let repayment = try #require(result.transactions.first { $0.sourceType == "信用卡还款" })
        #expect(repayment.amount.decimalString == "-548.58")
        let tiny = result.transactions.filter { $0.amount.minorUnits == 7 }
        #expect(tiny.count == 2, "7.0000000000000007E-2 twice")
    }
}
