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
        out.transactions.reserveCapacity(statement.transactions.count)
        let isCard = statement.kind == .creditCard
        let account = statement.accountID.flatMap { $0.isEmpty ? nil : Masking.lastFour($0) }
        // FITIDs that cannot identify a row: empty, all zeros, or used twice in this statement.
        var seenFITIDs = Set<String>(minimumCapacity: statement.transactions.count)
        var repeatedFITIDs = Set<String>()
        for t in statement.transactions {
            let fitid = t.fields["FITID"] ?? ""
            if !seenFITIDs.insert(fitid).inserted { repeatedFITIDs.insert(fitid) }
        }
        var currencies: [String: Currency] = [:]
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
            guard code.utf8.count == 3, code.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
                out.skipped.append(SkippedRow(line: record.line, reason: "currency \"\(code)\" is not a three-letter ISO 4217 code"))
                continue
            }
            guard let amountText = fields["TRNAMT"] else {
                out.skipped.append(SkippedRow(line: record.line, reason: "STMTTRN has no TRNAMT"))
                continue
            }
            let amount: Money
            let currency = currencies[code] ?? Currency(code)
            currencies[code] = currency
            switch MoneyParser.parse(amountText, currency: currency, decimalMark: Self.decimalMark(amountText)) {
            case .success(let m): amount = m
            case .failure(let f): out.skipped.append(SkippedRow(line: record.line, reason: "TRNAMT: \(f.description)")); continue
            }
            let name = nonEmpty(fields["NAME"]) ?? nonEmpty(record.payeeName) ?? nonEmpty(fields["EXTDNAME"])
            let memo = fields["MEMO"] ?? ""
            let counterparty = name ?? memo
            let trnType = Self.asciiUpper(fields["TRNTYPE"] ?? "")
            let fitid = fields["FITID"] ?? ""
            let id: String
            if fitid.utf8.allSatisfy({ $0 == UInt8(ascii: "0") }) || repeatedFITIDs.contains(fitid) {
                let key = [account ?? "", parsedDate.time.localDate.description, amount.decimalString + " " + amount.currency.code, counterparty]
                let rank = ranks[key, default: 0]
                ranks[key] = rank + 1
                id = StableID.content(key + [String(rank)])
            } else {
                id = fitid
            }
            let payeeID = nonEmpty(fields["PAYEEID"]) ?? ACHCompanyID.find(in: counterparty) ?? ACHCompanyID.find(in: memo)
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

    /// Upper-cased ASCII letters only; the string itself when it has no lower-case letter
    /// (the usual case, and far cheaper than Unicode case mapping).
    static func asciiUpper(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
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
        let text = bytes.withUnsafeBufferPointer { src in
            String(unsafeUninitializedCapacity: end - start) { dst -> Int in
                var count = 0
                var pendingSpace = false
                for i in start..<end {
                    let b = src[i]
                    if OFXHeader.isSpace(b) { pendingSpace = count > 0; continue }
                    if pendingSpace { dst[count] = 0x20; count += 1; pendingSpace = false }
                    dst[count] = b
                    count += 1
                }
                return count
            }
        }
        return text
    }
}
