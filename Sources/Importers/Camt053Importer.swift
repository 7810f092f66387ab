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
        var mapped: [CamtMapped] = []
        var result = ExtractResult()
        try parser.run(bytes: file.bytes, filePath: file.bytes.isEmpty && file.url.isFileURL ? file.url.path : nil, path: file.path,
                       onStatement: { statement in
            var note = "account " + (statement.account.map(Masking.lastFour) ?? "unknown")
            if let c = statement.currency { note += " (\(c))" }
            if let id = statement.id { note += ", statement \(id)" }
            result.notes.append(note)
        }, onEntry: { entry, statement in
            switch mapper.map(entry, statement: statement) {
            case .mapped(let parts): mapped.append(contentsOf: parts)
            case .skipped(let skipped): result.skipped.append(skipped)
            }
        })
        guard parser.statementsSeen > 0 else {
            throw ImportError(path: file.path, line: 0, message:
                "not a camt.052/053/054 document: no BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn (root element <\(parser.rootName ?? "none")>)")
        }
        CamtReturnMatcher.link(&mapped)
        result.transactions = mapped.map(\.transaction)
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
    static func link(_ items: inout [CamtMapped]) {
        guard items.contains(where: \.isReturn) else { return }
        var byEndToEnd: [String: Int] = [:]
        var byMandate: [String: [Int]] = [:]
        for (i, item) in items.enumerated() where !item.isReturn {
            if let e = item.transaction.merchantOrderID { byEndToEnd[e] = i }
            if let key = mandateKey(item.transaction.mandate) { byMandate[key, default: []].append(i) }
        }
        for i in items.indices where items[i].isReturn {
            let ret = items[i].transaction
            if let e = ret.merchantOrderID, let j = byEndToEnd[e], j != i {
                items[i].transaction.relatesTo = items[j].transaction.id
                continue
            }
            if let key = mandateKey(ret.mandate) {
                let candidates = (byMandate[key] ?? []).filter { j in
                    let o = items[j].transaction
                    return o.amount.isNegative != ret.amount.isNegative && o.amount.currency == ret.amount.currency
                        && o.amount.magnitude.minorUnits == items[i].originalMagnitude && o.time <= ret.time
                }
                if let j = candidates.max(by: { items[$0].transaction.time < items[$1].transaction.time }) {
                    items[i].transaction.relatesTo = items[j].transaction.id
                    continue
                }
            }
            items[i].transaction.relatesTo = ret.merchantOrderID
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
