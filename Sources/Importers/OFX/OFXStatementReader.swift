/// The direct leaves of one element, in file order; the first of a name wins. A handful of
/// entries, so a linear search beats hashing.
public struct OFXFields: Sendable {
    private var names: [String] = []
    private var values: [String] = []

    public init() {
        names.reserveCapacity(12)
        values.reserveCapacity(12)
    }

    public subscript(name: String) -> String? {
        get {
            for k in names.indices where names[k] == name { return values[k] }
            return nil
        }
        set {
            guard let newValue, self[name] == nil else { return }
            names.append(name)
            values.append(newValue)
        }
    }
}

/// One `<STMTTRN>` as it was written: its leaves, not yet interpreted.
public struct OFXTransactionRecord: Sendable {
    /// Line of the `<STMTTRN>` tag.
    public var line: Int
    /// Byte range of the element in the decoded file, for the verbatim row.
    public var start: Int
    public var end: Int
    /// Direct leaves (`TRNTYPE`, `DTPOSTED`, `TRNAMT`, `FITID`, `NAME`, `MEMO` …); the first wins.
    public var fields = OFXFields()
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
    // The open statement and transaction live in plain (non-optional) storage with a flag:
    // mutating an optional struct through `!` on every leaf costs more than the work itself.
    var statement = OFXStatementRecord(kind: .bank, line: 0)
    var inStatement = false
    var statementDepth = 0
    var transaction = OFXTransactionRecord(line: 0, start: 0, end: 0)
    var inTransaction = false
    var transactionDepth = 0
    var lastTokenEnd = 0
    /// STATUS of the enclosing STMTTRNRS / CCSTMTTRNRS.
    var status: (code: String, severity: String, message: String, line: Int)?

    init(document: OFXDocument) { self.document = document }

    /// `INTU.BID`, `AMEX.ROLE`: a dot marks a tag outside the OFX specification.
    @inline(__always) private func isProprietary(_ name: String) -> Bool { name.utf8.contains(UInt8(ascii: ".")) }

    mutating func handle(_ token: OFXToken) {
        defer { lastTokenEnd = token.end }
        switch token.kind {
        case .open:
            let name = token.name
            if isProprietary(name) { return }
            if OFXStatementReader.knownLeaves.contains(name) { leaf(name, "", token); return }
            open(name, token)
        case .leaf:
            leaf(token.name, token.value, token)
        case .close:
            if isProprietary(token.name) { return }
            guard let index = stack.lastIndex(of: token.name) else { return }
            while stack.count > index {
                let isTarget = stack.count == index + 1
                close(stack.removeLast(), end: isTarget ? token.end : lastTokenEnd)
            }
        }
    }

    private mutating func open(_ name: String, _ token: OFXToken) {
        stack.append(name)
        switch name {
        case "OFX":
            document.sawOFXElement = true
        case "STMTRS", "CCSTMTRS":
            if inStatement { close("STMTRS", end: token.start) }
            statement = OFXStatementRecord(kind: name == "STMTRS" ? .bank : .creditCard, line: token.line)
            inStatement = true
            statementDepth = stack.count
        case "STMTTRN" where inStatement && !inTransaction:
            transaction = OFXTransactionRecord(line: token.line, start: token.start, end: token.end)
            inTransaction = true
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
        if isProprietary(name) { return }
        if name == "OFX" { document.sawOFXElement = true; return }
        if inTransaction {
            if stack.count == transactionDepth {
                transaction.fields[name] = value
                if name == "CURRENCY", transaction.currency == nil, !value.isEmpty { transaction.currency = value }
                return
            }
            let parent = stack[stack.count - 1]
            if parent == "PAYEE" && name == "NAME" {
                transaction.payeeName = value
            } else if parent == "CURRENCY" && name == "CURSYM" {
                transaction.currency = value
            } else if parent == "ORIGCURRENCY" && name == "CURSYM" {
                transaction.originalCurrency = value
            }
            return
        }
        let parent = stack.last ?? ""
        if inStatement {
            switch (parent, name) {
            case ("STMTRS", "CURDEF"), ("CCSTMTRS", "CURDEF"): statement.currency = value
            case ("BANKACCTFROM", "ACCTID"), ("CCACCTFROM", "ACCTID"): if stack.count == statementDepth + 1 { statement.accountID = value }
            case ("BANKACCTFROM", "ACCTTYPE"): statement.accountType = value
            case ("BANKTRANLIST", "DTSTART"): statement.periodStart = value
            case ("BANKTRANLIST", "DTEND"): statement.periodEnd = value
            default: break
            }
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

    private mutating func close(_ name: String, end: Int) {
        switch name {
        case "STMTTRN" where inTransaction && stack.count < transactionDepth:
            transaction.end = end
            inTransaction = false
            statement.transactions.append(transaction)
        case "STMTRS", "CCSTMTRS":
            if inTransaction { inTransaction = false; statement.transactions.append(transaction) }
            if inStatement { document.statements.append(statement) }
            inStatement = false
            statement.transactions = []
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
        if inTransaction {
            transaction.complete = false
            transaction.end = lastTokenEnd
        }
        while let name = stack.popLast() {
            close(name, end: lastTokenEnd)
        }
        if inTransaction { statement.transactions.append(transaction); inTransaction = false }
        if inStatement { document.statements.append(statement); inStatement = false }
    }
}
