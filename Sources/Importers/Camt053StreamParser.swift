/// The account a statement (`Stmt`, `Rpt` or `Ntfctn`) is about.
struct CamtStatement {
    var id: String?
    var iban: String?
    var otherAccountID: String?
    var currency: String?

    var account: String? { iban ?? otherAccountID }
}

/// Walks a camt.052/053/054 document event by event (libxml2 SAX2) and hands over each `Ntry`
/// once its end tag is read. Only the open-element path (as `CamtTag`s) and the current entry
/// are held, never the document. Elements are matched on local names, so every version
/// (.02–.08) and any prefix works; a Swift `String` is made only for the values kept.
final class CamtStreamParser: XMLSAXHandler {
    /// All mutable state in one struct: each event is then one exclusive access to it instead
    /// of a dynamically checked access per field (measurable at millions of events).
    private var state = CamtStreamState()
    var statementsSeen: Int { state.statementsSeen }
    var rootName: String? { state.rootName }

    static let containers: Set<String> = ["Stmt", "Rpt", "Ntfctn"]
    static let messages: Set<String> = ["BkToCstmrStmt", "BkToCstmrAcctRpt", "BkToCstmrDbtCdtNtfctn"]

    /// Reads to the end. `onStatement` fires when a statement's entries begin (its account is
    /// known by then: `Acct` precedes `Ntry` in every version); `onEntry` for each entry.
    func run(bytes: [UInt8], filePath: String?, path: String,
             onStatement: @escaping (CamtStatement) -> Void, onEntry: @escaping (CamtEntry, CamtStatement) -> Void) throws {
        state.onStatement = onStatement
        state.onEntry = onEntry
        defer {
            state.onStatement = { _ in }
            state.onEntry = { _, _ in }
        }
        if let filePath {
            try XMLSAXParser.parse(filePath: filePath, path: path, handler: self)
        } else {
            try XMLSAXParser.parse(bytes: bytes, path: path, handler: self)
        }
    }

    func startElement(_ localName: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser) {
        state.startElement(localName, attributes, parser)
    }

    func endElement(_ localName: UnsafePointer<UInt8>, _ parser: XMLSAXParser) {
        state.close()
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser) {
        state.characters(bytes, parser)
    }

    static func normalise(_ bytes: [UInt8]) -> String { CamtStreamState.normalise(bytes) }
}

/// What `CamtStreamParser` knows between two events.
struct CamtStreamState {
    private var path: [CamtTag] = []
    private var text: [UInt8] = []
    private var amountCurrency: String?
    private var statementIndex: Int?
    private var entryIndex: Int?
    private var txIndex: Int?
    private var statement = CamtStatement()
    private var entry = CamtEntry()
    private var tx = CamtTxDetails()
    private var announced = false
    private(set) var statementsSeen = 0
    private(set) var rootName: String?
    /// Tag of each interned name pointer seen (libxml2 interns names per parse).
    private var tags: [UnsafeRawPointer: CamtTag] = [:]
    var onStatement: (CamtStatement) -> Void = { _ in }
    var onEntry: (CamtEntry, CamtStatement) -> Void = { _, _ in }

    private mutating func tag(_ name: UnsafePointer<UInt8>) -> CamtTag {
        let key = UnsafeRawPointer(name)
        if let known = tags[key] { return known }
        let found = CamtTag(String(cString: name))
        if tags.count < 4096 { tags[key] = found }
        return found
    }

    mutating func startElement(_ localName: UnsafePointer<UInt8>, _ attributes: XMLSAXAttributes, _ parser: XMLSAXParser) {
        if rootName == nil { rootName = String(cString: localName) }
        let name = tag(localName)
        path.append(name)
        if !text.isEmpty { text.removeAll(keepingCapacity: true) }
        if name == .Amt { amountCurrency = attributes.value("Ccy") }
        open(name, parser)
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, _ parser: XMLSAXParser) {
        guard entryIndex != nil || statementIndex != nil else { return }
        // Indentation between elements: leading blanks are trimmed from every value anyway.
        if text.isEmpty, !bytes.contains(where: { !CamtStreamState.isSpace($0) }) { return }
        guard text.count + bytes.count <= XMLSAXParser.maxTextLength else {
            return parser.fail("a text of more than \(XMLSAXParser.maxTextLength) bytes in <\(path.last.map { "\($0)" } ?? "?")>: not a statement value")
        }
        text.append(contentsOf: bytes)
    }

