import Foundation
import Ledger

/// ISO 20022 bank-to-customer cash management: camt.053 statements, camt.052 account reports
/// and camt.054 notifications, versions .02 to .08. Streamed: one `Ntry` is held at a time.
public struct Camt053Importer: StatementImporter {
    public let format = "camt053"
    public let recognition = "ISO 20022 camt.052/053/054 XML (.02–.08): root namespace urn:iso:std:iso:20022:tech:xsd:camt.05x, or a BkToCstmrStmt / BkToCstmrAcctRpt / BkToCstmrDbtCdtNtfctn element"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        let text = head.text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        guard text.hasPrefix("<") else { return false }
        // Byte-level search: Foundation's `contains` folds every character of the 64 KB head.
        let all = head.text
        if UTF8Text.contains(all, "urn:iso:std:iso:20022:tech:xsd:camt.05") { return true }
        return CamtStreamParser.messages.contains {
            UTF8Text.contains(all, "<" + $0) || UTF8Text.contains(all, ":" + $0 + ">") || UTF8Text.contains(all, ":" + $0 + " ")
        }
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        // The caller may leave `bytes` empty for a large file: then libxml2 reads it from disk.
        let parser = CamtStreamParser()
        var mapper = CamtEntryMapper(path: file.path, context: context)
        var mapped = CamtMappedList()
        var result = ExtractResult()
        try parser.run(bytes: file.bytes, filePath: file.bytes.isEmpty && file.url.isFileURL ? file.url.path : nil, path: file.path,
                       onStatement: { statement in
            var note = "account " + (statement.account.map(Masking.lastFour) ?? "unknown")
            if let c = statement.currency { note += " (\(c))" }
            if let id = statement.id { note += ", statement \(id)" }
            result.notes.append(note)
        }, onEntry: { entry, statement in
            if let skipped = mapper.map(entry, statement: statement, into: &mapped) { result.skipped.append(skipped) }
        })
        guard parser.statementsSeen > 0 else {
            throw ImportError(path: file.path, line: 0, message:
                "not a camt.052/053/054 document: no BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn (root element <\(parser.rootName ?? "none")>)")
        }
        CamtReturnMatcher.link(&mapped)
        // Swapped out so that the array stays uniquely referenced (later in-place edits copy nothing).
        swap(&result.transactions, &mapped.transactions)
        return result
    }
}

/// Links returns and reversals to the debit they undo.
///
/// Rule, in order: (1) the original is the transaction in the same file whose EndToEndId
/// equals the return's (SEPA R-transactions carry the original's EndToEndId); (2) else the
/// latest earlier transaction with the same mandate (creditor id compared without its
/// business code, characters 5–7, plus mandate id), the opposite sign and the originally
/// debited amount (`InstdAmt` when a fee was added); (3) else the return's EndToEndId itself,
/// so that an original in another file can still be found by it; (4) else nothing.
enum CamtReturnMatcher {
    static func link(_ list: inout CamtMappedList) {
        guard list.isReturn.contains(true) else { return }
        let isReturn = list.isReturn
        var byEndToEnd: [String: Int] = [:]
        var byMandate: [String: [Int]] = [:]
        for i in list.transactions.indices where !isReturn[i] {
            if let e = list.transactions[i].merchantOrderID { byEndToEnd[e] = i }
            if let key = mandateKey(list.transactions[i].mandate) { byMandate[key, default: []].append(i) }
        }
        for i in list.transactions.indices where isReturn[i] {
            let ret = list.transactions[i]
            if let e = ret.merchantOrderID, let j = byEndToEnd[e], j != i {
                list.transactions[i].relatesTo = list.transactions[j].id
                continue
            }
            if let key = mandateKey(ret.mandate) {
                let candidates = (byMandate[key] ?? []).filter { j in
                    let o = list.transactions[j]
                    return o.amount.isNegative != ret.amount.isNegative && o.amount.currency == ret.amount.currency
                        && o.amount.magnitude.minorUnits == list.originalMagnitude[i] && o.time <= ret.time
                }
                if let j = candidates.max(by: { list.transactions[$0].time < list.transactions[$1].time }) {
                    list.transactions[i].relatesTo = list.transactions[j].id
                    continue
                }
            }
            list.transactions[i].relatesTo = ret.merchantOrderID
        }
    }

    /// Creditor ids compare without characters 5–7 (the creditor's free business code).
    static func mandateKey(_ mandate: Mandate?) -> String? {
        guard let c = mandate?.creditorID, let m = mandate?.mandateID else { return nil }
        let chars = Array(c)
        let core = chars.count > 7 ? String(chars[0..<4]) + String(chars[7...]) : c
        return core + "\u{1F}" + m
    }
}
