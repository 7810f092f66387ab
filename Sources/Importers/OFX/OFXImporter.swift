import Ledger

/// OFX 1.x (SGML), 2.x (XML) and hybrids; QFX (Quicken) and QBO (QuickBooks) are OFX with
/// Intuit tags. Reads bank (`STMTRS`) and credit-card (`CCSTMTRS`) statements, any number
/// per file. Investment statements are noted, not read.
public struct OFXImporter: StatementImporter {
    public let format = "ofx"
    public let recognition = "OFX/QFX/QBO: an `OFXHEADER:` line, `<?OFX …?>` or `<OFX>` at the top of the file"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        Self.looksLikeOFX(Array(head.text.utf8.prefix(4096)))
    }

    /// `OFXHEADER` as the first word (after blank lines), or `<?OFX` / `<OFX>` in the first
    /// few lines, any case.
    static func looksLikeOFX(_ u: [UInt8]) -> Bool {
        var i = u.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < u.count, OFXHeader.isSpace(u[i]) { i += 1 }
        if OFXHeader.startsCaseInsensitive(u, at: i, with: "OFXHEADER") { return true }
        let window = Array(u[i..<min(u.count, i + 1024)])
        for k in 0..<window.count where window[k] == UInt8(ascii: "<") {
            if OFXHeader.startsCaseInsensitive(window, at: k, with: "<?OFX") || OFXHeader.startsCaseInsensitive(window, at: k, with: "<OFX>") {
                return true
            }
        }
        return false
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let declared = OFXHeader.parse(file.bytes)
        let decoded = OFXCharset.decode(file.bytes, header: declared)
        let document = OFXStatementReader.read(utf8: decoded.bytes)
        if !document.sawOFXElement && document.statements.isEmpty {
            throw ImportError(path: file.path, line: 0, message: "no <OFX> element found: the file is not OFX or is damaged")
        }
        var result = ExtractResult()
        if let note = decoded.note { result.notes.append(note) }
        result.notes += document.problems.map { $0.description }
        result.notes += document.notes
        let mapper = OFXTransactionMapper(path: file.path, bytes: decoded.bytes, defaultOffset: context.defaultOffset)
        for statement in document.statements {
            let mapped = mapper.map(statement)
            if result.transactions.isEmpty { result.transactions = mapped.transactions } else { result.transactions += mapped.transactions }
            result.skipped += mapped.skipped
            result.notes.append(Self.describe(statement, read: mapped.transactions.count))
        }
        if document.statements.isEmpty {
            result.notes.append("no bank or credit-card statement (STMTRS / CCSTMTRS) in this file")
        }
        return result
    }

    private static func describe(_ s: OFXStatementRecord, read: Int) -> String {
        var parts = ["line \(s.line):", s.kind == .creditCard ? "card statement" : "bank statement"]
        if let id = s.accountID, !id.isEmpty { parts.append(Masking.lastFour(id)) }
        var details: [String] = []
        if let t = s.accountType, !t.isEmpty { details.append(t) }
        if let c = s.currency, !c.isEmpty { details.append(c) }
        if !details.isEmpty { parts.append("(" + details.joined(separator: ", ") + ")") }
        if let a = s.periodStart?.prefix(8), let b = s.periodEnd?.prefix(8), a.count == 8, b.count == 8 { parts.append("\(a)–\(b)") }
        parts.append("\(read) of \(s.transactions.count) transactions read")
        return parts.joined(separator: " ")
    }
}
