import Ledger

/// A transaction plus what the return-matching pass needs and `Transaction` has no field for.
struct CamtMapped {
    var transaction: Transaction
    var isReturn: Bool
    /// For a return: the amount originally debited (`InstdAmt`, fees excluded), else the amount.
    var originalMagnitude: Int64
}

/// The transactions of a file and, index for index, what return matching needs of each:
/// kept apart so that the transactions can be handed over without copying each one.
struct CamtMappedList {
    var transactions: [Transaction] = []
    var isReturn: [Bool] = []
    var originalMagnitude: [Int64] = []

    var count: Int { transactions.count }

    mutating func append(_ item: consuming CamtMapped) {
        isReturn.append(item.isReturn)
        originalMagnitude.append(item.originalMagnitude)
        transactions.append(item.transaction)
    }

    var items: [CamtMapped] {
        transactions.indices.map { CamtMapped(transaction: transactions[$0], isReturn: isReturn[$0], originalMagnitude: originalMagnitude[$0]) }
    }
}

/// Turns one streamed `Ntry` into transactions: one per `TxDtls` for a batch, else one.
struct CamtEntryMapper {
    static let format = "camt053"
    let path: String
    let context: ImportContext
    /// Occurrences of each content hash, so identical id-less entries still get distinct ids.
    private var contentRanks: [String: Int] = [:]
    /// The masked account of the last statement seen: masking per entry showed in profiles.
    private var maskedAccount: (account: String?, masked: String?) = (nil, nil)
    private var ownIBAN: (iban: String?, normalised: String?) = (nil, nil)

    init(path: String, context: ImportContext) {
        self.path = path
        self.context = context
    }

    /// Bank placeholders meaning "no value".
    static let placeholders: Set<String> = ["NONREF", "NOTPROVIDED", "NOT PROVIDED", "KEINE INFORMATION VORHANDEN", "N/A", "NONE"]

    static func present(_ s: String?) -> String? {
        guard let s, let first = s.utf8.first else { return nil }
        // Every placeholder starts with N or K and is at most 27 bytes: most values are
        // settled without upper-casing them.
        let folded = first & 0xDF
        guard folded == 0x4E || folded == 0x4B, s.utf8.count <= placeholderMaxLength else { return s }
        return placeholders.contains(s.uppercased()) ? nil : s
    }

    private static let placeholderMaxLength = placeholders.map(\.utf8.count).max()!

    enum Outcome {
        case mapped([CamtMapped])
        case skipped(SkippedRow)
    }

    mutating func map(_ entry: CamtEntry, statement: CamtStatement) -> Outcome {
        var out = CamtMappedList()
        if let skipped = map(entry, statement: statement, into: &out) { return .skipped(skipped) }
        return .mapped(out.items)
    }

    /// Appends the entry's transactions to `out`, or says why it has none. Appending in place
    /// moves each transaction instead of copying it (and retaining all its Strings) out of
    /// a per-entry array.
    mutating func map(_ entry: CamtEntry, statement: CamtStatement, into out: inout CamtMappedList) -> SkippedRow? {
        func skip(_ reason: String) -> SkippedRow { SkippedRow(line: entry.line, reason: reason) }

        guard let currencyCode = entry.currency ?? statement.currency else {
            return skip("expected <Amt Ccy=\"…\"> with a currency on the entry")
        }
        guard let amountText = entry.amount else { return skip("expected an <Amt> on the entry") }
        let entryMoney: Money
        switch MoneyParser.parse(amountText, currency: Currency(currencyCode)) {
        case .success(let m): entryMoney = m.magnitude
        case .failure(let f): return skip("entry <Amt>: \(f)")
        }
        guard let entrySign = CamtEntryMapper.sign(entry.creditDebit) else {
            return skip("expected <CdtDbtInd> CRDT or DBIT, found \"\(entry.creditDebit ?? "")\"")
        }
        guard let dateText = entry.bookingDate ?? entry.valueDate else {
            return skip("expected <BookgDt> (or <ValDt>) with <Dt> or <DtTm>")
        }
        guard let when = ISODateTimeParser.parse(dateText, defaultOffset: context.defaultOffset) else {
            return skip("expected a date YYYY-MM-DD or date-time in <BookgDt>, found \"\(dateText)\"")
        }

        if maskedAccount.account != statement.account {
            maskedAccount = (statement.account, statement.account.map(Masking.lastFour))
        }
        let account = maskedAccount.masked
        // Details are read in place from the entry (no array of copied parts per entry).
        let details = entry.transactions
        if details.count > 1, let parts = CamtEntryMapper.split(details, entryCurrency: currencyCode, entrySign: entrySign) {
            for (index, part) in parts.enumerated() {
                out.append(mapPart(entry, details[index], amount: part.amount, sign: part.sign, line: details[index].line,
                                   index: index + 1, count: parts.count, when: when, account: account, statement: statement))
            }
        } else if details.count == 1 {
            out.append(mapPart(entry, details[0], amount: entryMoney, sign: entrySign, line: entry.line,
                               index: nil, count: 1, when: when, account: account, statement: statement))
        } else {
            // No details, or a batch whose parts carry no amounts: the entry as a whole.
            out.append(mapPart(entry, CamtTxDetails(), amount: entryMoney, sign: entrySign, line: entry.line,
                               index: nil, count: 1, when: when, account: account, statement: statement))
        }
        return nil
    }

