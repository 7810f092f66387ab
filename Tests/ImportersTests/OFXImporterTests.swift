import Foundation
import Testing
import TestSupport
import Ledger
@testable import Importers

/// Locations of the project's own OFX fixtures and the peer samples beside the project.
enum OFXFixtures {
    static let root = TestPaths.packageRoot

    static let peers = TestPaths.peers.appendingPathComponent("intl")
    static var peersPresent: Bool { FileManager.default.fileExists(atPath: peers.path) }

    static func own(_ name: String) throws -> StatementFile {
        let url = root.appendingPathComponent("Fixtures/ofx/\(name)")
        return StatementFile(path: "ofx/\(name)", url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func peer(_ name: String) throws -> StatementFile {
        let url = peers.appendingPathComponent(name)
        return StatementFile(path: name, url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func bytes(_ text: String) -> StatementFile {
        StatementFile(path: "inline.ofx", url: URL(fileURLWithPath: "/dev/null"), bytes: Array(text.utf8))
    }

    /// UTC unless a test says otherwise, so expected times are easy to write.
    static let context = ImportContext(defaultOffset: { _ in 0 })

    static func extract(_ file: StatementFile, context: ImportContext = context) throws -> ExtractResult {
        try OFXImporter().extract(file, context: context)
    }

    static func total(_ result: ExtractResult) -> String {
        let sum = result.transactions.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        return Money(minorUnits: sum, currency: result.transactions.first?.amount.currency ?? .usd).decimalString
    }
}

@Suite struct OFXPeerSampleTests {
    /// Expected counts and totals were worked out by hand, independently of this importer:
    /// for each file, `grep -c '<STMTTRN>'` gives the rows and the `<TRNAMT>` values were
    /// summed with Python's `decimal` (commas read as decimal points, `$` dropped); then the
    /// rows that must be refused were subtracted after reading them in the file (see `why`).
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let count: Int
        let total: String
        let skipped: Int
        let why: String
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "actual/1252.qfx", count: 1, total: "-20.00", skipped: 0, why: "CHARSET:1252 with é € —"),
        Case(file: "actual/html-vals.qfx", count: 2, total: "-2.00", skipped: 0, why: "&amp; and &amp;lt;"),
        Case(file: "beangulp/2013-12-03.bofa.ofx", count: 27, total: "-989.26", skipped: 0, why: "one-line card SGML"),
        Case(file: "beangulp/example.ofx", count: 17, total: "-577.32", skipped: 0, why: "AMEX one line, -01.7"),
        Case(file: "beangulp/example.qbo", count: 23, total: "-691.81", skipped: 0, why: "QBO, [-5]"),
        Case(file: "beangulp/ofxdownload.ofx", count: 12, total: "-352.82", skipped: 0, why: "one-line card SGML"),
        Case(file: "libofx/example-listing1.xml", count: 2, total: "209.95", skipped: 0, why: "bare &, zero FITIDs"),
        Case(file: "libofx/ofx-2.1.1-sect-16.5.3.2.ofx", count: 3, total: "247.00", skipped: 0, why: "bank + card in one file"),
        Case(file: "libofx/ofx-2.1.1-sect-16.5.4.2.ofx", count: 1, total: "-80.32", skipped: 0, why: "two bank statements, one empty"),
        Case(file: "libofx/ofx_spec160_stmtrs_example.sgml", count: 2, total: "-500.00", skipped: 0, why: "SGML comments, no header"),
        Case(file: "libofx/ofx_spec201_stmtrs_example.xml", count: 2, total: "-500.00", skipped: 0, why: "XML comments, no header"),
        Case(file: "ofxparse/anzcc.ofx", count: 1, total: "-5.50", skipped: 0, why: "2.x header over SGML card body"),
        Case(file: "ofxparse/bank_medium.ofx", count: 3, total: "-345.27", skipped: 0, why: "SGML, a line per STMTTRN"),
        Case(file: "ofxparse/checking.ofx", count: 3, total: "-59.50", skipped: 0, why: "1.02 SGML"),
        // Three rows, none with a usable date: no DTPOSTED, an empty one, and 20120231.
        Case(file: "ofxparse/date_missing.ofx", count: 0, total: "0.00", skipped: 3, why: "no/empty/impossible dates"),
        // The one row is dated 201120000000: month 20.
        Case(file: "ofxparse/decimal_error.ofx", count: 0, total: "0.00", skipped: 1, why: "month 20"),
        Case(file: "ofxparse/empty_balance.ofx", count: 1, total: "120.00", skipped: 0, why: "blank BALAMT"),
        Case(file: "ofxparse/ofx-v102-empty-tags.ofx", count: 1, total: "12.34", skipped: 0, why: "empty CURDEF, CURRENCY/CURSYM AUD"),
        Case(file: "ofxparse/suncorp.ofx", count: 1, total: "-16.85", skipped: 0, why: "XML with CDATA"),
        Case(file: "ofxtools/br_nubank_cc.ofx", count: 6, total: "-1280.91", skipped: 0, why: "[-3:GMT], MEMO only"),
        Case(file: "ofxtools/stmtrs.ofx", count: 2, total: "-500.00", skipped: 0, why: "2.00 XML"),
        Case(file: "ofxtools/stmtrs_euro.ofx", count: 2, total: "-500.00", skipped: 0, why: "decimal comma"),
        // No statement at all: header only, error status, balances only, investment only.
        Case(file: "ofxparse/bank_small.ofx", count: 0, total: "0.00", skipped: 0, why: "<OFX></OFX>"),
        Case(file: "ofxparse/error_message.ofx", count: 0, total: "0.00", skipped: 0, why: "STATUS 2000"),
        Case(file: "ofxparse/multiple_accounts.ofx", count: 0, total: "0.00", skipped: 0, why: "two statements, balances only"),
        Case(file: "beangulp/example.qfx", count: 0, total: "0.00", skipped: 0, why: "investment only"),
    ]

    @Test(.enabled(if: OFXFixtures.peersPresent), arguments: cases)
    func peerFileImports(_ c: Case) throws {
        let file = try OFXFixtures.peer(c.file)
        #expect(OFXImporter().identify(FileHead(path: c.file, bytes: Array(file.bytes.prefix(4096))), context: OFXFixtures.context), "\(c.file) not recognised")
        let result = try OFXFixtures.extract(file)
        #expect(result.transactions.count == c.count, "\(c.file): \(c.why)")
        #expect(OFXFixtures.total(result) == c.total, "\(c.file): \(c.why)")
        #expect(result.skipped.count == c.skipped, "\(c.file): \(result.skipped)")
        for skip in result.skipped { #expect(skip.line > 0 && !skip.reason.isEmpty) }
        let ids = result.transactions.map(\.id)
        #expect(Set(ids).count == ids.count, "\(c.file): ids not unique")
    }

    /// Every OFX-looking file in the peer folder is covered by a case above, so a newly added
    /// sample cannot go untested.
    @Test(.enabled(if: OFXFixtures.peersPresent))
    func everyPeerOFXFileHasACase() throws {
        let known = Set(Self.cases.map(\.file))
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: OFXFixtures.peers, includingPropertiesForKeys: nil)!
        for case let url as URL in walker {
            guard ["ofx", "qfx", "qbo", "sgml", "xml"].contains(url.pathExtension.lowercased()) else { continue }
            let head = Array(try Data(contentsOf: url).prefix(4096))
            guard OFXImporter.looksLikeOFX(head) else { continue }
            found.append(url.path.replacingOccurrences(of: OFXFixtures.peers.path + "/", with: ""))
        }
        #expect(!found.isEmpty)
        for f in found { #expect(known.contains(f), "peer sample \(f) has no expected count") }
    }

    @Test(.enabled(if: OFXFixtures.peersPresent))
    func camtFilesAreNotTakenForOFX() throws {
        for name in ["camt/camt053.v2.minimal.xml", "actual/camt.053.xml", "hbci4java/test-camt-parse-05200108.xml"] {
            let bytes = Array(try Data(contentsOf: OFXFixtures.peers.appendingPathComponent(name)).prefix(4096))
            #expect(!OFXImporter().identify(FileHead(path: name, bytes: bytes), context: OFXFixtures.context), "\(name)")
        }
    }

    @Test(.enabled(if: OFXFixtures.peersPresent))
    func peerDetails() throws {
        let cp1252 = try OFXFixtures.extract(try OFXFixtures.peer("actual/1252.qfx"))
        #expect(cp1252.transactions.first?.counterparty == "Café Métro €uro")
        #expect(cp1252.transactions.first?.product == "Paiement 5€ — débit")

        let html = try OFXFixtures.extract(try OFXFixtures.peer("actual/html-vals.qfx"))
        #expect(html.transactions.map(\.product).first == "PREAUTHORIZED DEBIT;B.C. HYDRO & POWER AUTHORITY;Electronic Funds Transfer")
        #expect(html.transactions.map(\.counterparty).last == "TPAY <DEFTPYMT>")

        let listing = try OFXFixtures.extract(try OFXFixtures.peer("libofx/example-listing1.xml"))
        #expect(listing.transactions.map(\.counterparty) == ["GROCER A & Z", "DEPOSIT    000000"])
        #expect(listing.transactions.allSatisfy { $0.id.hasPrefix("h:") && $0.rawRow.contains("<FITID>00000000000000000000000000") })
        #expect(listing.transactions.first?.amount.currency.code == "CAD")

        let nubank = try OFXFixtures.extract(try OFXFixtures.peer("ofxtools/br_nubank_cc.ofx"))
        let first = try #require(nubank.transactions.first)
        #expect(first.channel == .card && first.kind == .payment && first.amount.currency.code == "BRL")
        #expect(first.time.offsetSeconds == -3 * 3600 && first.date.description == "2024-03-23")
        #expect(first.counterparty == "-memo-message-")
        #expect(first.account == "****1111")

        let emptyTags = try OFXFixtures.extract(try OFXFixtures.peer("ofxparse/ofx-v102-empty-tags.ofx"))
        #expect(emptyTags.transactions.first?.amount.currency.code == "AUD")
        #expect(emptyTags.transactions.first?.id.hasPrefix("h:") == true)
        #expect(emptyTags.transactions.first?.sourceType == "CREDIT")

        let mixed = try OFXFixtures.extract(try OFXFixtures.peer("libofx/ofx-2.1.1-sect-16.5.3.2.ofx"))
        #expect(mixed.transactions.map(\.channel) == [.bank, .card, .card])
        #expect(mixed.transactions.map(\.kind) == [.payment, .payment, .transfer])

        let invest = try OFXFixtures.extract(try OFXFixtures.peer("beangulp/example.qfx"))
        #expect(invest.notes.contains { $0.contains("INVSTMTRS") })

        let error = try OFXFixtures.extract(try OFXFixtures.peer("ofxparse/error_message.ofx"))
        #expect(error.notes.contains { $0.contains("2000") && $0.contains("General Server Error") })

        let dates = try OFXFixtures.extract(try OFXFixtures.peer("ofxparse/date_missing.ofx"))
        #expect(dates.skipped.map(\.line) == [33, 40, 48])
        #expect(dates.skipped[2].reason.contains("20120231"))
    }
}

@Suite struct OFXOwnFixtureTests {
    @Test func sgmlBankStatement() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("bank-sgml-102.ofx"))
        #expect(r.transactions.count == 5 && r.skipped.isEmpty)
        #expect(OFXFixtures.total(r) == "2351.00")
        let t = r.transactions
        #expect(t.map(\.kind) == [.payment, .payment, .income, .transfer, .reversal])
        #expect(t.map(\.sourceType) == ["DIRECTDEBIT", "REPEATPMT", "DIRECTDEP", "ATM", "DIRECTDEBIT"])
        #expect(t.allSatisfy { $0.channel == .bank && $0.account == "****6789" && $0.format == "ofx" })
        #expect(t[0].id == "202405030001" && t[0].payeeID == "STREAMFLIX" && t[0].counterparty == "STREAMFLIX.COM")
        #expect(t[0].product == "MONTHLY PLAN WEB ID: 9876543210")
        #expect(t[0].time.iso8601 == "2024-05-03T12:00:00-05:00" && !t[0].dateOnly)
        #expect(t[1].counterparty == "CITY GYM" && t[1].product == "MEMBERSHIP")
        #expect(t[1].dateOnly && t[1].time.offsetSeconds == 0)
        // Source line is the line of <STMTTRN>; the raw row is that element on one line.
        #expect(t[0].source == SourceLocation(path: "ofx/bank-sgml-102.ofx", line: 45))
        #expect(t[0].rawRow == "<STMTTRN> <TRNTYPE>DIRECTDEBIT <DTPOSTED>20240503120000.000[-5:EST] <TRNAMT>-15.99 <FITID>202405030001 <PAYEEID>STREAMFLIX <NAME>STREAMFLIX.COM <MEMO>MONTHLY PLAN WEB ID: 9876543210 </STMTTRN>")
        #expect(r.notes.contains { $0.contains("bank statement ****6789 (CHECKING, USD) 20240501–20240615 5 of 5") })
    }

    @Test func xmlCardStatement() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("card-xml-211.ofx"))
        let t = r.transactions
        #expect(t.count == 5 && r.skipped.isEmpty)
        #expect(t.allSatisfy { $0.channel == .card && $0.account == "****4444" })
        #expect(t.map(\.kind) == [.payment, .payment, .payment, .refund, .transfer])
        // CURRENCY: the amount is in GBP; ORIGCURRENCY: already converted into CURDEF.
        #expect(t.map(\.amount.currency.code) == ["EUR", "GBP", "EUR", "EUR", "EUR"])
        #expect(t[0].date.description == "2024-06-05")
    }

    @Test func hybridHeaderOverSGMLBody() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("hybrid-203.ofx"))
        #expect(r.transactions.map(\.amount.decimalString) == ["-9.99", "-64.20"])
        // An empty <NAME> without end tag must not swallow <MEMO>.
        #expect(r.transactions.map(\.counterparty) == ["CLOUDSTORE MONTHLY", "FUEL STATION 42"])
        #expect(r.transactions.map(\.product) == ["CLOUDSTORE MONTHLY", "FUEL STATION 42"])
    }

    @Test func quickenQFX() throws {
        let file = try OFXFixtures.own("quicken.qfx")
        #expect(OFXImporter().identify(FileHead(path: file.path, bytes: file.bytes), context: OFXFixtures.context))
        let r = try OFXFixtures.extract(file)
        #expect(r.transactions.map(\.kind) == [.income, .transfer, .payment])
        #expect(OFXFixtures.total(r) == "-203.77")
        #expect(r.transactions.map(\.source.line) == [14, 15, 16])
    }

    @Test func severalStatementsInOneFile() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("several-statements.ofx"))
        #expect(r.transactions.count == 5)
        #expect(r.transactions.map(\.account) == ["****0001", "****0001", "****0002", "****0002", "****3333"])
        #expect(r.transactions.map(\.amount.currency.code) == ["USD", "USD", "CAD", "CAD", "USD"])
        #expect(r.transactions.map(\.channel) == [.bank, .bank, .bank, .bank, .card])
        // The same FITID in different statements is not a repeat.
        #expect(r.transactions.map(\.id) == ["SAME-1", "SAME-2", "SAME-1", "SAME-2", "SAME-1"])
        #expect(r.notes.filter { $0.contains("statement") }.count == 3)
    }

    @Test func oneLineBody() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("one-line.ofx"))
        #expect(r.transactions.map(\.amount.decimalString) == ["-9.99", "-1.70", "100.00"])
        #expect(r.transactions.allSatisfy { $0.source.line == 10 })
        #expect(r.transactions.map(\.kind) == [.payment, .payment, .transfer])
        #expect(r.transactions[0].counterparty == "VIDEOHUB           800-555-0100")
        #expect(r.transactions[0].account == "****0123")
        #expect(r.transactions[0].rawRow.hasPrefix("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>") && r.transactions[0].rawRow.hasSuffix("</STMTTRN>"))
    }

    @Test func bareAmpersandAndEntities() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("bare-ampersand.ofx"))
        #expect(r.transactions.map(\.counterparty) == ["BARNES & NOBLE", "HYDRO & POWER", "TPAY & CO <X>", "AT&T WIRELESS"])
        #expect(r.transactions.map(\.product) == ["A&B SHOP", "<AUTO> \"PLAN\" 'B'", "CAFÉ — SHOP", "R&D; &unknown; &#0;"])
    }

    @Test func zeroAndRepeatedFITIDsGetContentIDs() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("duplicate-fitids.ofx"))
        let ids = r.transactions.map(\.id)
        #expect(ids.count == 6 && Set(ids).count == 6)
        #expect(ids[0..<5].allSatisfy { $0.hasPrefix("h:") })
        #expect(ids[5] == "UNIQUE-1")
        #expect(r.transactions[0].rawRow.contains("<FITID>0000000000"))
        // Same content, ranked 0 and 1: stable across runs and files.
        let again = try OFXFixtures.extract(try OFXFixtures.own("duplicate-fitids.ofx"))
        #expect(again.transactions.map(\.id) == ids)
        #expect(ids[0] == StableID.content(["****5678", "2024-04-01", "-4.50 USD", "COFFEE CART", "0"]))
        #expect(ids[1] == StableID.content(["****5678", "2024-04-01", "-4.50 USD", "COFFEE CART", "1"]))
    }

    @Test func weirdDates() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("weird-dates.ofx"))
        let byName = Dictionary(uniqueKeysWithValues: r.transactions.map { ($0.counterparty, $0) })
        #expect(r.transactions.count == 8)
        #expect(byName["ok date only"]?.time.iso8601 == "2024-01-05T00:00:00Z")
        #expect(byName["ok bracket"]?.time.iso8601 == "2024-01-06T09:30:00-05:00")
        #expect(byName["ok colon ms"]?.time.iso8601 == "2018-08-04T09:39:14Z")
        #expect(byName["ok 16 digits"]?.time.iso8601 == "2024-01-07T12:00:00Z")
        #expect(byName["ok empty offset"]?.time.iso8601 == "2024-01-08T12:00:00Z")
        #expect(byName["ok half hour"]?.time.iso8601 == "2024-01-09T12:00:00-03:30")
        #expect(byName["ok no tz name"]?.time.iso8601 == "2024-01-10T12:00:00-05:00")
        #expect(byName["ok bad time"]?.date.description == "2024-01-12")
        #expect(r.skipped.map(\.line) == [22, 23, 24, 25])
        #expect(r.skipped[0].reason.contains("00000000") && r.skipped[0].reason.contains("not a calendar date"))
        #expect(r.skipped[1].reason.contains("no DTPOSTED"))
        #expect(r.skipped[2].reason.contains("20120231"))
        #expect(r.skipped[3].reason.contains("does not start with YYYYMMDD"))
    }

    @Test func defaultOffsetAppliesOnlyWithoutBracket() throws {
        let beijing = ImportContext(defaultOffset: { _ in 8 * 3600 })
        let r = try OFXFixtures.extract(try OFXFixtures.own("weird-dates.ofx"), context: beijing)
        let byName = Dictionary(uniqueKeysWithValues: r.transactions.map { ($0.counterparty, $0) })
        #expect(byName["ok date only"]?.time.iso8601 == "2024-01-05T00:00:00+08:00")
        #expect(byName["ok bracket"]?.time.iso8601 == "2024-01-06T09:30:00-05:00")
    }

    @Test func cp1252UnderALyingHeader() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("cp1252-lying-header.ofx"))
        #expect(r.transactions.map(\.counterparty) == ["Boulangerie Pâtisserie", "Télécom Société Générale"])
        #expect(r.transactions.map(\.product) == ["Café crème – 4€20", "Prélèvement «box»"])
        #expect(r.transactions.map(\.amount.decimalString) == ["-4.20", "-29.99"])
        #expect(r.transactions.first?.account == "****0185")
        #expect(r.notes.contains { $0.contains("not UTF-8") && $0.contains("Windows-1252") })
    }

    @Test func hostileAmountsBecomeSkippedRows() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("hostile-amounts.ofx"))
        #expect(r.transactions.map(\.amount.decimalString) == ["-3.00"])
        #expect(r.skipped.map(\.line) == [15, 16, 17, 18, 19, 20, 22])
        #expect(r.skipped.allSatisfy { $0.reason.hasPrefix("TRNAMT") || $0.reason.contains("no TRNAMT") })
        #expect(r.skipped[2].reason.contains("two signs"))
        #expect(r.skipped[4].reason.contains("decimal places"))
        #expect(r.skipped[5].reason.contains("too large"))
    }

    @Test func truncatedFileKeepsCompleteRows() throws {
        let r = try OFXFixtures.extract(try OFXFixtures.own("truncated.ofx"))
        #expect(r.transactions.map(\.amount.decimalString) == ["-15.99", "-49.00", "2500.00"])
        #expect(r.skipped.count == 1 && r.skipped[0].line == 75 && r.skipped[0].reason.contains("cut off"))
    }

    @Test func garbageIsRefusedWithAReason() throws {
        var rng = SystemRandomNumberGenerator()
        let garbage = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let file = StatementFile(path: "garbage.bin", url: URL(fileURLWithPath: "/dev/null"), bytes: garbage)
        #expect(!OFXImporter().identify(FileHead(path: file.path, bytes: garbage), context: OFXFixtures.context))
        #expect(throws: ImportError.self) { try OFXFixtures.extract(file) }
        // Garbage after a valid start is read as far as it goes, without a crash.
        let start = Array("OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST><STMTTRN><TRNAMT>-1<DTPOSTED>20240101<FITID>1</STMTTRN>".utf8)
        let mixed = StatementFile(path: "mixed.ofx", url: URL(fileURLWithPath: "/dev/null"), bytes: start + garbage)
        let r = try OFXFixtures.extract(mixed)
        #expect(r.transactions.count == 1)
    }

    @Test func identifyLooksAtTheHeadOnly() {
        func head(_ s: String) -> FileHead { FileHead(path: "x", bytes: Array(s.utf8)) }
        let importer = OFXImporter()
        #expect(importer.identify(head("\n\n\r\n  ofxheader:100\nDATA:OFXSGML"), context: OFXFixtures.context))
        #expect(importer.identify(head("<?xml version=\"1.0\"?>\n<?ofx OFXHEADER=\"200\"?>"), context: OFXFixtures.context))
        #expect(importer.identify(head("\n<OFX>\n<SIGNONMSGSRSV1>"), context: OFXFixtures.context))
        #expect(!importer.identify(head("Date,Description,Amount\n2024-01-01,OFX payment,-3"), context: OFXFixtures.context))
        #expect(!importer.identify(head("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"), context: OFXFixtures.context))
    }
}