    private mutating func open(_ name: CamtTag, _ parser: XMLSAXParser) {
        let depth = path.count - 1
        if statementIndex == nil, name.isContainer, depth >= 1, path[depth - 1].isMessage {
            statementIndex = depth
            statement = CamtStatement()
            statementsSeen += 1
            announced = false
        } else if let s = statementIndex, entryIndex == nil, name == .Ntry, depth == s + 1 {
            if !announced { onStatement(statement); announced = true }
            entryIndex = depth
            entry = CamtEntry()
            entry.line = parser.line
        } else if entryIndex != nil, txIndex == nil, name == .TxDtls {
            txIndex = depth
            tx = CamtTxDetails()
            tx.line = parser.line
        }
    }

    mutating func close() {
        guard !path.isEmpty else { return }
        let depth = path.count - 1
        if let t = txIndex {
            if depth == t {
                // Moved, not copied: the next TxDtls starts from a fresh value anyway.
                var done = CamtTxDetails()
                swap(&done, &tx)
                entry.transactions.append(done)
                txIndex = nil
            } else if let value = value() {
                assignTx(path[(t + 1)...], value)
            }
        } else if let e = entryIndex {
            if depth == e {
                onEntry(entry, statement)
                entryIndex = nil
            } else if let value = value() {
                assignEntry(path[(e + 1)...], value)
            }
        } else if let s = statementIndex {
            if depth == s {
                statementIndex = nil
            } else if let value = value() {
                assignStatement(path[(s + 1)...], value)
            }
        }
        path.removeLast()
        if !text.isEmpty { text.removeAll(keepingCapacity: true) }
    }

    /// The element's text, whitespace-normalised; nil when there is none.
    private func value() -> String? {
        guard !text.isEmpty else { return nil }
        let value = CamtStreamState.normalise(text)
        return value.isEmpty ? nil : value
    }

    private mutating func assignStatement(_ rel: ArraySlice<CamtTag>, _ value: String) {
        switch CamtPath.key(rel) {
        case CamtPath.id: statement.id = value
        case CamtPath.acctIBAN: statement.iban = value
        case CamtPath.acctOther: statement.otherAccountID = value
        case CamtPath.acctCcy: statement.currency = value
        default: break
        }
    }

    private mutating func assignEntry(_ rel: ArraySlice<CamtTag>, _ value: String) {
        switch CamtPath.key(rel) {
        case CamtPath.amt: entry.amount = value; entry.currency = amountCurrency
        case CamtPath.cdtDbtInd: entry.creditDebit = value
        case CamtPath.rvslInd: entry.reversal = value.lowercased() == "true" || value == "1"
        case CamtPath.sts, CamtPath.stsCd, CamtPath.stsPrtry: entry.status = value
        case CamtPath.bookgDt, CamtPath.bookgDtTm: entry.bookingDate = value
        case CamtPath.valDt, CamtPath.valDtTm: entry.valueDate = value
        case CamtPath.acctSvcrRef: entry.accountServicerRef = value
        case CamtPath.ntryRef: entry.entryRef = value
        case CamtPath.addtlNtryInf: entry.additionalInfo.append(value)
        default:
            if rel.first == .BkTxCd { CamtStreamState.assignBankCode(&entry.bankCode, rel, value) }
        }
    }