    private mutating func mapPart(_ entry: CamtEntry, _ tx: CamtTxDetails, amount magnitude: Money, sign: Int64,
                                  line: Int, index: Int?, count: Int, when: ISODateTimeParser.Parsed,
                                  account: String?, statement: CamtStatement) -> CamtMapped {
        let amount = sign < 0 ? magnitude.negated : magnitude
        let code = tx.bankCode.isEmpty ? entry.bankCode : tx.bankCode
        let unstructured = CamtEntryMapper.joined(tx.unstructured)
        let txInfo = CamtEntryMapper.joined(tx.additionalTxInfo)
        let entryInfo = CamtEntryMapper.joined(entry.additionalInfo)
        let allText = CamtEntryMapper.joined(unstructured, txInfo, entryInfo,
                                             counts: (tx.unstructured.count, tx.additionalTxInfo.count, entry.additionalInfo.count))

        let isReturn = entry.reversal || tx.hasReturnInfo
            || SEPADirectDebitSignals.isReturn(entry.bankCode) || SEPADirectDebitSignals.isReturn(tx.bankCode)
        let textCreditorID = SEPADirectDebitSignals.creditorID(inText: allText)
        let mandateID = CamtEntryMapper.present(tx.mandateID) ?? SEPADirectDebitSignals.mandateID(inText: allText)
        let isDirectDebit = SEPADirectDebitSignals.isDirectDebit(entry.bankCode) || SEPADirectDebitSignals.isDirectDebit(tx.bankCode)
            || mandateID != nil || tx.creditorSchemeID != nil || textCreditorID != nil

        // The other party: the creditor when money left for a payment or came back from one.
        let otherIsCreditor: Bool
        let ownIBAN = ownNormalisedIBAN(statement)
        if let own = ownIBAN, tx.debtorIBAN.map(SEPADirectDebitSignals.normaliseID) == own {
            otherIsCreditor = true
        } else if let own = ownIBAN, tx.creditorIBAN.map(SEPADirectDebitSignals.normaliseID) == own {
            otherIsCreditor = false
        } else {
            otherIsCreditor = (sign < 0) != isReturn
        }
        let counterparty = (otherIsCreditor
            ? CamtEntryMapper.present(tx.ultimateCreditor.name) ?? CamtEntryMapper.present(tx.creditor.name)
            : CamtEntryMapper.present(tx.ultimateDebtor.name) ?? CamtEntryMapper.present(tx.debtor.name))
            ?? CamtEntryMapper.firstNonEmpty(unstructured, entryInfo, txInfo)
        let product = CamtEntryMapper.firstNonEmpty(unstructured, txInfo, entryInfo)

        var mandate: Mandate?
        if isDirectDebit {
            // In a direct debit, `Cdtr/Id/PrvtId/Othr/Id` is the SEPA creditor identifier.
            let creditorID = (CamtEntryMapper.present(tx.creditorSchemeID) ?? CamtEntryMapper.present(tx.creditor.privateID) ?? textCreditorID)
                .map(SEPADirectDebitSignals.normaliseID)
            if creditorID != nil || mandateID != nil { mandate = Mandate(creditorID: creditorID, mandateID: mandateID) }
        }

        let kind: TransactionKind = isReturn ? .reversal : (sign < 0 ? .payment : .income)
        let endToEnd = CamtEntryMapper.present(tx.endToEndID)
        let status: String
        if tx.returnReason == nil && tx.returnInfo.isEmpty {
            // The usual case: the entry's status alone, no array or join.
            status = entry.status ?? ""
        } else {
            var statusParts = [entry.status ?? ""]
            if let reason = tx.returnReason { statusParts.append("return reason \(reason)") }
            statusParts += tx.returnInfo
            status = statusParts.filter { !$0.isEmpty }.joined(separator: "; ")
        }

        let id = makeID(entry, tx, index: index, endToEnd: endToEnd, account: account, when: when, amount: amount, counterparty: counterparty, product: product)
        var original = magnitude.minorUnits
        if isReturn, let instructed = tx.instructedAmount,
           case .success(let m) = MoneyParser.parse(instructed, currency: Currency(tx.instructedCurrency ?? magnitude.currency.code)),
           m.currency == magnitude.currency {
            original = m.magnitude.minorUnits
        }

        let sourceType = CamtEntryMapper.sourceType(entry.bankCode, tx.bankCode)
        let transaction = Transaction(
            id: id, format: CamtEntryMapper.format, source: SourceLocation(path: path, line: line),
            time: when.time, dateOnly: when.dateOnly, amount: amount, counterparty: counterparty, product: product,
            paymentMethod: SEPADirectDebitSignals.paymentMethod(code, directDebit: isDirectDebit),
            status: status,
            merchantOrderID: endToEnd, channel: isDirectDebit ? .sepaDirectDebit : .bank, kind: kind,
            state: CamtEntryMapper.state(entry), sourceType: sourceType,
            account: account, relatesTo: nil, mandate: mandate,
            rawRow: CamtEntryMapper.summary(entry, tx, index: index, count: count, amount: amount, mandate: mandate, sourceType: sourceType,
                                            unstructured: unstructured, entryInfo: entryInfo))
        return CamtMapped(transaction: transaction, isReturn: isReturn, originalMagnitude: original)
    }

