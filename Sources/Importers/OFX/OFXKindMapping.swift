import Ledger

/// TRNTYPE + sign → what the row is. The sign decides first (OFX: negative is money out,
/// on cards too); TRNTYPE refines it:
///
/// | money | TRNTYPE | kind |
/// |---|---|---|
/// | out | XFER, ATM, CASH | transfer (own money moving: transfers, withdrawals, cash advances) |
/// | out | anything else (DEBIT POS PAYMENT CHECK FEE SRVCHG INT DIRECTDEBIT REPEATPMT OTHER …) | payment |
/// | in, card | PAYMENT XFER DEP DIRECTDEP CASH, or a name like `PAYMENT - THANK YOU` / `AUTOPAY` | transfer (card repayment) |
/// | in, card | INT DIV | income |
/// | in, card | anything else (CREDIT, POS, DEBIT …) | refund (a merchant credit) |
/// | in, bank | XFER | transfer |
/// | in, bank | DIRECTDEBIT REPEATPMT | reversal (a returned debit) |
/// | in, bank | POS DEBIT PAYMENT CHECK FEE SRVCHG | refund |
/// | in, bank | anything else (CREDIT DEP DIRECTDEP INT DIV OTHER …) | income |
/// | zero | any | payment (nothing moved; kept so the row is visible) |
enum OFXKindMapping {
    static func kind(trnType: String, minorUnits: Int64, isCard: Bool, name: String) -> TransactionKind {
        let type = OFXTransactionMapper.asciiUpper(trnType)
        if minorUnits <= 0 {
            if minorUnits < 0, ["XFER", "ATM", "CASH"].contains(type) { return .transfer }
            return .payment
        }
        if isCard {
            if ["PAYMENT", "XFER", "DEP", "DIRECTDEP", "CASH"].contains(type) || looksLikeRepayment(name) { return .transfer }
            if ["INT", "DIV"].contains(type) { return .income }
            return .refund
        }
        switch type {
        case "XFER": return .transfer
        case "DIRECTDEBIT", "REPEATPMT": return .reversal
        case "POS", "DEBIT", "PAYMENT", "CHECK", "FEE", "SRVCHG": return .refund
        default: return .income
        }
    }

    private static func looksLikeRepayment(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.contains("AUTOPAY") || (upper.contains("PAYMENT") && (upper.contains("THANK") || upper.contains("RECEIVED")))
    }
}
