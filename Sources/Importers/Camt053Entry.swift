/// The fields of one camt `Ntry` as written, before any interpretation. One is collected at a
/// time while streaming, mapped to transactions, then dropped.
struct CamtEntry {
    var line = 0
    var amount: String?
    var currency: String?
    var creditDebit: String?
    var reversal = false
    var status: String?
    var bookingDate: String?
    var valueDate: String?
    var accountServicerRef: String?
    var entryRef: String?
    var bankCode = CamtBankCode()
    var additionalInfo: [String] = []
    var transactions: [CamtTxDetails] = []
}

/// `BkTxCd`: the ISO domain/family/sub-family and the proprietary code (German `NDDT+105+…`).
struct CamtBankCode {
    var domain: String?
    var family: String?
    var subFamily: String?
    var proprietary: String?

    var isEmpty: Bool { domain == nil && family == nil && subFamily == nil && proprietary == nil }

    /// `PMNT/RDDT/ESDD NDDT+105+9200+992`, for `sourceType`.
    var text: String {
        // Appended part by part: this runs for every transaction.
        var out = ""
        func add(_ part: String?) {
            guard let part else { return }
            if !out.isEmpty { out += "/" }
            out += part
        }
        add(domain); add(family); add(subFamily)
        if let proprietary {
            if out.isEmpty { return proprietary }
            out += " "; out += proprietary
        }
        return out
    }
}

/// One party of `RltdPties` (Dbtr, Cdtr, UltmtDbtr, UltmtCdtr), with or without `Pty`.
struct CamtParty {
    var name: String?
    /// `Id/PrvtId/Othr/Id`: for a creditor, the SEPA creditor identifier.
    var privateID: String?
}

/// One `TxDtls` inside an entry.
struct CamtTxDetails {
    var line = 0
    var endToEndID: String?
    var mandateID: String?
    var txID: String?
    var accountServicerRef: String?
    /// `TxDtls/Amt` (.08) — the transaction's own amount.
    var amount: String?
    var amountCurrency: String?
    /// `AmtDtls/TxAmt/Amt`.
    var txAmount: String?
    var txAmountCurrency: String?
    /// `AmtDtls/InstdAmt/Amt`: what was instructed (a return may add fees on top).
    var instructedAmount: String?
    var instructedCurrency: String?
    var creditDebit: String?
    var bankCode = CamtBankCode()
    var debtor = CamtParty()
    var ultimateDebtor = CamtParty()
    var creditor = CamtParty()
    var ultimateCreditor = CamtParty()
    var debtorIBAN: String?
    var creditorIBAN: String?
    var creditorSchemeID: String?
    var unstructured: [String] = []
    var additionalTxInfo: [String] = []
    var returnReason: String?
    var returnInfo: [String] = []

    var hasReturnInfo: Bool { returnReason != nil || !returnInfo.isEmpty }
}