    /// SPEC: AcctSvcrRef, else NtryRef, else EndToEndId; a batch part appends `/n` to the
    /// entry's reference so each part is unique. With none, a content hash.
    private mutating func makeID(_ entry: CamtEntry, _ tx: CamtTxDetails, index: Int?, endToEnd: String?, account: String?,
                                 when: ISODateTimeParser.Parsed, amount: Money, counterparty: String, product: String) -> String {
        if let base = CamtEntryMapper.present(entry.accountServicerRef) ?? CamtEntryMapper.present(entry.entryRef) {
            return index.map { base + "/\($0)" } ?? base
        }
        if let endToEnd { return endToEnd }
        let parts = [CamtEntryMapper.format, account ?? "", when.time.iso8601, amount.decimalString, amount.currency.code,
                     counterparty, product, CamtEntryMapper.present(tx.mandateID) ?? ""]
        let key = StableID.hash(parts)
        let rank = contentRanks[key, default: 0]
        contentRanks[key] = rank + 1
        return StableID.content(parts + ["\(rank)"])
    }

    /// The statement's own IBAN normalised, kept while statements repeat it.
    private mutating func ownNormalisedIBAN(_ statement: CamtStatement) -> String? {
        if ownIBAN.iban != statement.iban {
            ownIBAN = (statement.iban, statement.iban.map(SEPADirectDebitSignals.normaliseID))
        }
        return ownIBAN.normalised
    }

    /// `joined(separator: " ")` without building a new String for zero or one part.
    static func joined(_ parts: [String]) -> String {
        switch parts.count {
        case 0: return ""
        case 1: return parts[0]
        default: return parts.joined(separator: " ")
        }
    }

    /// The three texts joined by spaces as `(a + b + c).joined(separator: " ")` of their parts
    /// would be: an empty array adds nothing, an empty text inside one still adds a separator.
    static func joined(_ a: String, _ b: String, _ c: String, counts: (Int, Int, Int)) -> String {
        // Usually one of them is there at all: then it is returned as is.
        var out: String?
        func add(_ text: String, _ n: Int) {
            guard n > 0 else { return }
            if let o = out { out = o + " " + text } else { out = text }
        }
        add(a, counts.0); add(b, counts.1); add(c, counts.2)
        return out ?? ""
    }

