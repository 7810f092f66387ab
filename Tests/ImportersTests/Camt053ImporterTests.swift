import Foundation
import Testing
import TestSupport
import Ledger
@testable import Importers

/// The project's own fixtures and the peer samples beside the project (absent in a fresh clone).
enum XMLImportFixtures {
    static let root = TestPaths.packageRoot

    static let peers = TestPaths.peers
    static var peersPresent: Bool { FileManager.default.fileExists(atPath: peers.appendingPathComponent("intl").path) }

    static func own(_ relative: String) throws -> StatementFile {
        let url = root.appendingPathComponent("Fixtures/" + relative)
        return StatementFile(path: relative, url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func peer(_ relative: String) throws -> StatementFile {
        let url = peers.appendingPathComponent(relative)
        return StatementFile(path: relative, url: url, bytes: Array(try Data(contentsOf: url)))
    }

    static func inline(_ text: String, path: String = "inline.xml") -> StatementFile {
        StatementFile(path: path, url: URL(fileURLWithPath: "/nonexistent/" + path), bytes: Array(text.utf8))
    }

    static func head(_ file: StatementFile) -> FileHead {
        FileHead(path: file.path, bytes: Array(file.bytes.prefix(64 * 1024)))
    }

    /// Central European winter time for times without an offset, so tests see it applied.
    static let cet = ImportContext(defaultOffset: { _ in 3600 })

    static func total(_ transactions: [Transaction]) -> String {
        guard let first = transactions.first else { return "0" }
        return transactions.dropFirst().reduce(first.amount) { $0 + $1.amount }.decimalString
    }
}

@Suite struct Camt053ImporterTests {
    let importer = Camt053Importer()

    func extract(_ file: StatementFile) throws -> ExtractResult {
        try importer.extract(file, context: XMLImportFixtures.cet)
    }

    func byID(_ result: ExtractResult) -> [String: Transaction] {
        Dictionary(result.transactions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: own fixtures

    @Test func v02SepaDirectDebitsReturnPendingAndSkippedEntry() throws {
        let result = try extract(try XMLImportFixtures.own("camt053/statement-053-v02-sepa.xml"))
        #expect(result.transactions.map(\.id) == ["A0240301-0001", "A0240321-0007", "A0240325-0002", "A0240312-0004", "NREF-0330-01", "P0240402-0001"])
        #expect(result.transactions.map(\.amount.decimalString) == ["-12.99", "-12.99", "12.99", "-45.10", "1250.00", "-89.00"])
        #expect(XMLImportFixtures.total(result.transactions) == "1102.91")
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.line == 192)
        #expect(result.skipped.first?.reason.contains("Amt") == true)
        #expect(result.notes == ["account ****2051 (EUR), statement STMT-2024-03"])

        let t = byID(result)
        let debit = try #require(t["A0240301-0001"])
        #expect(debit.amount == Money(minorUnits: -1299, currency: .eur))
        #expect(debit.channel == .sepaDirectDebit)
        #expect(debit.kind == .payment)
        #expect(debit.state == .settled)
        #expect(debit.counterparty == "Streamflix GmbH")
        #expect(debit.product == "Streamflix Premium Abo Maerz 2024 Kd-Nr 77812")
        #expect(debit.mandate == Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "SF-M-000482"))
        #expect(debit.merchantOrderID == "SF-INV-2024-03-77812")
        #expect(debit.paymentMethod == "SEPA direct debit (core)")
        #expect(debit.sourceType == "PMNT/RDDT/ESDD")
        #expect(debit.account == "****2051")
        #expect(debit.dateOnly)
        #expect(debit.time.iso8601 == "2024-03-01T00:00:00+01:00")
        #expect(debit.source == SourceLocation(path: "camt053/statement-053-v02-sepa.xml", line: 27))
        #expect(debit.format == "camt053")
        #expect(debit.rawRow.contains("AcctSvcrRef=A0240301-0001"))
        #expect(!debit.rawRow.contains("\n"))

        let ret = try #require(t["A0240325-0002"])
        #expect(ret.kind == .reversal)
        #expect(ret.amount.decimalString == "12.99")
        #expect(ret.relatesTo == "A0240321-0007")
        #expect(ret.status == "BOOK; return reason MD06; Refund request by end customer")
        #expect(ret.counterparty == "Streamflix GmbH")
        #expect(ret.channel == .sepaDirectDebit)

        let card = try #require(t["A0240312-0004"])
        #expect(card.channel == .bank)
        #expect(card.counterparty == "Biomarkt Lindenstrasse Karte 4711")
        #expect(card.merchantOrderID == nil, "NOTPROVIDED is a placeholder")
        #expect(card.paymentMethod == "card")

        #expect(t["NREF-0330-01"]?.kind == .income)
        #expect(t["NREF-0330-01"]?.counterparty == "Beispiel Arbeitgeber AG")

        let pending = try #require(t["P0240402-0001"])
        #expect(pending.state == .pending)
        #expect(pending.date == CivilDate(year: 2024, month: 4, day: 2), "no BookgDt: the value date is used")
    }

    @Test func v04BatchIsSplitPerTxDtlsWithGermanProprietaryCodes() throws {
        let result = try extract(try XMLImportFixtures.own("camt053/statement-053-v04-batch.xml"))
        #expect(result.transactions.map(\.id) == [
            "2024050600123/1", "2024050600123/2", "2024050600123/3",
            "2024050200017", "2024050300004", "2024050300011", "2024050700002",
        ])
        #expect(result.transactions.prefix(3).map(\.amount.decimalString) == ["-29.99", "-2.99", "-28.49"])
        #expect(XMLImportFixtures.total(result.transactions) == "-166.37")
        #expect(result.skipped.isEmpty)

        let t = byID(result)
        let part1 = try #require(t["2024050600123/1"])
        #expect(part1.counterparty == "Funkfix Mobilfunk GmbH", "the UltmtCdtr placeholder is not a name")
        #expect(part1.mandate == Mandate(creditorID: "DE55ZZZ00000222333", mandateID: "MOBIL-55120"))
        #expect(part1.source.line == 46, "a batch part points at its own TxDtls")
        #expect(part1.rawRow.hasPrefix("Ntry | TxDtls 1/3 | DBIT 29.99 EUR"))
        #expect(t["2024050600123/3"]?.mandate == Mandate(creditorID: nil, mandateID: "ZTG-4411"))

        let german = try #require(t["2024050200017"])
        #expect(german.channel == .sepaDirectDebit)
        #expect(german.sourceType == "NDDT+105+9310+997")
        #expect(german.mandate == Mandate(creditorID: "DE79ZZZ00000000584", mandateID: "KW-77-2021"), "ids read from the Ustrd text")
        #expect(german.counterparty == "Klangwelt Streaming")
        #expect(german.product.hasPrefix("FOLGELASTSCHRIFT Klangwelt Family EREF: MUSIK-2405-00912 MREF"), "lines joined, wrapping collapsed")

        let reversal = try #require(t["2024050300004"])
        #expect(reversal.kind == .reversal)
        #expect(reversal.relatesTo == "2024050200017")
        #expect(reversal.amount.decimalString == "9.99")

        let textOnly = try #require(t["2024050300011"])
        #expect(textOnly.channel == .sepaDirectDebit)
        #expect(textOnly.mandate == Mandate(creditorID: "DE12ZZZ00000345678", mandateID: "FCN-2019-0042"))

        let unsplit = try #require(t["2024050700002"])
        #expect(unsplit.amount.decimalString == "-70.00", "parts without amounts keep the entry whole")
        #expect(unsplit.counterparty == "SAMMLER 2 AUFTRAEGE")
    }

    @Test func v08StatusCodesDateTimesAndMandateMatchedReturn() throws {
        let result = try extract(try XMLImportFixtures.own("camt053/statement-053-v08-pty.xml"))
        #expect(result.transactions.count == 5)
        #expect(XMLImportFixtures.total(result.transactions) == "-66.50")
        let t = byID(result)

        let debit = try #require(t["NL-240603-000041"])
        #expect(debit.time.iso8601 == "2024-06-03T08:15:00+02:00")
        #expect(!debit.dateOnly)
        #expect(debit.state == .settled, "<Sts><Cd>BOOK</Cd></Sts>")
        #expect(debit.counterparty == "Gymtastic BV", "Cdtr/Pty/Nm")
        #expect(debit.mandate == Mandate(creditorID: "NL12ZZZ300000000001", mandateID: "GYM-9931"))

        let returned = try #require(t["NL-240606-000007"])
        #expect(returned.kind == .reversal)
        #expect(returned.relatesTo == "NL-240603-000041", "matched on mandate, creditor id compared without its business code")
        #expect(returned.status == "BOOK; return reason AM04")
        #expect(returned.merchantOrderID == nil)

        let refund = try #require(t["NL-240607-000003"])
        #expect(refund.kind == .reversal, "PRDD")
        #expect(refund.relatesTo == "KRANT-2405-118", "no original in the file: its EndToEndId")
        #expect(refund.counterparty == "Dagblad Media BV")

        #expect(t["NL-240608-000019"]?.time.iso8601 == "2024-06-08T17:42:10Z")
        let pending = try #require(t["NL-240610-P00001"])
        #expect(pending.state == .pending)
        #expect(pending.time.iso8601 == "2024-06-10T09:30:00+01:00", "a DtTm without offset takes the default offset")
    }

    @Test func readsFromDiskWhenTheCallerPassesNoBytes() throws {
        let file = try XMLImportFixtures.own("camt053/statement-053-v08-pty.xml")
        let streamed = try extract(StatementFile(path: file.path, url: file.url, bytes: []))
        #expect(streamed.transactions == (try extract(file)).transactions)
    }

    // MARK: recognition

    @Test func identifiesCamtByNamespaceOrMessageElement() throws {
        for name in ["statement-053-v02-sepa.xml", "statement-053-v04-batch.xml", "statement-053-v08-pty.xml"] {
            #expect(importer.identify(XMLImportFixtures.head(try XMLImportFixtures.own("camt053/" + name)), context: .init()))
        }
        let prefixed = XMLImportFixtures.inline("<?xml version=\"1.0\"?><ns2:Document xmlns:ns2=\"urn:example\"><ns2:BkToCstmrDbtCdtNtfctn>")
        #expect(importer.identify(XMLImportFixtures.head(prefixed), context: .init()))
        let ofx = XMLImportFixtures.inline("<?xml version=\"1.0\"?><?OFX OFXHEADER=\"200\"?><OFX><BANKMSGSRSV1>")
        #expect(!importer.identify(XMLImportFixtures.head(ofx), context: .init()))
        let csv = XMLImportFixtures.inline("Date,Text\n2024-01-01,camt.053 export\n")
        #expect(!importer.identify(XMLImportFixtures.head(csv), context: .init()))
    }

    // MARK: hostile and broken input

    @Test(arguments: [
        ("billion laughs", HostileXML.billionLaughs),
        ("external entity", HostileXML.externalEntity),
        ("DOCTYPE", HostileXML.plainDoctype),
        ("100k levels", HostileXML.deeplyNested(100_000)),
    ])
    func hostileDocumentsAreRefused(_ name: String, _ text: String) throws {
        let error = try #require(throws: ImportError.self, "\(name)") {
            try extract(XMLImportFixtures.inline(text, path: "bank/hostile.xml"))
        }
        #expect(error.path == "bank/hostile.xml")
        #expect(!error.description.contains("root:"), "\(name) leaked file content")
    }

