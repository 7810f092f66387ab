import Ledger

/// One charge as the interval logic sees it.
struct StreamEvent: Sendable {
    /// Index into the linked payments.
    let payment: Int
    let date: CivilDate
    let day: Int
    let amount: Int64
    /// Product text without digits (renewal periods and dates in it vary), folded.
    let productKey: String
    let orderID: String?
    let channel: Channel

    init(payment index: Int, _ p: Payment) {
        self.init(payment: index, p, productKey: Self.productKey(p.tx.product))
    }

    /// `productKey` is `StreamEvent.productKey(p.tx.product)`, cached by the caller.
    init(payment index: Int, _ p: Payment, productKey: String) {
        payment = index
        date = p.tx.date
        day = p.day
        amount = p.magnitude
        self.productKey = productKey
        orderID = RefundLinker.usableOrderID(p.tx)
        channel = p.tx.channel
    }

    static func productKey(_ product: String) -> String {
        TextFolding.compactWithoutDigits(product)
    }

    /// Two charges the same cycle are one charge twice when nothing says they are different
    /// things: same amount, and not two distinct products or two distinct orders of different kinds.
    func couldDuplicate(_ other: StreamEvent) -> Bool {
        guard amount == other.amount else { return false }
        if !productKey.isEmpty && !other.productKey.isEmpty && productKey != other.productKey { return false }
        return true
    }
}
