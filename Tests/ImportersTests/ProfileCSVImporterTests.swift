import Foundation
import Testing
import Ledger
@testable import Importers

enum CSVFixtures {
    static let root = OFXFixtures.root
    static let peers = OFXFixtures.peers
    static var peersPresent: Bool { OFXFixtures.peersPresent }

    static func own(_ name: String) throws -> StatementFile {
        let url = root.appendingPathComponent("Fixtures/csv/\(name)")
        return StatementFile(path: "csv/\(name)", url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func peer(_ name: String) throws -> StatementFile {
        let url = peers.appendingPathComponent(name)
        return StatementFile(path: name, url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func inline(_ bytes: [UInt8], name: String = "inline.csv") -> StatementFile {
        StatementFile(path: name, url: URL(fileURLWithPath: "/dev/null"), bytes: bytes)
    }

    static func context(_ profiles: CSVProfile...) -> ImportContext {
        ImportContext(defaultOffset: { _ in 0 }, profiles: profiles)
    }

    static func identify(_ file: StatementFile, _ context: ImportContext) -> Bool {
        ProfileCSVImporter().identify(FileHead(path: file.path, bytes: Array(file.bytes.prefix(65536))), context: context)
    }

    static func extract(_ file: StatementFile, _ context: ImportContext) throws -> ExtractResult {
        try ProfileCSVImporter().extract(file, context: context)
    }

    static func total(_ r: ExtractResult) -> String {
        let sum = r.transactions.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        return Money(minorUnits: sum, currency: r.transactions.first?.amount.currency ?? .eur).decimalString
    }
}

@Suite struct ProfileCSVOwnFixtureTests {
    static let german = CSVProfile(
        name: "girokonto", matchHeader: ["Buchungstag", "Betrag", "Mandatsreferenz"], delimiter: UInt8(ascii: ";"),
        dateColumn: "Buchungstag", dateFormat: "dd.MM.yyyy", amount: .signed("Betrag"),
        payeeColumn: "Auftraggeber / Begünstigter", memoColumn: "Verwendungszweck", currencyColumn: "Waehrung",
        currency: "EUR", decimalComma: true, declaredAt: "autodebit.toml:12")

    @Test func germanSemicolonDecimalCommaWithMandates() throws {
        var profile = Self.german
        profile.statusColumn = "Info"
        profile.pendingValues = ["vorgemerkt"]
        let file = try CSVFixtures.own("de-girokonto-semicolon.csv")
        let ctx = CSVFixtures.context(profile)
        #expect(CSVFixtures.identify(file, ctx))
        let r = try CSVFixtures.extract(file, ctx)
        #expect(r.transactions.map(\.amount.decimalString) == ["-12.99", "2345.67", "-29.90", "-4.50", "-61.20"])
        #expect(r.transactions.map(\.source.line) == [6, 7, 8, 11, 13])
        #expect(r.transactions.allSatisfy { $0.amount.currency.code == "EUR" && $0.format == "csv" && $0.id.hasPrefix("h:") })
        let dd = r.transactions[0]
        #expect(dd.mandate == Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "MREF-2023-0042"))
        #expect(dd.channel == .sepaDirectDebit && dd.kind == .payment && dd.counterparty == "StreamFix GmbH")
        #expect(dd.product == "Abo Juni 2024 Kd-Nr 4711" && dd.date.description == "2024-06-03" && dd.dateOnly)
        #expect(r.transactions[1].channel == .bank && r.transactions[1].kind == .income && r.transactions[1].mandate == nil)
        #expect(r.transactions[3].counterparty == "Bäckerei Müller")
        #expect(r.transactions.map(\.state) == [.settled, .settled, .settled, .settled, .pending])
        // Inside the table: an impossible date and a doubled sign. The blank and `;;;;` lines
        // are not rows; the balance and end lines after the table are metadata.
        #expect(r.skipped.map(\.line) == [9, 12])
        #expect(r.skipped[0].reason.contains("31.02.2024"))
        #expect(r.skipped[1].reason.contains("two signs"))
        #expect(r.notes.contains { $0.contains("lines 15–16") })
        #expect(dd.rawRow == "03.06.2024;03.06.2024;FOLGELASTSCHRIFT;StreamFix GmbH;Abo Juni 2024 Kd-Nr 4711;DE98ZZZ09999999999;MREF-2023-0042;-12,99;EUR;Umsatz gebucht")
    }

    @Test func missingColumnNamesTheProfileAndColumn() throws {
        var profile = Self.german
        profile.memoColumn = "Zweck"
        let file = try CSVFixtures.own("de-girokonto-semicolon.csv")
        let error = try #require(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(profile)) }
        #expect(error.message.contains("autodebit.toml:12") && error.message.contains("\"Zweck\"") && error.message.contains("memo_column"))
        #expect(error.line == 5)
        var mandate = Self.german
        mandate.mandateColumn = "Mandate Ref"
        let error2 = try #require(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(mandate)) }
        #expect(error2.message.contains("Mandate Ref"))
    }

    static let chase = CSVProfile(
        name: "chase", matchHeader: ["Details", "Posting Date", "Description", "Amount"], dateColumn: "Posting Date",
        dateFormat: "auto", amount: .signed("Amount"), payeeColumn: "Description", currency: "USD")

    @Test func usChaseLikeWithACHCompanyIDs() throws {
        let r = try CSVFixtures.extract(try CSVFixtures.own("us-checking-chase-like.csv"), CSVFixtures.context(Self.chase))
        #expect(r.skipped.isEmpty)
        #expect(r.transactions.map(\.amount.decimalString) == ["-15.49", "2500.00", "-45.00", "-20.00", "-15.49", "-15.49"])
        #expect(r.transactions.map(\.payeeID) == ["7700112233", "1111222233", "9988776655", nil, "7700112233", "7700112233"])
        #expect(r.transactions[0].counterparty == "STREAMFLIX.COM WEB ID: 7700112233")
        #expect(r.transactions[3].date.description == "2024-06-03")
        // Two identical rows: content ids ranked 0 and 1, stable and distinct.
        let ids = r.transactions.map(\.id)
        #expect(Set(ids).count == 6)
        #expect(ids[4] == StableID.content(["2024-06-02", "-15.49 USD", "STREAMFLIX.COM WEB ID: 7700112233", "", "0"]))
        #expect(ids[5] == StableID.content(["2024-06-02", "-15.49 USD", "STREAMFLIX.COM WEB ID: 7700112233", "", "1"]))
        #expect(r.notes.first?.contains("MM/dd/yyyy") == true)
    }

    @Test func ukPaidOutPaidInColumns() throws {
        let profile = CSVProfile(
            name: "uk", matchHeader: ["Date", "Paid out", "Paid in"], dateColumn: "Date", dateFormat: "auto",
            amount: .debitCredit(debit: "Paid out", credit: "Paid in"), payeeColumn: "Description", currency: "GBP")
        let r = try CSVFixtures.extract(try CSVFixtures.own("uk-paid-out-paid-in.csv"), CSVFixtures.context(profile))
        #expect(r.transactions.map(\.amount.decimalString) == ["2100.00", "-25.00", "-3.20", "-25.00", "-950.00"])
        #expect(r.transactions.map(\.date.description) == ["2024-06-01", "2024-06-03", "2024-06-13", "2024-06-13", "2024-06-30"])
        #expect(r.skipped.isEmpty && r.transactions.first?.source.line == 5)
    }

    @Test func cp1252WithAfBijIndicator() throws {
        let profile = CSVProfile(
            name: "ing-nl", matchHeader: ["Datum", "Af Bij", "Bedrag (EUR)"], dateColumn: "Datum", dateFormat: "yyyyMMdd",
            amount: .indicator(amount: "Bedrag (EUR)", column: "Af Bij", debitValues: ["Af"]),
            payeeColumn: "Naam / Omschrijving", memoColumn: "Mededelingen", currency: "EUR", decimalComma: true)
        let file = try CSVFixtures.own("nl-cp1252-af-bij.csv")
        #expect(!TextDecoder.isValidUTF8(file.bytes))
        let r = try CSVFixtures.extract(file, CSVFixtures.context(profile))
        #expect(r.transactions.map(\.counterparty) == ["Café de Kroon", "Zorgverzekeraar Één", "Werkgever B.V."])
        #expect(r.transactions.map(\.amount.decimalString) == ["-12.50", "-134.95", "2150.00"])
        #expect(r.transactions[0].product == "Crème brûlée € 12,50")
        #expect(r.skipped.count == 1 && r.skipped[0].line == 5 && r.skipped[0].reason.contains("indicator"))
        #expect(r.notes.first?.contains("Windows-1252") == true)
    }

    @Test func profileDelimiterFallsBackToTheOneThatSplitsTheHeader() throws {
        var profile = Self.german
        profile.delimiter = UInt8(ascii: ",")
        let r = try CSVFixtures.extract(try CSVFixtures.own("de-girokonto-semicolon.csv"), CSVFixtures.context(profile))
        #expect(r.transactions.count == 5)
    }

    @Test func noMatchingProfileIsRefused() throws {
        let file = try CSVFixtures.own("uk-paid-out-paid-in.csv")
        #expect(!CSVFixtures.identify(file, CSVFixtures.context(Self.german)))
        #expect(!CSVFixtures.identify(file, CSVFixtures.context()))
        #expect(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(Self.german)) }
    }
}

@Suite struct ProfileCSVHostileTests {
    static let simple = CSVProfile(
        name: "simple", matchHeader: ["Date", "Amount"], dateColumn: "Date", dateFormat: "yyyy-MM-dd",
        amount: .signed("Amount"), payeeColumn: "Payee", currency: "USD")

    @Test func badDatesAndAmountsBecomeSkippedRows() throws {
        let text = "Date,Payee,Amount\n2024-01-01,ok,-1.00\n0000-00-00,zero date,-1\n2024-02-30,feb 30,-1\n2024-01-02,huge,1e309\n2024-01-03,nan,NaN\n2024-01-04,double,--5\n2024-01-05,ok,2.50\n"
        let r = try CSVFixtures.extract(CSVFixtures.inline(Array(text.utf8)), CSVFixtures.context(Self.simple))
        #expect(r.transactions.map(\.amount.decimalString) == ["-1.00", "2.50"])
        #expect(r.skipped.map(\.line) == [3, 4, 5, 6, 7])
        #expect(r.skipped[0].reason.contains("0000-00-00") && r.skipped[1].reason.contains("2024-02-30"))
        #expect(r.skipped[2].reason.contains("amount") && r.skipped[3].reason.contains("amount") && r.skipped[4].reason.contains("two signs"))
    }

    @Test func tenThousandColumns() throws {
        var header = ["Date", "Payee", "Amount"]
        for k in 0..<10_000 { header.append("C\(k)") }
        var row = ["2024-03-01", "wide", "-7.25"]
        for _ in 0..<10_000 { row.append("x") }
        let text = header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n" + String(repeating: "1,", count: 10_000) + "\n"
        let file = CSVFixtures.inline(Array(text.utf8))
        #expect(CSVFixtures.identify(file, CSVFixtures.context(Self.simple)))
        let r = try CSVFixtures.extract(file, CSVFixtures.context(Self.simple))
        #expect(r.transactions.map(\.amount.decimalString) == ["-7.25"])
        // The last line has another shape and no date: metadata after the table, not an error.
        #expect(r.skipped.isEmpty && r.notes.contains { $0.contains("(lines 3)") })
    }

    @Test func binaryGarbageIsNotACSV() throws {
        var rng = SystemRandomNumberGenerator()
        let garbage = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let file = CSVFixtures.inline(garbage)
        #expect(!CSVFixtures.identify(file, CSVFixtures.context(Self.simple)))
        #expect(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(Self.simple)) }
    }

    @Test func crOnlyLineEndsAndUTF16() throws {
        let text = "Date,Payee,Amount\r2024-01-01,a,-1.00\r2024-01-02,b,-2.00\r"
        let r = try CSVFixtures.extract(CSVFixtures.inline(Array(text.utf8)), CSVFixtures.context(Self.simple))
        #expect(r.transactions.map(\.source.line) == [2, 3])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "Date,Payee,Amount\r\n2024-01-01,Ünïcode,-1.00\r\n".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let r16 = try CSVFixtures.extract(CSVFixtures.inline(utf16), CSVFixtures.context(Self.simple))
        #expect(r16.transactions.map(\.counterparty) == ["Ünïcode"])
    }

    @Test func unknownEncodingAndChannelAreProfileErrors() throws {
        var profile = Self.simple
        profile.encoding = "ebcdic"
        profile.declaredAt = "cfg.toml:3"
        let file = CSVFixtures.inline(Array("Date,Payee,Amount\n2024-01-01,a,1\n".utf8))
        let e1 = try #require(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(profile)) }
        #expect(e1.message.contains("cfg.toml:3") && e1.message.contains("ebcdic"))
        profile.encoding = nil
        profile.channel = "pigeon"
        let e2 = try #require(throws: ImportError.self) { try CSVFixtures.extract(file, CSVFixtures.context(profile)) }
        #expect(e2.message.contains("pigeon"))
    }
}

@Suite struct CSVDateParserTests {
    private func date(_ format: String, _ text: String) -> String? {
        guard let p = CSVDateParser(format: format), let r = p.parse(text) else { return nil }
        return r.date.description + (r.hasTime ? String(format: " %02d:%02d:%02d", r.hour, r.minute, r.second) : "")
    }

    @Test func formats() {
        #expect(date("yyyy-MM-dd", "2024-06-03") == "2024-06-03")
        #expect(date("dd.MM.yyyy", "03.06.2024") == "2024-06-03")
        #expect(date("dd.MM.yy", "03.04.18") == "2018-04-03")
        #expect(date("MM/dd/yyyy", "06/03/2024") == "2024-06-03")
        #expect(date("M/d/yyyy", "6/3/2024") == "2024-06-03")
        #expect(date("d/M/yyyy", "13/6/2024") == "2024-06-13")
        #expect(date("yyyy-MM-dd HH:mm:ss", "2021-09-06 6:11:59") == "2021-09-06 06:11:59")
        #expect(date("yyyy-MM-dd", "2021-09-05 11:32:41") == "2021-09-05 11:32:41")
        #expect(date("MMM d, yyyy", "Apr 8, 2018") == "2018-04-08")
        #expect(date("MMM d, yyyy", "September 15, 2019") == "2019-09-15")
        #expect(date("dd-MMM-yy", "23-Jan-15") == "2015-01-23")
        #expect(date("yyyyMMdd", "20240603") == "2024-06-03")
        #expect(date("yyyy-MM-dd", "2024-02-30") == nil)
        #expect(date("yyyy-MM-dd", "0000-00-00") == nil)
        #expect(date("yyyy-MM-dd", "2024-06-03x") == nil)
        #expect(CSVDateParser(format: "HH:mm") == nil)
        #expect(CSVDateParser.parseTimeCell("06:50 PM")! == (18, 50, 0))
        #expect(CSVDateParser.parseTimeCell("12:05 am")! == (0, 5, 0))
    }

    @Test func autoResolvesOverTheWholeFile() {
        #expect(CSVDateParser.resolveAuto(["3/4/2016", "3/18/2016"], dayFirstByDefault: true) == "MM/dd/yyyy")
        #expect(CSVDateParser.resolveAuto(["03/04/2016", "18/03/2016"], dayFirstByDefault: false) == "dd/MM/yyyy")
        #expect(CSVDateParser.resolveAuto(["03/04/2016"], dayFirstByDefault: true) == "dd/MM/yyyy")
        #expect(CSVDateParser.resolveAuto(["03/04/2016"], dayFirstByDefault: false) == "MM/dd/yyyy")
        #expect(CSVDateParser.resolveAuto(["2016-03-04"], dayFirstByDefault: false) == "yyyy-MM-dd")
        #expect(CSVDateParser.resolveAuto(["03.04.16"], dayFirstByDefault: false) == "dd.MM.yyyy")
        #expect(CSVDateParser.resolveAuto(["Apr 8, 2018"], dayFirstByDefault: false) == "MMM d, yyyy")
        #expect(CSVDateParser.resolveAuto(["23-Jan-15"], dayFirstByDefault: false) == "d-MMM-yyyy")
    }
}

@Suite struct ProfileCSVPeerSampleTests {
    /// Each expected count and total was computed independently with Python's `csv` module
    /// and `decimal` (decoding with the file's real encoding, reading decimal commas and
    /// apostrophe/comma grouping by hand, debit minus credit), not with this importer.
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let profile: CSVProfile
        let count: Int
        let total: String
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "beangulp/statement.csv", profile: CSVProfile(
            name: "chase", matchHeader: ["Details", "Posting Date", "Amount"], dateColumn: "Posting Date", dateFormat: "auto",
            amount: .signed("Amount"), payeeColumn: "Description", currency: "USD"), count: 6, total: "-1490.16"),
        Case(file: "ofxstatement-sparkasse-freiburg/simple2.csv", profile: CSVProfile(
            name: "sparkasse", matchHeader: ["Buchungstag", "Mandatsreferenz", "Betrag"], delimiter: UInt8(ascii: ";"),
            dateColumn: "Buchungstag", dateFormat: "dd.MM.yy", amount: .signed("Betrag"),
            payeeColumn: "Beguenstigter/Zahlungspflichtiger", memoColumn: "Verwendungszweck", currencyColumn: "Waehrung",
            currency: "EUR", decimalComma: true), count: 18, total: "107.17"),
        Case(file: "ofxstatement-sparkasse-freiburg/simple1.csv", profile: CSVProfile(
            name: "sparkasse", matchHeader: ["Buchungstag", "Mandatsreferenz", "Betrag"], delimiter: UInt8(ascii: ";"),
            dateColumn: "Buchungstag", dateFormat: "auto", amount: .signed("Betrag"),
            payeeColumn: "Beguenstigter/Zahlungspflichtiger", currency: "EUR", decimalComma: true), count: 2, total: "-1111.56"),
        Case(file: "csv2ofx/ubs-ch-fr_trimmed.csv", profile: CSVProfile(
            name: "ubs", matchHeader: ["Produit", "Débit", "Crédit"], delimiter: UInt8(ascii: ";"),
            dateColumn: "Date de valeur", dateFormat: "dd.MM.yyyy", amount: .debitCredit(debit: "Débit", credit: "Crédit"),
            payeeColumn: "Description 2", memoColumn: "Description 1", idColumn: "N° de transaction", currencyColumn: "Monn.",
            currency: "CHF"), count: 3, total: "30.00"),
        Case(file: "ofxstatement-revolut/2018-april.csv", profile: CSVProfile(
            name: "revolut-2018", matchHeader: ["Completed Date", "Reference", "Paid Out (EUR)"], delimiter: UInt8(ascii: ";"),
            dateColumn: "Completed Date", dateFormat: "MMM d, yyyy", amount: .debitCredit(debit: "Paid Out (EUR)", credit: "Paid In (EUR)"),
            payeeColumn: "Reference", memoColumn: "Category", currency: "EUR"), count: 9, total: "-31.12"),
        Case(file: "csv2ofx/mint.csv", profile: CSVProfile(
            name: "mint", matchHeader: ["Date", "Original Description", "Transaction Type"], dateColumn: "Date", dateFormat: "auto",
            amount: .indicator(amount: "Amount", column: "Transaction Type", debitValues: ["debit"]),
            payeeColumn: "Description", currency: "USD"), count: 4, total: "-3000.00"),
        Case(file: "ofxstatement-de-ing/test_with_saldo_2.csv", profile: CSVProfile(
            name: "ing-de", matchHeader: ["Buchung", "Auftraggeber/Empfänger", "Betrag"], delimiter: UInt8(ascii: ";"),
            dateColumn: "Buchung", dateFormat: "auto", amount: .signed("Betrag"), payeeColumn: "Auftraggeber/Empfänger",
            memoColumn: "Verwendungszweck", currency: "EUR", decimalComma: true), count: 9, total: "-178.60"),
        Case(file: "csv2ofx/schwab-checking.csv", profile: CSVProfile(
            name: "schwab", matchHeader: ["Date", "Withdrawal", "Deposit"], dateColumn: "Date", dateFormat: "MM/dd/yyyy",
            amount: .debitCredit(debit: "Withdrawal", credit: "Deposit"), payeeColumn: "Description", currency: "USD"),
            count: 4, total: "-215.27"),
        Case(file: "csv2ofx/creditunion.csv", profile: CSVProfile(
            name: "creditunion", matchHeader: ["Check Number", "Date", "Amount"], dateColumn: "Date", dateFormat: "M/d/yy",
            amount: .signed("Amount"), payeeColumn: "Description", idColumn: "Check Number", currency: "TZS", invertSign: true),
            count: 8, total: "-465000.00"),
    ]

    @Test(.enabled(if: CSVFixtures.peersPresent), arguments: cases)
    func peerFileImports(_ c: Case) throws {
        let file = try CSVFixtures.peer(c.file)
        let ctx = CSVFixtures.context(c.profile)
        #expect(CSVFixtures.identify(file, ctx), "\(c.file) not recognised")
        let r = try CSVFixtures.extract(file, ctx)
        #expect(r.transactions.count == c.count, "\(c.file): \(r.skipped)")
        #expect(CSVFixtures.total(r) == c.total, "\(c.file)")
        #expect(r.skipped.isEmpty, "\(c.file): \(r.skipped)")
        #expect(Set(r.transactions.map(\.id)).count == r.transactions.count)
    }

    @Test(.enabled(if: CSVFixtures.peersPresent))
    func peerDetails() throws {
        let chase = try CSVFixtures.extract(try CSVFixtures.peer("beangulp/statement.csv"), CSVFixtures.context(Self.cases[0].profile))
        #expect(chase.transactions.map(\.payeeID) == [nil, "1111111111", "1234456789", nil, "1111111111", "C234567890"])
        #expect(chase.transactions.first?.date.description == "2016-03-18")

        let spk = try CSVFixtures.extract(try CSVFixtures.peer("ofxstatement-sparkasse-freiburg/simple2.csv"), CSVFixtures.context(Self.cases[1].profile))
        let mandates = spk.transactions.compactMap(\.mandate)
        #expect(mandates == [Mandate(creditorID: "DE1234123412341234", mandateID: "01234123412344"),
                             Mandate(creditorID: "DE12341234412341234", mandateID: "1234-12344123441234-12"),
                             Mandate(creditorID: "DE1234123412341234", mandateID: "A1EFDABBA12389263892934A")])
        #expect(spk.transactions.first?.channel == .sepaDirectDebit)
        #expect(spk.transactions.first?.date.description == "2018-04-03")

        let ing = try CSVFixtures.extract(try CSVFixtures.peer("ofxstatement-de-ing/test_with_saldo_2.csv"), CSVFixtures.context(Self.cases[6].profile))
        #expect(ing.transactions.first?.counterparty == "PayDude (Europe) S.a.r.l. et Cie., S .C.A.")
        #expect(ing.transactions.map(\.counterparty).contains("Peter Petersen"))
        #expect(ing.transactions.contains { $0.sourceType == "ing-de" && $0.product == "Übernachtung in Neuenhausen am 21.05.2017" })
        #expect(ing.transactions.first?.source.line == 15)

        let ubs = try CSVFixtures.extract(try CSVFixtures.peer("csv2ofx/ubs-ch-fr_trimmed.csv"), CSVFixtures.context(Self.cases[3].profile))
        #expect(ubs.transactions.map(\.id) == ["A01234BC01234567", "3456789ZT1234567", "9979360TI2115087"])
        #expect(ubs.transactions.map(\.amount.currency.code) == ["CHF", "CHF", "CHF"])

        let cu = try CSVFixtures.extract(try CSVFixtures.peer("csv2ofx/creditunion.csv"), CSVFixtures.context(Self.cases[8].profile))
        #expect(cu.transactions.first?.counterparty == "Ằdøłƥh Noƴa")
        #expect(cu.transactions.map(\.source.line) == Array(2...9))
    }
}