    /// An encoding libxml2 cannot convert is reported with no parser attached: by default its
    /// "encoding error" lines go straight to stderr. They must end up in the error, nowhere else,
    /// also when files are read on several threads at once.
    @Test func undecodableBytesAreAnErrorWithPathAndLineAndPrintNothing() throws {
        let head = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
            + "<BkToCstmrStmt><Stmt>\n<Ntry><AddtlNtryInf>"
        let bytes = Array(head.utf8) + [0xFF, 0xFE, 0xFF, 0xFE] + Array("</AddtlNtryInf></Ntry>\n</Stmt></BkToCstmrStmt></Document>\n".utf8)
        let found = LockedErrors(count: 8)
        let printed = try StderrCapture.run {
            DispatchQueue.concurrentPerform(iterations: 8) { i in
                let file = StatementFile(path: "bank/gb-\(i).xml", url: URL(fileURLWithPath: "/nonexistent/gb.xml"), bytes: bytes)
                do {
                    _ = try Camt053Importer().extract(file, context: .init())
                    found.set(i, ImportError(path: file.path, line: 0, message: "read without an error"))
                } catch let error as ImportError {
                    found.set(i, error)
                } catch {
                    found.set(i, ImportError(path: file.path, line: 0, message: "\(error)"))
                }
            }
        }
        for (i, e) in found.all.enumerated() {
            let error = try #require(e)
            #expect(error.path == "bank/gb-\(i).xml")
            #expect(error.line >= 2, "\(error)")
            #expect(error.message.contains("malformed XML"), "\(error)")
        }
        #expect(!printed.contains("encoding error") && !printed.contains("conversion failed"), "libxml2 printed: \(printed)")
    }

