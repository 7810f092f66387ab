import Ledger

/// One charge as the interval logic sees it: plain values only, so the many copies the
/// stream search makes (sorting levels, trying chains) retain nothing.
struct StreamEvent: Sendable {
    /// Index into the linked payments.
    let payment: Int
    let date: CivilDate
    let day: Int
    let amount: Int64
    /// The product text without digits (renewal periods and dates in it vary), folded, as a
    /// number: equal numbers for equal texts within one run of the stream search
    /// (`ProductKeys`); 0 is the empty text.
    let productKey: Int32
    let channel: Channel

    init(payment: Int, date: CivilDate, day: Int, amount: Int64, productKey: Int32, channel: Channel) {
        self.payment = payment
        self.date = date
        self.day = day
        self.amount = amount
        self.productKey = productKey
        self.channel = channel
    }

    static func productKey(_ product: String) -> String {
        TextFolding.compactWithoutDigits(product)
    }

    /// Two charges the same cycle are one charge twice when nothing says they are different
    /// things: same amount, and not two distinct products.
    func couldDuplicate(_ other: StreamEvent) -> Bool {
        guard amount == other.amount else { return false }
        if productKey != 0 && other.productKey != 0 && productKey != other.productKey { return false }
        return true
    }
}

/// Numbers for product keys, by product text: the key of each distinct text is made once, and
/// keys that are equal Strings get one number.
struct ProductKeys {
    private var byProduct = TextMemo<Int32>()
    private var numbers: [String: Int32] = ["": 0]

    mutating func number(_ product: String) -> Int32 {
        byProduct.value(product) { product in
            let key = StreamEvent.productKey(product)
            if let known = numbers[key] { return known }
            let n = Int32(numbers.count)
            numbers[key] = n
            return n
        }
    }
}
