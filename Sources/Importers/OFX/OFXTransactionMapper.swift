import Ledger

/// Typed records → Transactions, one statement at a time.
struct OFXTransactionMapper {
    let path: String
    let bytes: [UInt8]
    let defaultOffset: @Sendable (CivilDate) -> Int32

    struct Output {
        var transactions: [Transaction] = []
        var skipped: [SkippedRow] = []
    }

    func map(_ statement: OFXStatementRecord) -> Output {
        var out = Output()
        let isCard = statement.kind == .creditCard
        let account = statement.accountID.flatMap { $0.isEmpty ? nil : Masking.lastFour($0) }
        // FITIDs that cannot identify a row: empty, all zeros, or used twice in this statement.
        var fitidCounts: [String: Int] = [:]
        for t in statement.transactions { fitidCounts[t.fields["FITID"] ?? "", default: 0] += 1 }
        var ranks: [[String]: Int] = [:]

        for record in statement.transactions {
            let raw = Self.collapsedText(bytes, record.start, record.end)
            guard record.complete else {
                out.skipped.append(SkippedRow(line: record.line, reason: "STMTTRN cut off by the end of the file: its values may be incomplete"))
                continue
            }
            let fields = record.fields
            let dateText = nonEmpty(fields["DTPOSTED"]) ?? nonEmpty(fields["DTUSER"])
            guard let dateText else {
                out.skipped.append(SkippedRow(line: record.line, reason: "STMTTRN has no DTPOSTED (expected YYYYMMDD…)"))
                continue
            }
            let parsedDate: OFXDate.Parsed
            switch OFXDate.parse(dateText, defaultOffset: defaultOffset) {
            case .success(let p): parsedDate = p
            case .failure(let e): out.skipped.append(SkippedRow(line: record.line, reason: "DTPOSTED: \(e.reason)")); continue
            }
            // CURRENCY means the amount is in that currency; ORIGCURRENCY means it was already
            // converted into CURDEF, so CURDEF stays (OFX 2.1.1 §11.4.3).
            let code = nonEmpty(record.currency) ?? nonEmpty(statement.currency)
            guard let code else {
                out.skipped.append(SkippedRow(line: record.line, reason: "no currency: the statement has no CURDEF and the transaction no CURRENCY"))
                continue
            }
            guard code.utf8.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                out.skipped.append(SkippedRow(line: record.line, reason: "currency \"\(code)\" is not a three-letter ISO 4217 code"))
                continue
            }
            guard let amountText = fields["TRNAMT"] else {
                out.skipped.append(SkippedRow(line: record.line, reason: "STMTTRN has no TRNAMT"))
                continue
            }
            let amount: Money
            switch MoneyParser.parse(amountText, currency: Currency(code), decimalMark: Self.decimalMark(amountText)) {
            case .success(let m): amount = m
            case .failure(let f): out.skipped.append(SkippedRow(line: record.line, reason: "TRNAMT: \(f.description)")); continue
            }
            let name = nonEmpty(fields["NAME"]) ?? nonEmpty(record.payeeName) ?? nonEmpty(fields["EXTDNAME"])
            let memo = fields["MEMO"] ?? ""
            let counterparty = name ?? memo
            let trnType = (fields["TRNTYPE"] ?? "").uppercased()
            let fitid = fields["FITID"] ?? ""
            let id: String
            if fitid.isEmpty || fitid.allSatisfy({ $0 == "0" }) || fitidCounts[fitid, default: 0] > 1 {
                let key = [account ?? "", parsedDate.time.localDate.description, amount.decimalString + " " + amount.currency.code, counterparty]
                let rank = ranks[key, default: 0]
                ranks[key] = rank + 1
                id = StableID.content(key + [String(rank)])
            } else {
                id = fitid
            }
            let payeeID = nonEmpty(fields["PAYEEID"]) ?? ACHCompanyID.find(in: counterparty + " " + memo)
            out.transactions.append(Transaction(
                id: id, format: "ofx", source: SourceLocation(path: path, line: record.line),
                time: parsedDate.time, dateOnly: parsedDate.dateOnly, amount: amount,
                counterparty: counterparty, product: memo,
                channel: isCard ? .card : .bank,
                kind: OFXKindMapping.kind(trnType: trnType, minorUnits: amount.minorUnits, isCard: isCard, name: counterparty),
                sourceType: trnType, account: account, payeeID: payeeID, rawRow: raw))
        }
        return out
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    /// OFX allows a decimal comma (`-200,00`) and never uses grouping, so the last of `.`
    /// and `,` is the decimal mark.
    static func decimalMark(_ text: String) -> MoneyParser.DecimalMark {
        var mark = MoneyParser.DecimalMark.point
        for u in text.utf8 {
            if u == UInt8(ascii: ",") { mark = .comma } else if u == UInt8(ascii: ".") { mark = .point }
        }
        return mark
    }

    /// The element's text on one line: every run of whitespace becomes one space.
    static func collapsedText(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        guard start < end, end <= bytes.count else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var pendingSpace = false
        for i in start..<end {
            let b = bytes[i]
            if OFXHeader.isSpace(b) { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
