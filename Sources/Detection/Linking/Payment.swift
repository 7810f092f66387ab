import Ledger

/// One payment after linking: the canonical row (the wallet row when a wallet and its funding
/// card row are the same money), what has been refunded on it, and who it was paid to.
struct Payment: Sendable {
    var tx: Transaction
    /// Rows that are the same money (funding bank/card row).
    var twins: [Transaction] = []
    var day: Int
    /// Absolute amount in minor units.
    var magnitude: Int64
    /// Minor units refunded or reversed so far (never more than `magnitude`).
    var refunded: Int64 = 0
    var merchant: MerchantIdentity
    var rawMerchant: String

    var isFullyRefunded: Bool { refunded >= magnitude }
    var outstanding: Int64 { max(0, magnitude - refunded) }
    var currency: Currency { tx.amount.currency }
    var id: String { tx.id }
    var channels: [Channel] { ([tx.channel] + twins.map(\.channel)) }

    /// Date, time, then id: the one order every step uses.
    static func chronological(_ a: Payment, _ b: Payment) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.tx.time != b.tx.time { return a.tx.time < b.tx.time }
        if a.tx.id != b.tx.id { return a.tx.id < b.tx.id }
        return a.tx.source < b.tx.source
    }
}

/// The ledger after linking: each payment once, refunds applied, and the links that say why.
struct LinkedLedger: Sendable {
    /// Settled outflow payments, chronological.
    var payments: [Payment]
    var links: [Link]
}

/// A total order on raw transactions so that linking never depends on input order.
func transactionOrder(_ a: Transaction, _ b: Transaction) -> Bool {
    let da = a.date.dayNumber, db = b.date.dayNumber
    if da != db { return da < db }
    if a.time != b.time { return a.time < b.time }
    if a.id != b.id { return a.id < b.id }
    if a.source != b.source { return a.source < b.source }
    return a.amount.minorUnits < b.amount.minorUnits
}