    private mutating func assignTx(_ rel: ArraySlice<CamtTag>, _ value: String) {
        switch CamtPath.key(rel) {
        case CamtPath.endToEndId: tx.endToEndID = value
        case CamtPath.mndtId: tx.mandateID = value
        case CamtPath.txId: tx.txID = value
        case CamtPath.refsAcctSvcrRef: tx.accountServicerRef = value
        case CamtPath.amt: tx.amount = value; tx.amountCurrency = amountCurrency
        case CamtPath.txAmt: tx.txAmount = value; tx.txAmountCurrency = amountCurrency
        case CamtPath.instdAmt: tx.instructedAmount = value; tx.instructedCurrency = amountCurrency
        case CamtPath.cdtDbtInd: tx.creditDebit = value
        case CamtPath.ustrd: tx.unstructured.append(value)
        case CamtPath.addtlTxInf: tx.additionalTxInfo.append(value)
        case CamtPath.rtrRsnCd, CamtPath.rtrRsnPrtry: tx.returnReason = tx.returnReason ?? value
        case CamtPath.rtrAddtlInf: tx.returnInfo.append(value)
        default:
            if rel.first == .BkTxCd {
                CamtStreamState.assignBankCode(&tx.bankCode, rel, value)
            } else if rel.contains(.CdtrSchmeId), rel.count >= 2, rel[rel.endIndex - 2] == .Othr, rel[rel.endIndex - 1] == .Id {
                tx.creditorSchemeID = value
            } else if rel.first == .RltdPties, rel.count >= 3 {
                assignParty(rel.dropFirst(), value)
            }
        }
    }

    /// `RltdPties/<role>[/Pty]/Nm`, `…/Id/PrvtId/Othr/Id`, and `DbtrAcct|CdtrAcct/Id/IBAN`.
    private mutating func assignParty(_ rel: ArraySlice<CamtTag>, _ value: String) {
        let role = rel.first!
        var rest = rel.dropFirst()
        if rest.first == .Pty { rest = rest.dropFirst() }
        let field = CamtPath.key(rest)
        if field == CamtPath.idIBAN {
            if role == .DbtrAcct { tx.debtorIBAN = value }
            if role == .CdtrAcct { tx.creditorIBAN = value }
            return
        }
        let isName = field == CamtPath.nm
        let isPrivateID = field == CamtPath.privateID
        guard isName || isPrivateID else { return }
        func set(_ party: inout CamtParty) {
            if isName { party.name = party.name ?? value } else { party.privateID = party.privateID ?? value }
        }
        switch role {
        case .Dbtr: set(&tx.debtor)
        case .UltmtDbtr: set(&tx.ultimateDebtor)
        case .Cdtr: set(&tx.creditor)
        case .UltmtCdtr: set(&tx.ultimateCreditor)
        default: break
        }
    }

    private static func assignBankCode(_ code: inout CamtBankCode, _ rel: ArraySlice<CamtTag>, _ value: String) {
        switch CamtPath.key(rel) {
        case CamtPath.domain: code.domain = value
        case CamtPath.family: code.family = value
        case CamtPath.subFamily: code.subFamily = value
        case CamtPath.proprietary: code.proprietary = value
        default: break
        }
    }

    static func normalise(_ bytes: [UInt8]) -> String {
        var clean = true
        if let first = bytes.first, let last = bytes.last, !isSpace(first), !isSpace(last) {
            var previousSpace = false
            for b in bytes {
                if b == 0x20 {
                    if previousSpace { clean = false; break }
                    previousSpace = true
                } else if isSpace(b) {
                    clean = false; break
                } else {
                    previousSpace = false
                }
            }
        } else {
            clean = bytes.isEmpty
        }
        if clean { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if isSpace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }
}

/// The camt element names the parser acts on; any other is `.other`.
enum CamtTag: UInt8 {
    case other
    case Stmt, Rpt, Ntfctn, BkToCstmrStmt, BkToCstmrAcctRpt, BkToCstmrDbtCdtNtfctn, Ntry, TxDtls
    case Id, Acct, IBAN, Othr, Ccy, Amt, CdtDbtInd, RvslInd, Sts, Cd, Prtry, BookgDt, ValDt, Dt, DtTm
    case AcctSvcrRef, NtryRef, AddtlNtryInf, BkTxCd, Domn, Fmly, SubFmlyCd, Refs, EndToEndId, MndtId, TxId
    case AmtDtls, TxAmt, InstdAmt, RmtInf, Ustrd, AddtlTxInf, RtrInf, Rsn, AddtlInf, CdtrSchmeId
    case RltdPties, Pty, Nm, PrvtId, Dbtr, UltmtDbtr, Cdtr, UltmtCdtr, DbtrAcct, CdtrAcct

