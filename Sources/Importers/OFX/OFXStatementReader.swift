/// One `<STMTTRN>` as it was written: its leaves, not yet interpreted.
public struct OFXTransactionRecord: Sendable {
    /// Line of the `<STMTTRN>` tag.
    public var line: Int
    /// Byte range of the element in the decoded file, for the verbatim row.
    public var start: Int
    public var end: Int
    /// Direct leaves (`TRNTYPE`, `DTPOSTED`, `TRNAMT`, `FITID`, `NAME`, `MEMO` …); the first wins.
    public var fields: [String: String] = [:]
    /// `<PAYEE><NAME>`.
    public var payeeName: String?
    /// `<CURRENCY><CURSYM>` (or a `<CURRENCY>` leaf): the amount is in this currency.
    public var currency: String?
    /// `<ORIGCURRENCY><CURSYM>`: the amount was converted into the statement currency from this one.
    public var originalCurrency: String?
    /// False when the file ended inside the element (its amount may be cut off).
    public var complete = true
}

/// One bank (`STMTRS`) or card (`CCSTMTRS`) statement.
public struct OFXStatementRecord: Sendable {
    public enum Kind: String, Sendable { case bank, creditCard }
    public var kind: Kind
    public var line: Int
    public var currency: String?
    public var accountID: String?
    public var accountType: String?
    public var periodStart: String?
    public var periodEnd: String?
    public var transactions: [OFXTransactionRecord] = []
}

/// What an OFX body holds, in the manner of ofxtools: header → tokens → typed records.
public struct OFXDocument: Sendable {
    public var header: OFXHeader
    public var statements: [OFXStatementRecord] = []
    /// Facts worth showing: error statuses, statements of kinds not read, truncation.
    public var notes: [String] = []
    public var problems: [OFXSyntaxProblem] = []
    /// Whether an `<OFX>` element was seen at all.
    public var sawOFXElement = false
    public var truncated = false
}

/// Walks the tokens with a stack of open aggregates. `</X>` closes everything opened after
/// the matching `<X>` (SGML leaves and forgotten end tags); an end tag with no open match is
/// ignored. Tags with a dot (`INTU.BID`, `AMEX.UNIVID`) are proprietary: ignored unless they
/// carry text. A known leaf name without text (`<NAME><MEMO>…`) is an empty leaf, not an
/// aggregate, so it cannot swallow its siblings.
public enum OFXStatementReader {
    public static func read(utf8 bytes: [UInt8]) -> OFXDocument {
        let header = OFXHeader.parse(bytes)
        var tokens = OFXTokenizer(utf8: bytes, start: header.bodyStart)
        var state = ReaderState(document: OFXDocument(header: header))
        while let token = tokens.next() {
            state.handle(token)
        }
        state.finish(atEOF: bytes.count)
        state.document.problems = tokens.problems
        state.document.truncated = tokens.truncated
        return state.document
    }

    static let knownLeaves: Set<String> = [
        "TRNTYPE", "DTPOSTED", "DTUSER", "DTAVAIL", "TRNAMT", "FITID", "CORRECTFITID", "CORRECTACTION",
        "SRVRTID", "CHECKNUM", "REFNUM", "SIC", "PAYEEID", "NAME", "EXTDNAME", "MEMO", "INV401KSOURCE",
        "CURDEF", "CURSYM", "CURRATE", "BANKID", "BRANCHID", "ACCTID", "ACCTTYPE", "ACCTKEY", "DTSTART",
        "DTEND", "BALAMT", "DTASOF", "CODE", "SEVERITY", "MESSAGE", "DTSERVER", "LANGUAGE", "DTPROFUP",
        "DTACCTUP", "ORG", "FID", "TRNUID", "CLTCOOKIE", "MKTGINFO", "ADDR1", "ADDR2", "ADDR3", "CITY",
        "STATE", "POSTALCODE", "COUNTRY", "PHONE",
    ]
}

private struct ReaderState {
    var document: OFXDocument
    var stack: [String] = []
    var statement: OFXStatementRecord?
    var statementDepth = 0
    var transaction: OFXTransactionRecord?
    var transactionDepth = 0
    var lastTokenEnd = 0
    /// STATUS of the enclosing STMTTRNRS / CCSTMTTRNRS.
    var status: (code: String, severity: String, message: String, line: Int)?

    init(document: OFXDocument) { self.document = document }

