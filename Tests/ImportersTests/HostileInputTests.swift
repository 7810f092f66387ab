import Foundation
@testable import Importers
import Ledger
import Testing

/// Hostile files: each must end as a SkippedRow (path:line and a reason) or an ImportError
/// naming the file, never a crash, a hang or an error without a place. The very large ones
/// (100 MB lines, 1 GB files) are in scripts/hardening.sh, not here.
@Suite(.timeLimit(.minutes(2))) struct HostileInputTests {
    typealias H = HostileInput

    static let importers: [any StatementImporter] = ImporterRegistry.all

    /// Checks one input through the registry and through every importer directly.
    func expectContract(_ bytes: [UInt8], _ path: String, _ comment: String = "",
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lines = H.lineCount(bytes)
        if let v = H.violation(H.run(bytes, path: path), path: path, lines: lines) {
            Issue.record("\(path) \(comment) via the registry: \(v)", sourceLocation: sourceLocation)
        }
        for importer in Self.importers {
            if let v = H.violation(H.extract(importer, bytes, path: path), path: path, lines: lines) {
                Issue.record("\(path) \(comment) offered to \(importer.format): \(v)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: truncated, empty, binary

    @Test func truncatedFilesOfEveryFormat() throws {
        for name in try H.allFixtures() {
            let whole = try H.fixture(name)
            let format: String? = if case .read(let f, _) = H.run(whole, path: name) { f } else { nil }
            for eighth in 1...7 {
                let cut = Array(whole.prefix(whole.count * eighth / 8))
                expectContract(cut, name, "cut at \(eighth)/8")
                // Cut late, a text statement is still recognised and read or refused by its own reader.
                if eighth == 7, let format, !name.hasSuffix(".xlsx") {
                    switch H.run(cut, path: name) {
                    case .read(let f, _), .refused(let f, _): #expect(f == format, "\(name) cut at 7/8 read as \(f)")
                    default: Issue.record("\(name) cut at 7/8 is no longer recognised as \(format)")
                    }
                }
            }
        }
    }

    /// A WeChat bill cut inside its last row: that row is a SkippedRow at its own line, the
    /// rows before it are kept.
    @Test func weChatCutInsideTheLastRow() throws {
        let whole = try H.fixture("wechat/wechat-2024q1-quirks.csv")
        let lines = whole.split(separator: 0x0A, omittingEmptySubsequences: false)
        let lastRow = try #require(lines.lastIndex { $0.starts(with: Array("2024-".utf8)) })
        // Up to the middle of the time cell of the last row.
        let keep = lines[..<lastRow].map { $0.count + 1 }.reduce(0, +) + 13
        let cut = Array(whole.prefix(keep))
        guard case .read(_, let full) = H.run(whole, path: "w.csv"), case .read(_, let r) = H.run(cut, path: "w.csv") else {
            Issue.record("the cut bill is not read"); return
        }
        #expect(r.skipped.contains { $0.line == lastRow + 1 })
        #expect(r.transactions.count == full.transactions.count - 1)
    }

    @Test func zeroByteFileIsNobodysAndRefusedByEach() {
        #expect(ImporterRegistry.identify(FileHead(path: "empty.csv", bytes: []), context: H.context) == nil)
        for importer in Self.importers {
            switch H.extract(importer, [], path: "empty.csv") {
            case .read(_, let r): #expect(r.transactions.isEmpty, "\(importer.format) invented transactions from nothing")
            case .refused(_, let e): #expect(e.path == "empty.csv" && !e.message.isEmpty)
            case .otherError(let f, let e): Issue.record("\(f): \(e)")
            case .unrecognised: break
            }
        }
    }

    @Test func binaryGarbage() {
        let prefixes: [(String, [UInt8])] = [
            ("plain", []),
            ("zip", [0x50, 0x4B, 0x03, 0x04]),
            ("xml", Array(#"<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>"#.utf8)),
            ("ofx", Array("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><STMTTRN><TRNAMT>".utf8)),
            ("wechat", Array("微信支付账单明细\n交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n".utf8)),
            ("utf16", [0xFF, 0xFE]),
        ]
        for (label, prefix) in prefixes {
            for seed in UInt64(1)...4 {
                expectContract(prefix + H.noise(16 * 1024, seed: seed), "garbage-\(label).bin", "seed \(seed)")
            }
        }
        // NULs only, and a lone BOM.
        expectContract([UInt8](repeating: 0, count: 4096), "zeros.bin")
        expectContract([0xEF, 0xBB, 0xBF], "bom-only.csv")
    }

    /// Found by fuzzing (wechat-xlsx): a central directory entry whose local header offset lies
    /// past the end made ZIPFoundation's in-memory reader trap, taking the scan down.
    @Test func zipWithOffsetsPastTheEndIsRefused() throws {
        let name = "zip-entry-offset-past-end.xlsx"
        let bytes = try H.fixture("hostile/" + name)
        expectContract(bytes, name)
        guard case .refused("wechat-xlsx", let e) = H.extract(WeChatXLSXImporter(), bytes, path: name) else {
            Issue.record("the damaged zip is not refused by wechat-xlsx"); return
        }
        #expect(e.message.contains("not a readable zip archive"), "\(e)")
        // A real WeChat workbook whose directory points past the end: recognised, then refused.
        var workbook = try H.fixture("wechat-xlsx/wechat-2025-text-amounts.xlsx")
        let eocd = try #require((0...(workbook.count - 22)).reversed().first { workbook[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        let directory = Int(workbook[eocd + 16]) | Int(workbook[eocd + 17]) << 8 | Int(workbook[eocd + 18]) << 16 | Int(workbook[eocd + 19]) << 24
        workbook.replaceSubrange((directory + 42)..<(directory + 46), with: [0x00, 0x00, 0x00, 0x7F])
        expectContract(workbook, "damaged.xlsx")
        guard case .refused("wechat-xlsx", _) = H.run(workbook, path: "damaged.xlsx") else {
            Issue.record("the damaged WeChat workbook is not recognised and refused"); return
        }
        // Every cut of the fuzzer's input, too: each cut moves the end-of-directory record.
        for cut in stride(from: 1, to: bytes.count, by: 7) { expectContract(Array(bytes.prefix(cut)), name, "cut at \(cut)") }
    }

    /// Found by fuzzing (wechat-xlsx, a 10 s timeout): a deflate stream that does not end inside
    /// its entry made ZIPFoundation ask for more input forever. Now it is refused at once.
    @Test func deflateStreamRunningPastItsEntryIsRefused() throws {
        let name = "deflate-stream-runs-past-entry.xlsx"
        let bytes = try H.fixture("hostile/" + name)
        let started = ContinuousClock.now
        expectContract(bytes, name)
        guard case .refused("wechat-xlsx", let e) = H.extract(WeChatXLSXImporter(), bytes, path: name) else {
            Issue.record("the workbook with a runaway deflate stream is not refused"); return
        }
        #expect(e.message.contains("xl/sharedStrings.xml"), "the error names the damaged part: \(e)")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// Found by fuzzing (csv, cn-bank-csv): a long run of digits or letters in a date cell
    /// (`01ggg…g/06/2024`, date_format auto) or in a CMB title overflowed Int and trapped.
    @Test func longDigitRunsDoNotOverflow() throws {
        let uk = CSVProfile(name: "uk", matchHeader: ["Date", "Paid out", "Paid in"], dateColumn: "Date", dateFormat: "auto",
                            amount: .debitCredit(debit: "Paid out", credit: "Paid in"), payeeColumn: "Description", currency: "GBP")
        let context = ImportContext(defaultOffset: { _ in 0 }, profiles: [uk])
        let csvName = "profile-csv-auto-date-long-digits.csv"
        let csv = try H.fixture("hostile/" + csvName)
        #expect(H.violation(H.run(csv, path: csvName, context: context), path: csvName, lines: H.lineCount(csv)) == nil)
        guard case .read("csv", let r) = H.run(csv, path: csvName, context: context) else { Issue.record("\(csvName) is not read"); return }
        #expect(r.skipped.contains { $0.line == 5 }, "the row with the mangled date is skipped at its line: \(r.skipped)")

        let cmbName = "cmb-credit-title-long-digits.csv"
        // The fuzzer's input, in short (a file here would be claimed in the other formats' folder test).
        let cmb = Array(("招商银行信用卡对账单（个人消费卡" + String(repeating: "5", count: 120) + "账户 2024年01月）\n交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额\n,12/28,掌上生活还款,-2000.00,1234,-2000.00\n").utf8)
        expectContract(cmb, cmbName)
        #expect(CMBCreditCSVImporter.statementMonth(in: "（个人消费卡" + String(repeating: "5", count: 100) + "账户 2024年01月）")! == (2024, 1))
        #expect(CSVDateParser.resolveAuto([String(repeating: "9", count: 40) + "/06/2024"], dayFirstByDefault: true).isEmpty == false)
        // Second finding: 18 bytes of 0xFF still overflowed (each counts as 207 "digits").
        #expect(CSVDateParser.resolveAuto([String(repeating: "\u{FF}", count: 30) + "/" + String(repeating: "\u{FF}", count: 30) + "/2024"],
                                          dayFirstByDefault: true).isEmpty == false)
        let highName = "profile-csv-auto-date-high-bytes.csv"
        let high = try H.fixture("hostile/" + highName)
        #expect(H.violation(H.run(high, path: highName, context: context), path: highName, lines: H.lineCount(high)) == nil)
    }

    // MARK: encodings

    /// An Alipay export is GBK. With a UTF-8 BOM in front, its bytes are read as (broken)
    /// UTF-8: the header no longer matches and the file must be refused or passed over, not
    /// read into garbage transactions.
    @Test func gbkFilePresentedAsUTF8() throws {
        let gbk = try H.fixture("alipay/alipay-2023-layout.csv")
        let lied = [0xEF, 0xBB, 0xBF] + gbk
        expectContract(lied, "alipay-bom.csv")
        if case .read(let format, let r) = H.run(lied, path: "alipay-bom.csv") {
            #expect(r.transactions.isEmpty, "\(format) read \(r.transactions.count) transactions out of mis-decoded text")
        }
    }

    /// The same Alipay bill re-encoded as UTF-8 (as a text editor saves it) is still read, with
    /// the same amounts.
    @Test func gbkExportResavedAsUTF8() throws {
        let gbk = try H.fixture("alipay/alipay-2023-layout.csv")
        let utf8 = Array(try TextDecoder.decode(gbk, as: .gb18030).utf8)
        guard case .read("alipay-csv", let a) = H.run(gbk, path: "a.csv"), case .read("alipay-csv", let b) = H.run(utf8, path: "a.csv") else {
            Issue.record("an Alipay bill, GBK or UTF-8, is not read as alipay-csv"); return
        }
        #expect(a.transactions.map(\.amount) == b.transactions.map(\.amount))
    }

    /// A profile that declares GBK for a UTF-8 file, and one that declares UTF-8 for a GBK
    /// file: a clear error naming the line of the first byte that does not fit.
    @Test func declaredEncodingThatLies() throws {
        let utf8Text = "Date,Payee,Amount\n2024-01-01,北京某某科技有限公司,-1.00\n2024-01-02,ok,-2.00\n"
        let gbkBytes = try H.fixture("alipay/alipay-2023-layout.csv")
        var asGBK = H.profiles[0]; asGBK.encoding = "gbk"
        var asUTF8 = H.profiles[0]; asUTF8.encoding = "utf-8"; asUTF8.matchHeader = ["交易时间", "金额"]
        for (bytes, profile, name) in [(Array(utf8Text.utf8), asGBK, "utf8-declared-gbk.csv"), (gbkBytes, asUTF8, "gbk-declared-utf8.csv")] {
            let context = ImportContext(defaultOffset: { _ in 0 }, profiles: [profile])
            switch H.extract(ProfileCSVImporter(), bytes, path: name, context: context) {
            case .refused(_, let e):
                #expect(e.path == name && !e.message.isEmpty)
            case .read(_, let r):
                // GB18030 decodes almost any byte pair: then the row must still be readable or skipped.
                #expect(H.violation(.read(format: "csv", r), path: name, lines: H.lineCount(bytes)) == nil)
            case .otherError(_, let e): Issue.record("\(name): \(e)")
            case .unrecognised: break
            }
        }
    }

    /// One GBK row spliced into a UTF-8 WeChat bill: the file is no longer valid UTF-8.
    @Test func utf8BillWithOneGBKRow() throws {
        let wechat = try H.fixture("wechat/wechat-2024q1-quirks.csv")
        let gbkRow = try H.fixture("alipay/alipay-2023-layout.csv").prefix(300)
        let lines = wechat.split(separator: 0x0A, omittingEmptySubsequences: false)
        let mixed = Array(lines[..<20].joined(separator: [0x0A])) + [0x0A] + Array(gbkRow) + [0x0A] + Array(lines[20...].joined(separator: [0x0A]))
        expectContract(mixed, "wechat-mixed.csv")
    }

    // MARK: sizes

    @Test func veryLongSingleLines() throws {
        let five = 5 << 20
        expectContract([UInt8](repeating: UInt8(ascii: "a"), count: five), "one-line.txt")
        expectContract(Array("Date,Payee,Amount\n2024-01-01,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: five) + Array(",-1.00\n".utf8),
                       "long-payee.csv")
        let wechat = try H.fixture("wechat/wechat-2024q1-quirks.csv")
        // An opening quote that never closes, 5 MB before the end of the file.
        let open = H.replacing(#""腾讯视频VIP会员连续包月""#, with: "\"" + String(repeating: "长", count: five / 3), onLine: 18, in: wechat)
        expectContract(open, "wechat-unclosed.csv")
        guard case .read("wechat-csv", let r) = H.run(open, path: "wechat-unclosed.csv") else {
            Issue.record("the WeChat bill with one endless cell is not read"); return
        }
        #expect(r.transactions.count > 10, "the other rows are kept")
        let camt = try H.fixture("camt053/statement-053-v02-sepa.xml")
        let text = String(decoding: camt, as: UTF8.self)
        let huge = text.replacingOccurrences(of: "<AcctSvcrRef>A0240301-0001</AcctSvcrRef>",
                                             with: "<AcctSvcrRef>A0240301-0001</AcctSvcrRef><AddtlNtryInf>" + String(repeating: "x", count: five) + "</AddtlNtryInf>")
        expectContract(Array(huge.utf8), "camt-long.xml")
    }

    @Test func csvWithTenThousandColumns() throws {
        let extra = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let cells = (0..<10_000).map { "\($0)" }.joined(separator: ",")
        let text = "Date,Payee,Amount," + extra + "\n2024-01-01,a,-1.00," + cells + "\n2024-01-02,b,-2.00," + cells + "\n"
        let bytes = Array(text.utf8)
        expectContract(bytes, "wide.csv")
        guard case .read("csv", let r) = H.run(bytes, path: "wide.csv") else { Issue.record("the wide CSV is not read"); return }
        #expect(r.transactions.map(\.amount.decimalString) == ["-1.00", "-2.00"])

        let wechat = try H.fixture("wechat/wechat-2024q1-quirks.csv")
        let wide = H.replacing(#""/""#, with: #""/","# + cells, onLine: 18, in: wechat)
        expectContract(wide, "wechat-wide.csv")
    }

    // MARK: XML

    static let camtHead = #"<?xml version="1.0" encoding="UTF-8"?>"#

    static func camtDocument(doctype: String = "", ustrd: String) -> [UInt8] {
        Array((camtHead + "\n" + doctype + """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>
            <Stmt><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
              <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2024-03-01</Dt></BookgDt>
                <NtryDtls><TxDtls><RmtInf><Ustrd>\(ustrd)</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """).utf8)
    }

    @Test func deeplyNestedXML() throws {
        let depth = 100_000
        let nested = String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth)
        let camt = Self.camtDocument(ustrd: nested)
        expectContract(camt, "deep.xml")
        guard case .refused("camt053", let e) = H.run(camt, path: "deep.xml") else {
            Issue.record("camt nested \(depth) deep is not refused"); return
        }
        #expect(e.line > 0, "the error names the line: \(e)")

        let ofxXML = Array(("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>"
            + String(repeating: "<STMTTRN>", count: depth) + String(repeating: "</STMTTRN>", count: depth)
            + "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n").utf8)
        expectContract(ofxXML, "deep-xml.ofx")
        let ofxSGML = Array(("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n" + String(repeating: "<STMTRS>\n", count: depth)).utf8)
        expectContract(ofxSGML, "deep-sgml.ofx")
    }

    static let billionLaughs = """
    <!DOCTYPE Document [
     <!ENTITY a "aaaaaaaaaa">
     <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
     <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
     <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
     <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
     <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
     <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
     <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
     <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
    ]>

    """

    static let externalEntity = """
    <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote; ]>

    """

    @Test func camtEntityBombAndExternalEntityAreRefused() throws {
        for (name, doctype, reference) in [("bomb.xml", Self.billionLaughs, "&i;"), ("xxe.xml", Self.externalEntity, "&xxe;")] {
            let bytes = Self.camtDocument(doctype: doctype, ustrd: reference)
            expectContract(bytes, name)
            guard case .refused("camt053", let e) = H.run(bytes, path: name) else {
                Issue.record("\(name) is not refused by camt053"); continue
            }
            #expect(e.path == name && !e.message.isEmpty)
            #expect(!e.description.contains("root:"), "the external entity was read: \(e)")
        }
    }

    /// OFX 2.x is XML too: an internal DTD is never expanded into a payee or memo.
    @Test func ofxEntityBombAndExternalEntityAreNotExpanded() {
        for (name, doctype, reference) in [("bomb.ofx", Self.billionLaughs, "&i;"), ("xxe.ofx", Self.externalEntity, "&xxe;")] {
            let text = "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n" + doctype.replacingOccurrences(of: "Document", with: "OFX")
                + "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD</CURDEF><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT</TRNTYPE>"
                + "<DTPOSTED>20240301</DTPOSTED><TRNAMT>-1.00</TRNAMT><FITID>1</FITID><NAME>\(reference)</NAME><MEMO>\(reference)</MEMO>"
                + "</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
            let bytes = Array(text.utf8)
            expectContract(bytes, name)
            if case .read(_, let r) = H.run(bytes, path: name) {
                for t in r.transactions {
                    let texts = [t.counterparty, t.product]
                    #expect(!texts.contains { $0.contains("aaaaaaaaaa") || $0.contains("root:") }, "\(name): an entity was expanded: \(texts)")
                }
            }
        }
    }

    // MARK: dates and amounts

    static let hostileAmounts = ["1e309", "NaN", "--5", "1.2.3", "¥", "99999999999999999999999999999999", "-0x10", "1,2,3.4.5", "∞"]
    static let hostileDates = ["0000-00-00", "2024-02-30", "2024-13-01", "9999-99-99", "2024-00-10"]

    /// The first data row of each text format, where a hostile value replaces a good one; the
    /// row must be skipped at exactly that line and every other row kept.
    struct Slot: Sendable {
        let fixture: String
        let line: Int
        let amount: String
        let date: String
        /// Lines that may carry the skipped row (an XML entry spans several).
        let lines: ClosedRange<Int>
    }

    static let slots: [Slot] = [
        Slot(fixture: "wechat/wechat-2024q1-quirks.csv", line: 18, amount: "¥25.00", date: "2024-01-05", lines: 18...18),
        Slot(fixture: "cn-bank/cmb-debit-2024-02.csv", line: 3, amount: "-25.00", date: "2024-02-03", lines: 3...3),
        Slot(fixture: "ofx/bank-sgml-102.ofx", line: 48, amount: "-15.99", date: "20240503120000.000[-5:EST]", lines: 45...53),
        Slot(fixture: "camt053/statement-053-v02-sepa.xml", line: 28, amount: "12.99", date: "2024-03-01", lines: 27...62),
    ]

    func checkSlot(_ slot: Slot, value: String, isAmount: Bool) throws {
        let whole = try H.fixture(slot.fixture)
        guard case .read(let format, let base) = H.run(whole, path: slot.fixture) else {
            Issue.record("\(slot.fixture) itself is not read"); return
        }
        var bytes = whole
        if isAmount {
            bytes = H.replacing(slot.amount, with: value, onLine: slot.line, in: bytes)
        } else {
            // Every date of the entry (camt and OFX fall back from one date to another).
            for line in slot.lines {
                if H.line(line, of: bytes).contains(slot.date) { bytes = H.replacing(slot.date, with: value, onLine: line, in: bytes) }
            }
        }
        let name = slot.fixture
        expectContract(bytes, name, "with \(value)")
        guard case .read(format, let r) = H.run(bytes, path: name) else {
            Issue.record("\(name) with \(value) is no longer read as \(format)"); return
        }
        let newSkips = r.skipped.filter { s in !base.skipped.contains(s) }
        #expect(newSkips.count == 1 && newSkips.allSatisfy { slot.lines.contains($0.line) },
                "\(name) with \(value): expected one skipped row in lines \(slot.lines), got \(newSkips)")
        #expect(r.transactions.count < base.transactions.count, "\(name) with \(value): the bad row became a transaction")
    }

    @Test(arguments: hostileAmounts) func hostileAmountIsASkippedRow(_ amount: String) throws {
        for slot in Self.slots { try checkSlot(slot, value: amount, isAmount: true) }
    }

    @Test(arguments: hostileDates) func hostileDateIsASkippedRow(_ date: String) throws {
        for slot in Self.slots {
            // OFX dates are digits only.
            let value = slot.fixture.hasSuffix(".ofx") ? date.replacingOccurrences(of: "-", with: "") : date
            try checkSlot(slot, value: value, isAmount: false)
        }
    }

    /// The parsers below the readers, directly: none of these is an amount or a date.
    @Test func parsersRefuseHostileValues() {
        for text in Self.hostileAmounts + ["", "-", "+", "()", "(1", "1e5", "0x10", "1_000"] {
            for mark in [MoneyParser.DecimalMark.point, .comma] {
                if case .success(let m) = MoneyParser.parse(text, currency: Currency("CNY"), decimalMark: mark) {
                    Issue.record("\"\(text)\" read as \(m)")
                }
            }
        }
        for text in Self.hostileDates + ["2023-02-29", "2024-00-10", "2024-1-1x", "99999999"] {
            #expect(CivilDate(text) == nil, "\(text) read as a date")
            #expect(Timestamp.parseLocal(text + " 10:00:00", offsetSeconds: 0) == nil, "\(text) read as a time")
        }
        #expect(Timestamp.parseLocal("2024-01-01 24:00:00", offsetSeconds: 0) == nil)
        #expect(Timestamp.parseLocal("2024-01-01 10:60:00", offsetSeconds: 0) == nil)
    }
}