    private static let byName: [String: CamtTag] = {
        var out: [String: CamtTag] = [:]
        var raw: UInt8 = 1
        while let tag = CamtTag(rawValue: raw) { out["\(tag)"] = tag; raw += 1 }
        return out
    }()

    init(_ name: String) { self = CamtTag.byName[name] ?? .other }

    var isContainer: Bool { self == .Stmt || self == .Rpt || self == .Ntfctn }
    var isMessage: Bool { self == .BkToCstmrStmt || self == .BkToCstmrAcctRpt || self == .BkToCstmrDbtCdtNtfctn }
}

/// A relative element path packed into one integer (up to 7 names), so that matching a path
/// costs an integer comparison instead of an array of strings.
enum CamtPath {
    static func key<C: Collection<CamtTag>>(_ tags: C) -> UInt64 {
        guard tags.count <= 7 else { return 0 }
        var key: UInt64 = 0
        for tag in tags { key = key << 8 | UInt64(tag.rawValue + 1) }
        return key
    }

    static let id = key([CamtTag.Id])
    static let acctIBAN = key([CamtTag.Acct, .Id, .IBAN])
    static let acctOther = key([CamtTag.Acct, .Id, .Othr, .Id])
    static let acctCcy = key([CamtTag.Acct, .Ccy])
    static let amt = key([CamtTag.Amt])
    static let cdtDbtInd = key([CamtTag.CdtDbtInd])
    static let rvslInd = key([CamtTag.RvslInd])
    static let sts = key([CamtTag.Sts])
    static let stsCd = key([CamtTag.Sts, .Cd])
    static let stsPrtry = key([CamtTag.Sts, .Prtry])
    static let bookgDt = key([CamtTag.BookgDt, .Dt])
    static let bookgDtTm = key([CamtTag.BookgDt, .DtTm])
    static let valDt = key([CamtTag.ValDt, .Dt])
    static let valDtTm = key([CamtTag.ValDt, .DtTm])
    static let acctSvcrRef = key([CamtTag.AcctSvcrRef])
    static let ntryRef = key([CamtTag.NtryRef])
    static let addtlNtryInf = key([CamtTag.AddtlNtryInf])
    static let endToEndId = key([CamtTag.Refs, .EndToEndId])
    static let mndtId = key([CamtTag.Refs, .MndtId])
    static let txId = key([CamtTag.Refs, .TxId])
    static let refsAcctSvcrRef = key([CamtTag.Refs, .AcctSvcrRef])
    static let txAmt = key([CamtTag.AmtDtls, .TxAmt, .Amt])
    static let instdAmt = key([CamtTag.AmtDtls, .InstdAmt, .Amt])
    static let ustrd = key([CamtTag.RmtInf, .Ustrd])
    static let addtlTxInf = key([CamtTag.AddtlTxInf])
    static let rtrRsnCd = key([CamtTag.RtrInf, .Rsn, .Cd])
    static let rtrRsnPrtry = key([CamtTag.RtrInf, .Rsn, .Prtry])
    static let rtrAddtlInf = key([CamtTag.RtrInf, .AddtlInf])
    static let idIBAN = key([CamtTag.Id, .IBAN])
    static let nm = key([CamtTag.Nm])
    static let privateID = key([CamtTag.Id, .PrvtId, .Othr, .Id])
    static let domain = key([CamtTag.BkTxCd, .Domn, .Cd])
    static let family = key([CamtTag.BkTxCd, .Domn, .Fmly, .Cd])
    static let subFamily = key([CamtTag.BkTxCd, .Domn, .Fmly, .SubFmlyCd])
    static let proprietary = key([CamtTag.BkTxCd, .Prtry, .Cd])
}