    mutating func handle(_ token: OFXToken) {
        defer { lastTokenEnd = token.end }
        switch token.kind {
        case .open:
            let name = token.name
            if name.contains(".") { return }
            if OFXStatementReader.knownLeaves.contains(name) { leaf(name, "", token); return }
            open(name, token)
        case .leaf:
            leaf(token.name, token.value, token)
        case .close:
            if token.name.contains(".") { return }
            guard let index = stack.lastIndex(of: token.name) else { return }
            while stack.count > index {
                let isTarget = stack.count == index + 1
                close(stack.removeLast(), end: isTarget ? token.end : lastTokenEnd, explicit: isTarget)
            }
        }
    }

    private mutating func open(_ name: String, _ token: OFXToken) {
        stack.append(name)
        switch name {
        case "OFX":
            document.sawOFXElement = true
        case "STMTRS", "CCSTMTRS":
            if statement != nil { close("STMTRS", end: token.start, explicit: false) }
            statement = OFXStatementRecord(kind: name == "STMTRS" ? .bank : .creditCard, line: token.line)
            statementDepth = stack.count
        case "STMTTRN" where statement != nil && transaction == nil:
            transaction = OFXTransactionRecord(line: token.line, start: token.start, end: token.end)
            transactionDepth = stack.count
        case "STMTTRNRS", "CCSTMTTRNRS":
            status = nil
        case "INVSTMTRS":
            document.notes.append("line \(token.line): investment statement (INVSTMTRS): holdings and trades are not read, 0 bank transactions from it")
        default:
            break
        }
    }

    private mutating func leaf(_ name: String, _ value: String, _ token: OFXToken) {
        if name.contains(".") { return }
        if name == "OFX" { document.sawOFXElement = true; return }
        let parent = stack.last ?? ""
        if var t = transaction {
            if stack.count == transactionDepth {
                if t.fields[name] == nil { t.fields[name] = value }
                if name == "CURRENCY", t.currency == nil, !value.isEmpty { t.currency = value }
            } else if parent == "PAYEE" && name == "NAME" {
                t.payeeName = value
            } else if parent == "CURRENCY" && name == "CURSYM" {
                t.currency = value
            } else if parent == "ORIGCURRENCY" && name == "CURSYM" {
                t.originalCurrency = value
            }
            transaction = t
            return
        }
        if var s = statement {
            switch (parent, name) {
            case ("STMTRS", "CURDEF"), ("CCSTMTRS", "CURDEF"): s.currency = value
            case ("BANKACCTFROM", "ACCTID"), ("CCACCTFROM", "ACCTID"): if stack.count == statementDepth + 1 { s.accountID = value }
            case ("BANKACCTFROM", "ACCTTYPE"): s.accountType = value
            case ("BANKTRANLIST", "DTSTART"): s.periodStart = value
            case ("BANKTRANLIST", "DTEND"): s.periodEnd = value
            default: break
            }
            statement = s
            return
        }
        if parent == "STATUS", stack.count >= 2, ["STMTTRNRS", "CCSTMTTRNRS"].contains(stack[stack.count - 2]) {
            var st = status ?? (code: "", severity: "", message: "", line: token.line)
            switch name {
            case "CODE": st.code = value
            case "SEVERITY": st.severity = value
            case "MESSAGE": st.message = value
            default: break
            }
            status = st
        }
    }

    private mutating func close(_ name: String, end: Int, explicit: Bool) {
        switch name {
        case "STMTTRN" where transaction != nil && stack.count < transactionDepth:
            var t = transaction!
            t.end = end
            transaction = nil
            statement?.transactions.append(t)
        case "STMTRS", "CCSTMTRS":
            if let t = transaction { transaction = nil; statement?.transactions.append(t) }
            if let s = statement { document.statements.append(s) }
            statement = nil
        case "STMTTRNRS", "CCSTMTTRNRS":
            if let st = status, st.code != "0", !st.code.isEmpty {
                let words = [st.severity, st.message].filter { !$0.isEmpty }.joined(separator: " ")
                document.notes.append("line \(st.line): the bank answered with status \(st.code)\(words.isEmpty ? "" : " (\(words))"): this response holds no statement")
            }
            status = nil
        default:
            break
        }
    }

    mutating func finish(atEOF end: Int) {
        if var t = transaction {
            t.complete = false
            t.end = lastTokenEnd
            transaction = t
        }
        while let name = stack.popLast() {
            close(name, end: lastTokenEnd, explicit: false)
        }
        if let t = transaction { statement?.transactions.append(t); transaction = nil }
        if let s = statement { document.statements.append(s); statement = nil }
    }
}
