/// The account a statement (`Stmt`, `Rpt` or `Ntfctn`) is about.
struct CamtStatement {
    var id: String?
    var iban: String?
    var otherAccountID: String?
    var currency: String?

    var account: String? { iban ?? otherAccountID }
}

/// Walks a camt.052/053/054 document node by node and hands over each `Ntry` once its end tag
/// is read. Only the open-element path and the current entry are held, never the document.
/// Elements are matched on local names, so every version (.02–.08) and any prefix works.
struct CamtStreamParser {
    private let reader: XMLStreamReader
    private var path: [String] = []
    private var text = ""
    private var amountCurrency: String?
    private var statementIndex: Int?
    private var entryIndex: Int?
    private var txIndex: Int?
    private var statement = CamtStatement()
    private var entry = CamtEntry()
    private var tx = CamtTxDetails()
    private var entryLineExact = true
    private var txLineExact = true
    private(set) var statementsSeen = 0
    private(set) var rootName: String?

    static let containers: Set<String> = ["Stmt", "Rpt", "Ntfctn"]
    static let messages: Set<String> = ["BkToCstmrStmt", "BkToCstmrAcctRpt", "BkToCstmrDbtCdtNtfctn"]

    init(reader: XMLStreamReader) { self.reader = reader }

    /// Reads to the end. `onStatement` fires when a statement's entries begin (its account is
    /// known by then: `Acct` precedes `Ntry` in every version); `onEntry` for each entry.
    mutating func run(onStatement: (CamtStatement) -> Void,
                      onEntry: (CamtEntry, CamtStatement) throws -> Void) throws {
        var announced = false
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                let name = reader.localName
                if rootName == nil { rootName = name }
                path.append(name)
                text = ""
                if name == "Amt" { amountCurrency = reader.attribute("Ccy") }
                try open(name, announced: &announced, onStatement: onStatement)
                if reader.isEmptyElement { try close(onEntry: onEntry) }
            case .endElement:
                try close(onEntry: onEntry)
            case .text, .cdata, .significantWhitespace:
                if entryIndex != nil || statementIndex != nil { text += reader.value }
                // Past line 65534 an element's own line is unknown: take its first text's.
                if entryIndex != nil, !entryLineExact { entry.line = reader.line; entryLineExact = true }
                if txIndex != nil, !txLineExact { tx.line = reader.line; txLineExact = true }
            default:
                break
            }
        }
    }

    private mutating func open(_ name: String, announced: inout Bool, onStatement: (CamtStatement) -> Void) throws {
        let depth = path.count - 1
        if statementIndex == nil, CamtStreamParser.containers.contains(name), depth >= 1,
           CamtStreamParser.messages.contains(path[depth - 1]) {
            statementIndex = depth
            statement = CamtStatement()
            statementsSeen += 1
            announced = false
        } else if let s = statementIndex, entryIndex == nil, name == "Ntry", depth == s + 1 {
            if !announced { onStatement(statement); announced = true }
            entryIndex = depth
            entry = CamtEntry()
            entry.line = reader.line
            entryLineExact = reader.lineIsExact
        } else if entryIndex != nil, txIndex == nil, name == "TxDtls" {
            txIndex = depth
            tx = CamtTxDetails()
            tx.line = reader.line
            txLineExact = reader.lineIsExact
        }
    }

    private mutating func close(onEntry: (CamtEntry, CamtStatement) throws -> Void) throws {
        guard !path.isEmpty else { return }
        let depth = path.count - 1
        let value = CamtStreamParser.normalise(text)
        if let t = txIndex {
            if depth == t {
                entry.transactions.append(tx)
                txIndex = nil
            } else if !value.isEmpty {
                assignTx(Array(path[(t + 1)...]), value)
            }
        } else if let e = entryIndex {
            if depth == e {
                try onEntry(entry, statement)
                entryIndex = nil
            } else if !value.isEmpty {
                assignEntry(Array(path[(e + 1)...]), value)
            }
        } else if let s = statementIndex {
            if depth == s {
                statementIndex = nil
            } else if !value.isEmpty {
                assignStatement(Array(path[(s + 1)...]), value)
            }
        }
        path.removeLast()
        text = ""
    }

    private mutating func assignStatement(_ rel: [String], _ value: String) {
        switch rel {
        case ["Id"]: statement.id = value
        case ["Acct", "Id", "IBAN"]: statement.iban = value
        case ["Acct", "Id", "Othr", "Id"]: statement.otherAccountID = value
        case ["Acct", "Ccy"]: statement.currency = value
        default: break
        }
    }

    private mutating func assignEntry(_ rel: [String], _ value: String) {
        switch rel {
        case ["Amt"]: entry.amount = value; entry.currency = amountCurrency
        case ["CdtDbtInd"]: entry.creditDebit = value
        case ["RvslInd"]: entry.reversal = value.lowercased() == "true" || value == "1"
        case ["Sts"], ["Sts", "Cd"], ["Sts", "Prtry"]: entry.status = value
        case ["BookgDt", "Dt"], ["BookgDt", "DtTm"]: entry.bookingDate = value
        case ["ValDt", "Dt"], ["ValDt", "DtTm"]: entry.valueDate = value
        case ["AcctSvcrRef"]: entry.accountServicerRef = value
        case ["NtryRef"]: entry.entryRef = value
        case ["AddtlNtryInf"]: entry.additionalInfo.append(value)
        default:
            if rel.first == "BkTxCd" { CamtStreamParser.assignBankCode(&entry.bankCode, rel, value) }
        }
    }

    private mutating func assignTx(_ rel: [String], _ value: String) {
        switch rel {
        case ["Refs", "EndToEndId"]: tx.endToEndID = value
        case ["Refs", "MndtId"]: tx.mandateID = value
        case ["Refs", "TxId"]: tx.txID = value
        case ["Refs", "AcctSvcrRef"]: tx.accountServicerRef = value
        case ["Amt"]: tx.amount = value; tx.amountCurrency = amountCurrency
        case ["AmtDtls", "TxAmt", "Amt"]: tx.txAmount = value; tx.txAmountCurrency = amountCurrency
        case ["AmtDtls", "InstdAmt", "Amt"]: tx.instructedAmount = value; tx.instructedCurrency = amountCurrency
        case ["CdtDbtInd"]: tx.creditDebit = value
        case ["RmtInf", "Ustrd"]: tx.unstructured.append(value)
        case ["AddtlTxInf"]: tx.additionalTxInfo.append(value)
        case ["RtrInf", "Rsn", "Cd"], ["RtrInf", "Rsn", "Prtry"]: tx.returnReason = tx.returnReason ?? value
        case ["RtrInf", "AddtlInf"]: tx.returnInfo.append(value)
        default:
            if rel.first == "BkTxCd" {
                CamtStreamParser.assignBankCode(&tx.bankCode, rel, value)
            } else if rel.contains("CdtrSchmeId"), rel.suffix(2) == ["Othr", "Id"] {
                tx.creditorSchemeID = value
            } else if rel.first == "RltdPties", rel.count >= 3 {
                assignParty(Array(rel.dropFirst()), value)
            }
        }
    }

    /// `RltdPties/<role>[/Pty]/Nm`, `…/Id/PrvtId/Othr/Id`, and `DbtrAcct|CdtrAcct/Id/IBAN`.
    private mutating func assignParty(_ rel: [String], _ value: String) {
        let role = rel[0]
        var rest = rel.dropFirst()
        if rest.first == "Pty" { rest = rest.dropFirst() }
        let field = Array(rest)
        if field == ["Id", "IBAN"] {
            if role == "DbtrAcct" { tx.debtorIBAN = value }
            if role == "CdtrAcct" { tx.creditorIBAN = value }
            return
        }
        let isName = field == ["Nm"]
        let isPrivateID = field == ["Id", "PrvtId", "Othr", "Id"]
        guard isName || isPrivateID else { return }
        func set(_ party: inout CamtParty) {
            if isName { party.name = party.name ?? value } else { party.privateID = party.privateID ?? value }
        }
        switch role {
        case "Dbtr": set(&tx.debtor)
        case "UltmtDbtr": set(&tx.ultimateDebtor)
        case "Cdtr": set(&tx.creditor)
        case "UltmtCdtr": set(&tx.ultimateCreditor)
        default: break
        }
    }

    private static func assignBankCode(_ code: inout CamtBankCode, _ rel: [String], _ value: String) {
        switch rel {
        case ["BkTxCd", "Domn", "Cd"]: code.domain = value
        case ["BkTxCd", "Domn", "Fmly", "Cd"]: code.family = value
        case ["BkTxCd", "Domn", "Fmly", "SubFmlyCd"]: code.subFamily = value
        case ["BkTxCd", "Prtry", "Cd"]: code.proprietary = value
        default: break
        }
    }

    /// Collapses runs of ASCII whitespace into one space and trims the ends (banks wrap long
    /// texts with line breaks and indentation). Works on UTF-8 bytes: most values need no
    /// change and are returned as they are.
    static func normalise(_ s: String) -> String {
        let utf8 = s.utf8
        let clean = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, !isSpace(first), !isSpace(last) else { return bytes.isEmpty }
            var previousSpace = false
            for b in bytes {
                if b == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else if isSpace(b) {
                    return false
                } else {
                    previousSpace = false
                }
            }
            return true
        }
        if clean == true { return s }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for b in utf8 {
            if isSpace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }
}
