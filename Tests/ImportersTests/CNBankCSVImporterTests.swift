import Foundation
import Testing
@testable import Importers
import Ledger

@Suite struct CNBankCSVImporterTests {
    func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }
    func date(_ t: Transaction) -> String { t.date.description }

    // Own CMB credit fixture: rows on lines 3–11, line 10 has the impossible date 13/45.
    // By hand (statement amounts negated): +2000 −25 −25 −1299 +3.90 −72.35 +59 −50.
    @Test func cmbCredit() throws {
        let url = CNTestFiles.fixture("cn-bank/cmb-credit-2024-01.csv")
        let r = try CNTestFiles.extract(CMBCreditCSVImporter(), url)
        #expect(r.transactions.count == 8)
        #expect(CNTestFiles.total(r.transactions) == 59155)
        #expect(r.skipped.map(\.line) == [10])
        #expect(r.skipped.first?.reason.contains("13/45") == true)
        #expect(r.transactions.allSatisfy { $0.format == "cn-bank-csv" && $0.channel == .card && $0.dateOnly })
        #expect(r.transactions.allSatisfy { $0.account == "****4321" && $0.id.hasPrefix("h:") })

        let repayment = try #require(CNTestFiles.at(r, line: 3))
        #expect(date(repayment) == "2023-12-28") // December of a January statement
        #expect(repayment.amount == cny(200000) && repayment.kind == .transfer)
        let video = try #require(CNTestFiles.at(r, line: 4))
        #expect(date(video) == "2023-12-30" && video.amount == cny(-2500))
        #expect(video.counterparty == "财付通-腾讯视频" && video.kind == .payment)
        #expect(video.time.iso8601 == "2023-12-30T00:00:00+08:00")
        // Two identical rows: same content, different rank, different ids.
        #expect(CNTestFiles.at(r, line: 5)?.id != video.id)
        #expect(CNTestFiles.at(r, line: 6)?.amount == cny(-129900))
        #expect(date(try #require(CNTestFiles.at(r, line: 6))) == "2024-01-02")
        #expect(CNTestFiles.at(r, line: 7)?.amount == cny(390))
        #expect(CNTestFiles.at(r, line: 7)?.kind == .income)
        #expect(CNTestFiles.at(r, line: 9)?.kind == .refund)
        #expect(CNTestFiles.at(r, line: 11)?.amount == cny(-5000)) // `50.00(CN)`
        #expect(Set(r.transactions.map(\.id)).count == 8)
    }

    @Test func cmbCreditStatementMonthParsing() {
        #expect(CMBCreditCSVImporter.statementMonth(in: "招商银行信用卡对账单（个人消费卡账户 2024年01月）（补）")! == (2024, 1))
        #expect(CMBCreditCSVImporter.statementMonth(in: "招商银行信用卡对账单（2023年 12月）")! == (2023, 12))
        #expect(CMBCreditCSVImporter.statementMonth(in: "招商银行信用卡对账单") == nil)
        #expect(CMBCreditCSVImporter.statementMonth(in: "招商银行信用卡对账单（24年13月）") == nil)
        #expect(CMBCreditCSVImporter.date("02/29", statement: (2024, 3))?.description == "2024-02-29")
        #expect(CMBCreditCSVImporter.date("02/29", statement: (2023, 3)) == nil)
        #expect(CMBCreditCSVImporter.date("11/30", statement: (2024, 10))?.description == "2023-11-30")
    }

    @Test func cmbCreditWithoutTitleIsAnImportError() throws {
        let bytes = Array("交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额\n01/02,01/03,某店,1.00,4321,1.00\n".utf8)
        let error = #expect(throws: ImportError.self) {
            try CNTestFiles.extract(CMBCreditCSVImporter(), CNTestFiles.fixture("cn-bank/cmb-credit-2024-01.csv"), bytes: bytes)
        }
        #expect(error?.line == 1)
    }

    // The same statement exported twice (the re-issued copy adds one late row): every row
    // of the first gets the same id in the second, the identical pair included.
    @Test func cmbCreditReexportKeepsIDs() throws {
        let a = try CNTestFiles.extract(CMBCreditCSVImporter(), CNTestFiles.fixture("cn-bank/cmb-credit-2024-01.csv"))
        let b = try CNTestFiles.extract(CMBCreditCSVImporter(), CNTestFiles.fixture("cn-bank/cmb-credit-2024-01-reissued.csv"))
        #expect(b.transactions.count == a.transactions.count + 1)
        #expect(Array(b.transactions.map(\.id).prefix(a.transactions.count)) == a.transactions.map(\.id))
        #expect(!Set(a.transactions.map(\.id)).contains(b.transactions.last!.id))
    }

    // Own CMB debit fixture: rows on lines 2–7, line 6 has amount `abc`.
    // By hand: +12000 −25 −1000 −15 −3.
    @Test func cmbDebit() throws {
        let r = try CNTestFiles.extract(CMBDebitCSVImporter(), CNTestFiles.fixture("cn-bank/cmb-debit-2024-02.csv"))
        #expect(r.transactions.count == 5)
        #expect(CNTestFiles.total(r.transactions) == 1_095_700)
        #expect(r.skipped.map(\.line) == [6])
        #expect(r.transactions.allSatisfy { $0.channel == .bank && $0.account == nil })
        #expect(CNTestFiles.at(r, line: 2)?.kind == .income)
        let video = try #require(CNTestFiles.at(r, line: 3))
        #expect(video.counterparty == "财付通-腾讯视频" && video.sourceType == "快捷支付" && video.kind == .payment)
        #expect(CNTestFiles.at(r, line: 4)?.kind == .transfer) // ATM
        #expect(CNTestFiles.at(r, line: 5)?.counterparty == "支付宝-某某音乐") // 人民币 as currency
        let power = try #require(CNTestFiles.at(r, line: 7))
        #expect(power.counterparty == "国网电力有限公司" && power.product == "供电")
    }

    // Own ICBC credit fixture: rows on lines 8–13 (newest first); line 8 fills both booked
    // columns. By hand: −72.35 (booked CNY of a USD trade) +59 +1040 −15 −25.
    @Test func icbcCredit() throws {
        let r = try CNTestFiles.extract(ICBCCSVImporter(), CNTestFiles.fixture("cn-bank/icbc-credit-2024-03.csv"))
        #expect(r.transactions.count == 5)
        #expect(CNTestFiles.total(r.transactions) == 98665)
        #expect(r.skipped.map(\.line) == [8])
        #expect(r.skipped.first?.reason.contains("both") == true)
        #expect(r.notes == ["卡号: ****1234"])
        #expect(r.transactions.allSatisfy { $0.channel == .card && $0.account == "****1234" })
        let aws = try #require(CNTestFiles.at(r, line: 9))
        #expect(aws.amount == cny(-7235) && aws.counterparty == "AMAZON WEB SERVICES")
        #expect(CNTestFiles.at(r, line: 10)?.kind == .refund)
        #expect(CNTestFiles.at(r, line: 11)?.kind == .transfer)
        let music = try #require(CNTestFiles.at(r, line: 12))
        #expect(music.counterparty == "支付宝-某某音乐" && music.product == "消费" && date(music) == "2024-03-05")
    }

    // Own ICBC debit v1 fixture: rows on lines 8–13; line 8 dated 2024/04/31.
    // By hand: +341.58 −500 −13.40 −25 +8000.
    @Test func icbcDebitV1() throws {
        let r = try CNTestFiles.extract(ICBCCSVImporter(), CNTestFiles.fixture("cn-bank/icbc-debit-v1-2024-04.csv"))
        #expect(r.transactions.count == 5)
        #expect(CNTestFiles.total(r.transactions) == 780318)
        #expect(r.skipped.map(\.line) == [8])
        #expect(r.transactions.allSatisfy { $0.channel == .bank && $0.account == "****9876" })
        #expect(CNTestFiles.at(r, line: 9)?.counterparty == "支付宝") // processor named, place kept
        #expect(CNTestFiles.at(r, line: 9)?.kind == .transfer)
        #expect(CNTestFiles.at(r, line: 10)?.counterparty == "王五")
        #expect(CNTestFiles.at(r, line: 11)?.counterparty == "广东某某餐饮有")
        #expect(CNTestFiles.at(r, line: 12)?.counterparty == "财付通-腾讯视频")
        #expect(CNTestFiles.at(r, line: 13)?.counterparty == "某某科技有限公司")
    }

    // Two ICBC v2 exports overlapping on 2024-02-01…02-08: the shared rows get the same ids
    // in both files, the others do not collide.
    @Test func icbcOverlappingExportsShareIDs() throws {
        let a = try CNTestFiles.extract(ICBCCSVImporter(), CNTestFiles.fixture("cn-bank/icbc-debit-v2-2024-01-20_2024-02-10.csv"))
        let b = try CNTestFiles.extract(ICBCCSVImporter(), CNTestFiles.fixture("cn-bank/icbc-debit-v2-2024-02-01_2024-03-01.csv"))
        #expect(a.transactions.count == 4 && b.transactions.count == 5)
        let aByDate = Dictionary(grouping: a.transactions, by: { $0.date.description })
        let bByDate = Dictionary(grouping: b.transactions, by: { $0.date.description })
        for day in ["2024-02-01", "2024-02-05", "2024-02-08"] {
            #expect(aByDate[day]?.map(\.id) == bByDate[day]?.map(\.id), "\(day)")
            #expect(aByDate[day]?.first?.source.line != bByDate[day]?.first?.source.line)
        }
        #expect(Set(a.transactions.map(\.id)).union(b.transactions.map(\.id)).count == 6)
        let salary = try #require(aByDate["2024-02-05"]?.first)
        #expect(salary.product == "工资 2月工资" && salary.amount == cny(500000))
    }

    // Peer CMB credit: 6 rows, 人民币金额 negated, checked with awk on the unquoted column 4:
    // −7675.98.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerCMBCredit() throws {
        let url = CNTestFiles.peer("cmb_credit/example-cmb-records.csv")
        #expect(CMBCreditCSVImporter().identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(CMBCreditCSVImporter(), url)
        #expect(r.transactions.count == 6 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -767_598)
        #expect(date(try #require(CNTestFiles.at(r, line: 3))) == "2023-12-29")
        #expect(CNTestFiles.at(r, line: 8)?.amount == cny(-800_000))
        #expect(CNTestFiles.at(r, line: 7)?.amount == cny(390))
    }

    // Peer CMB debit: 5 rows, column 3 summed with awk: −779.14.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerCMBDebit() throws {
        let url = CNTestFiles.peer("cmb_debit/example-cmb-records.csv")
        #expect(CMBDebitCSVImporter().identify(try CNTestFiles.head(url), context: ImportContext()))
        let r = try CNTestFiles.extract(CMBDebitCSVImporter(), url)
        #expect(r.transactions.count == 5 && r.skipped.isEmpty)
        #expect(CNTestFiles.total(r.transactions) == -77914)
        #expect(CNTestFiles.at(r, line: 2)?.amount == cny(123_400))
        // 客户摘要 names the wallet that paid (抖音支付-…): kept for linking.
        #expect(CNTestFiles.at(r, line: 6)?.counterparty == "抖音支付-抖音电商商家")
    }

    // Peer ICBC files: counted and summed with Python's csv module (booked 收入 − 支出 on rows
    // starting with a date): credit 9 rows 4257.88; debit v1 and v2 11 rows −1399.34 each.
    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerICBC() throws {
        let importer = ICBCCSVImporter()
        let credit = try CNTestFiles.extract(importer, CNTestFiles.peer("icbc_credit/example-icbc-credit-records.csv"))
        #expect(credit.transactions.count == 9 && credit.skipped.isEmpty)
        #expect(CNTestFiles.total(credit.transactions) == 425_788)
        #expect(credit.transactions.allSatisfy { $0.channel == .card && $0.account == "****5678" })
        #expect(CNTestFiles.at(credit, line: 9)?.counterparty == "财付通-拼多多平台商户")
        #expect(CNTestFiles.at(credit, line: 10)?.counterparty == "支付宝-金拱门(中国)有限公司")
        for (path, channel) in [("icbc_debit-v1/example-icbc-debit-v1-records.csv", Channel.bank),
                                ("icbc_debit-v2/example-icbc-debit-v2-records.csv", .bank)] {
            let url = CNTestFiles.peer(path)
            #expect(importer.identify(try CNTestFiles.head(url), context: ImportContext()))
            let r = try CNTestFiles.extract(importer, url)
            #expect(r.transactions.count == 11 && r.skipped.isEmpty, "\(path)")
            #expect(CNTestFiles.total(r.transactions) == -139_934, "\(path)")
            #expect(r.transactions.allSatisfy { $0.channel == channel && $0.account == "****9876" })
            // Masked balances (`xx,yyyy.zz`) are kept as text; ids stay unique.
            #expect(Set(r.transactions.map(\.id)).count == 11)
            #expect(CNTestFiles.at(r, line: 8)?.counterparty == "广东三元麦当劳食品有")
        }
    }
}
