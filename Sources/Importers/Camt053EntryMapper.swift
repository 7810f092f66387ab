import Ledger

/// A transaction plus what the return-matching pass needs and `Transaction` has no field for.
struct CamtMapped {
    var transaction: Transaction
    var isReturn: Bool
    /// For a return: the amount originally debited (`InstdAmt`, fees excluded), else the amount.
    var originalMagnitude: Int64
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
        func skip(_ reason: String) -> Outcome { .skipped(SkippedRow(line: entry.line, reason: reason)) }

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

        let details = entry.transactions
        var parts: [(tx: CamtTxDetails, amount: Money, sign: Int64, line: Int)] = []
        if details.count > 1, let split = CamtEntryMapper.split(details, entryCurrency: currencyCode, entrySign: entrySign) {
            parts = split
        } else {
            // A single transaction, or a batch whose parts carry no amounts: the entry as a whole.
            parts = [(details.count == 1 ? details[0] : CamtTxDetails(), entryMoney, entrySign, entry.line)]
        }

        if maskedAccount.account != statement.account {
            maskedAccount = (statement.account, statement.account.map(Masking.lastFour))
        }
        let account = maskedAccount.masked
        var out: [CamtMapped] = []
        for (index, part) in parts.enumerated() {
            out.append(mapPart(entry, part.tx, amount: part.amount, sign: part.sign, line: part.line,
                               index: parts.count > 1 ? index + 1 : nil, count: parts.count,
                               when: when, account: account, statement: statement))
        }
        return .mapped(out)
    }

    private mutating func mapPart(_ entry: CamtEntry, _ tx: CamtTxDetails, amount magnitude: Money, sign: Int64,
                                  line: Int, index: Int?, count: Int, when: ISODateTimeParser.Parsed,
                                  account: String?, statement: CamtStatement) -> CamtMapped {
        let amount = sign < 0 ? magnitude.negated : magnitude
        let code = tx.bankCode.isEmpty ? entry.bankCode : tx.bankCode
        let allText = (tx.unstructured + tx.additionalTxInfo + entry.additionalInfo).joined(separator: " ")

        let isReturn = entry.reversal || tx.hasReturnInfo
            || SEPADirectDebitSignals.isReturn(entry.bankCode) || SEPADirectDebitSignals.isReturn(tx.bankCode)
        let textCreditorID = SEPADirectDebitSignals.creditorID(inText: allText)
        let mandateID = CamtEntryMapper.present(tx.mandateID) ?? SEPADirectDebitSignals.mandateID(inText: allText)
        let isDirectDebit = SEPADirectDebitSignals.isDirectDebit(entry.bankCode) || SEPADirectDebitSignals.isDirectDebit(tx.bankCode)
            || mandateID != nil || tx.creditorSchemeID != nil || textCreditorID != nil

        // The other party: the creditor when money left for a payment or came back from one.
        let otherIsCreditor: Bool
        if let own = statement.iban.map(SEPADirectDebitSignals.normaliseID), tx.debtorIBAN.map(SEPADirectDebitSignals.normaliseID) == own {
            otherIsCreditor = true
        } else if let own = statement.iban.map(SEPADirectDebitSignals.normaliseID), tx.creditorIBAN.map(SEPADirectDebitSignals.normaliseID) == own {
            otherIsCreditor = false
        } else {
            otherIsCreditor = (sign < 0) != isReturn
        }
        let party = otherIsCreditor ? [tx.ultimateCreditor.name, tx.creditor.name] : [tx.ultimateDebtor.name, tx.debtor.name]
        let unstructured = tx.unstructured.joined(separator: " ")
        let counterparty = party.compactMap(CamtEntryMapper.present).first
            ?? [unstructured, entry.additionalInfo.joined(separator: " "), tx.additionalTxInfo.joined(separator: " ")]
                .first { !$0.isEmpty } ?? ""
        let product = [unstructured, tx.additionalTxInfo.joined(separator: " "), entry.additionalInfo.joined(separator: " ")]
            .first { !$0.isEmpty } ?? ""

        var mandate: Mandate?
        if isDirectDebit {
            // In a direct debit, `Cdtr/Id/PrvtId/Othr/Id` is the SEPA creditor identifier.
            let creditorID = (CamtEntryMapper.present(tx.creditorSchemeID) ?? CamtEntryMapper.present(tx.creditor.privateID) ?? textCreditorID)
                .map(SEPADirectDebitSignals.normaliseID)
            if creditorID != nil || mandateID != nil { mandate = Mandate(creditorID: creditorID, mandateID: mandateID) }
        }

        let kind: TransactionKind = isReturn ? .reversal : (sign < 0 ? .payment : .income)
        let endToEnd = CamtEntryMapper.present(tx.endToEndID)
        var statusParts = [entry.status ?? ""]
        if let reason = tx.returnReason { statusParts.append("return reason \(reason)") }
        statusParts += tx.returnInfo

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
            status: statusParts.filter { !$0.isEmpty }.joined(separator: "; "),
            merchantOrderID: endToEnd, channel: isDirectDebit ? .sepaDirectDebit : .bank, kind: kind,
            state: CamtEntryMapper.state(entry), sourceType: sourceType,
            account: account, relatesTo: nil, mandate: mandate,
            rawRow: CamtEntryMapper.summary(entry, tx, index: index, count: count, amount: amount, mandate: mandate, sourceType: sourceType))
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

    /// Splits a batch into its parts when every part states its own amount.
    static func split(_ details: [CamtTxDetails], entryCurrency: String, entrySign: Int64)
        -> [(tx: CamtTxDetails, amount: Money, sign: Int64, line: Int)]? {
        var out: [(tx: CamtTxDetails, amount: Money, sign: Int64, line: Int)] = []
        for tx in details {
            let candidates: [(String?, String?)] = [(tx.txAmount, tx.txAmountCurrency), (tx.amount, tx.amountCurrency),
                                                    (tx.instructedAmount, tx.instructedCurrency)]
            guard let (text, ccy) = candidates.first(where: { $0.0 != nil }), let text,
                  case .success(let money) = MoneyParser.parse(text, currency: Currency(ccy ?? entryCurrency)) else { return nil }
            out.append((tx, money.magnitude, sign(tx.creditDebit) ?? entrySign, tx.line))
        }
        return out
    }

    static func sign(_ indicator: String?) -> Int64? {
        switch indicator?.uppercased() {
        case "DBIT": return -1
        case "CRDT": return 1
        default: return nil
        }
    }

    /// `BOOK` (text in .02–.05, `<Cd>` in .08) is settled; `PDNG`, `INFO`, `FUTR` are not final;
    /// `RJCT` never moved money. Without a status, a booking date means booked.
    static func state(_ entry: CamtEntry) -> SettlementState {
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
                        mandate: Mandate?, sourceType code: String) -> String {
        // Appended to one string: this runs once per transaction.
        var f = "Ntry"
        f.reserveCapacity(256)
        func field(_ text: String) { f += " | "; f += text }
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            f += " | "; f += name; f += "="; f += value
        }
        if let index { field("TxDtls \(index)/\(count)") }
        field((entry.creditDebit ?? "?") + " " + amount.magnitude.decimalString + " " + amount.currency.code)
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
        if !tx.unstructured.isEmpty { field("Ustrd", tx.unstructured.joined(separator: " ")) }
        field("RtrRsn", tx.returnReason)
        if !entry.additionalInfo.isEmpty { field("AddtlNtryInf", entry.additionalInfo.joined(separator: " ")) }
        return f
    }

}