    static func firstNonEmpty(_ a: String, _ b: String, _ c: String) -> String {
        !a.isEmpty ? a : !b.isEmpty ? b : c
    }

    /// Splits a batch into its parts when every part states its own amount.
    /// Each part's amount and sign, in the details' order.
    static func split(_ details: [CamtTxDetails], entryCurrency: String, entrySign: Int64)
        -> [(amount: Money, sign: Int64)]? {
        var out: [(amount: Money, sign: Int64)] = []
        out.reserveCapacity(details.count)
        for tx in details {
            let candidates: [(String?, String?)] = [(tx.txAmount, tx.txAmountCurrency), (tx.amount, tx.amountCurrency),
                                                    (tx.instructedAmount, tx.instructedCurrency)]
            guard let (text, ccy) = candidates.first(where: { $0.0 != nil }), let text,
                  case .success(let money) = MoneyParser.parse(text, currency: Currency(ccy ?? entryCurrency)) else { return nil }
            out.append((money.magnitude, sign(tx.creditDebit) ?? entrySign))
        }
        return out
    }

    static func sign(_ indicator: String?) -> Int64? {
        // Banks write it upper-case: settled without upper-casing a copy.
        if let indicator {
            if UTF8Text.equals(indicator, "DBIT") { return -1 }
            if UTF8Text.equals(indicator, "CRDT") { return 1 }
        }
        switch indicator?.uppercased() {
        case "DBIT": return -1
        case "CRDT": return 1
        default: return nil
        }
    }

    /// `BOOK` (text in .02–.05, `<Cd>` in .08) is settled; `PDNG`, `INFO`, `FUTR` are not final;
    /// `RJCT` never moved money. Without a status, a booking date means booked.
    static func state(_ entry: CamtEntry) -> SettlementState {
        if let status = entry.status, UTF8Text.equals(status, "BOOK") { return .settled }
        switch entry.status?.uppercased() {
        case "BOOK": return .settled
        case "RJCT": return .failed
        case nil: return entry.bookingDate != nil ? .settled : .pending
        default: return .pending
        }
    }

    static func sourceType(_ entryCode: CamtBankCode, _ txCode: CamtBankCode) -> String {
        let first = entryCode.text, second = txCode.text
        if second.isEmpty || second == first { return first }
        return first.isEmpty ? second : first + " " + second
    }

    /// The entry's XML can be megabytes (huge batches) and would be kept once per part, so
    /// `rawRow` holds a compact one-line summary of the fields read instead of the XML text.
    static func summary(_ entry: CamtEntry, _ tx: CamtTxDetails, index: Int?, count: Int, amount: Money,
                        mandate: Mandate?, sourceType code: String, unstructured: String, entryInfo: String) -> String {
        // Appended to one string: this runs once per transaction.
        var f = "Ntry"
        f.reserveCapacity(256)
        func field(_ text: String) { f += " | "; f += text }
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            f += " | "; f += name; f += "="; f += value
        }
        if let index { field("TxDtls \(index)/\(count)") }
        f += " | "; f += entry.creditDebit ?? "?"; f += " "; f += amount.magnitude.decimalString; f += " "; f += amount.currency.code
        if entry.reversal { field("RvslInd=true") }
        field("Sts", entry.status)
        field("BookgDt", entry.bookingDate)
        field("ValDt", entry.valueDate)
        field("AcctSvcrRef", entry.accountServicerRef)
        field("NtryRef", entry.entryRef)
        if !code.isEmpty { field("BkTxCd", code) }
        field("EndToEndId", tx.endToEndID)
        field("MndtId", mandate?.mandateID)
        field("CdtrId", mandate?.creditorID)
        field("Cdtr", tx.ultimateCreditor.name ?? tx.creditor.name)
        field("Dbtr", tx.ultimateDebtor.name ?? tx.debtor.name)
        if !tx.unstructured.isEmpty { field("Ustrd", unstructured) }
        field("RtrRsn", tx.returnReason)
        if !entry.additionalInfo.isEmpty { field("AddtlNtryInf", entryInfo) }
        return f
    }

}