    @Test func aTruncatedStatementNamesTheLineWhereItStops() throws {
        let file = try XMLImportFixtures.own("camt053/statement-053-v02-sepa.xml")
        let cut = StatementFile(path: file.path, url: file.url, bytes: Array(file.bytes.prefix(4000)))
        let error = try #require(throws: ImportError.self) { try extract(cut) }
        #expect(error.line > 50)
        #expect(error.message.contains("malformed XML"))
    }

    @Test func anXMLFileThatIsNotCamtSaysSo() throws {
        let error = try #require(throws: ImportError.self) {
            try extract(XMLImportFixtures.inline("<Document><Other/></Document>"))
        }
        #expect(error.message.contains("not a camt.052/053/054 document"))
        #expect(error.message.contains("<Document>"))
    }

    @Test func entriesMissingRequiredFieldsAreSkippedWithReasons() throws {
        let text = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
            <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>
            <Ntry><Amt Ccy="EUR">1.00</Amt><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-02-30</Dt></BookgDt></Ntry>
            <Ntry><Amt>1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>
            </Stmt></BkToCstmrStmt></Document>
            """
        let result = try extract(XMLImportFixtures.inline(text))
        #expect(result.transactions.isEmpty)
        #expect(result.skipped.map(\.line) == [3, 4, 5, 6])
        #expect(result.skipped[0].reason.contains("CdtDbtInd"))
        #expect(result.skipped[1].reason.contains("2024-02-30"))
        #expect(result.skipped[2].reason.contains("Ccy"))
        #expect(result.skipped[3].reason.contains("BookgDt"))
    }

    @Test func entriesWithoutAnyReferenceGetDistinctStableContentIDs() throws {
        let entry = """
            <Ntry><Amt Ccy="EUR">4.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2024-01-05</Dt></BookgDt><AddtlNtryInf>Kaffee</AddtlNtryInf></Ntry>
            """
        let text = "<Document><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>\(entry)\(entry)</Stmt></BkToCstmrStmt></Document>"
        let first = try extract(XMLImportFixtures.inline(text)).transactions.map(\.id)
        let again = try extract(XMLImportFixtures.inline(text, path: "other/name.xml")).transactions.map(\.id)
        #expect(first.count == 2)
        #expect(Set(first).count == 2)
        #expect(first.allSatisfy { $0.hasPrefix("h:") })
        #expect(first == again, "the same rows exported again keep their ids")
    }

    // MARK: peer samples (counts and totals checked with an independent Python ElementTree
    // script that sums Ntry/Amt signed by CdtDbtInd, splitting a Ntry into its TxDtls only
    // when every TxDtls states an amount; spot values read off the files by eye)

    static let peerExpectations: [(file: String, count: Int, total: String)] = [
        ("intl/actual/camt.053.xml", 7, "-164.10"),
        ("intl/camt/camt052.v2.xml", 1, "-200000.00"),
        ("intl/camt/camt052.v8.xml", 1, "-200000.00"),
        ("intl/camt/camt053.v2.five.decimals.xml", 1, "8.85"),
        ("intl/camt/camt053.v2.minimal.xml", 1, "8.85"),
        ("intl/camt/camt053.v2.multi.statement.xml", 2, "1.85"),
        ("intl/camt/camt053.v2.with-party-ids.xml", 1, "8.85"),
        ("intl/camt/camt053.v3.xml", 1, "8.85"),
        ("intl/camt/camt053.v4.xml", 1, "8.85"),
        ("intl/camt/camt053.v8.xml", 1, "8.85"),
        ("intl/camt/camt054.v8.xml", 3, "9.50"),
        ("intl/camt/camt53.only-Dt-with-DtTm.xml", 0, "0"),
        ("intl/hbci4java/test-camt-parse-05200102.xml", 2, "10.50"),
        ("intl/hbci4java/test-camt-parse-05200108.xml", 1, "-34.00"),
        ("intl/hbci4java/test-camt-ruecklastschrift.xml", 1, "-53.00"),
        ("intl/ofxstatement-iso20022/camt052.xml", 5, "-251.40"),
        ("intl/ofxstatement-iso20022/camt053.xml", 1, "1284.30"),
        ("intl/ofxstatement-iso20022/davider80.xml", 16, "-3679.85"),
        ("intl/ofxstatement-iso20022/gcamp6.xml", 5, "13010.00"),
        ("intl/ofxstatement-iso20022/simple.xml", 4, "-181.01"),
    ]

    @Test(.enabled(if: XMLImportFixtures.peersPresent))
    func peerSamplesAreRecognisedAndReadInFull() throws {
        for expected in Self.peerExpectations {
            let file = try XMLImportFixtures.peer(expected.file)
            #expect(importer.identify(XMLImportFixtures.head(file), context: .init()), "\(expected.file)")
            let result = try extract(file)
            #expect(result.transactions.count == expected.count, "\(expected.file)")
            #expect(result.skipped.isEmpty, "\(expected.file): \(result.skipped)")
            #expect(XMLImportFixtures.total(result.transactions) == expected.total, "\(expected.file)")
            #expect(Set(result.transactions.map(\.id)).count == result.transactions.count, "\(expected.file): ids unique")
        }
    }

    @Test(.enabled(if: XMLImportFixtures.peersPresent))
    func actualVRBankSampleBatchReturnAndTextCreditorID() throws {
        let result = try extract(try XMLImportFixtures.peer("intl/actual/camt.053.xml"))
        let t = byID(result)
        #expect(t["2014010303263400000/1"]?.amount.decimalString == "2.25")
        #expect(t["2014010303263400000/2"]?.amount.decimalString == "1.20")
        #expect(t["2014010303263400000/1"]?.channel == .sepaDirectDebit, "NDDT+071")
        let ret = try #require(t["2014010509572410000"])
        #expect(ret.kind == .reversal)
        #expect(ret.status.contains("MD06"))
        #expect(ret.mandate == Mandate(creditorID: "DE79ZZZ00000000584", mandateID: "Mandat20131227"))
        #expect(ret.relatesTo == "2014010303263400000/2", "same EndToEndId STZV-EtE27122013-11:05-2")
        #expect(t["640387810124072/2"]?.counterparty == "Supermarkt A")
        #expect(t["367406715024072/1"]?.counterparty == "Rega")
        #expect(t["2013123001153870000"]?.counterparty == "Testkonto Nummer 2", "a credit names the debtor")
    }

    @Test(.enabled(if: XMLImportFixtures.peersPresent))
    func hbci4javaDirectDebitAndReturn() throws {
        let dd = try #require(try extract(try XMLImportFixtures.peer("intl/hbci4java/test-camt-parse-05200108.xml")).transactions.first)
        #expect(dd.id == "2023-11-10-00.06.42.329883")
        #expect(dd.channel == .sepaDirectDebit)
        #expect(dd.mandate == Mandate(creditorID: "DE46ZZZ00000012345", mandateID: "12345678/001"))
        #expect(dd.counterparty == "Beispiel AG")
        #expect(dd.state == .settled)
        #expect(dd.account == "****7890")

        let ret = try #require(try extract(try XMLImportFixtures.peer("intl/hbci4java/test-camt-ruecklastschrift.xml")).transactions.first)
        #expect(ret.kind == .reversal)
        #expect(ret.status.contains("MS03"))
        #expect(ret.id.hasPrefix("h:"), "AcctSvcrRef NONREF is no reference")
        #expect(ret.counterparty == "Sven Schuldner")
    }

    @Test(.enabled(if: XMLImportFixtures.peersPresent))
    func genkgoV08BookingDateTime() throws {
        let t = try #require(try extract(try XMLImportFixtures.peer("intl/camt/camt053.v8.xml")).transactions.first)
        #expect(t.id == "AAAASESS-FP-CN_98765/01")
        #expect(t.time.iso8601 == "2014-12-31T13:15:00+01:00")
        #expect(t.counterparty == "NAME NAME")
        #expect(t.account == "****6890", "Acct/Id/Othr/Id")
    }
}

/// Errors written from several threads.
final class LockedErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [ImportError?]
    init(count: Int) { errors = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ e: ImportError) { lock.lock(); errors[i] = e; lock.unlock() }
    var all: [ImportError?] { lock.lock(); defer { lock.unlock() }; return errors }
}

/// What the process writes to file descriptor 2 while `body` runs.
enum StderrCapture {
    static func run(_ body: () throws -> Void) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        fflush(nil)
        let saved = dup(2)
        dup2(handle.fileDescriptor, 2)
        defer {
            fflush(nil)
            dup2(saved, 2)
            close(saved)
            try? handle.close()
        }
        try body()
        fflush(nil)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}
