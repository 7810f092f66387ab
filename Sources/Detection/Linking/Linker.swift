import Ledger

/// Step one and two of the detection: one row per payment, refunds applied.
///
/// Works on indices into the input: a `Transaction` is hundreds of bytes with a dozen strings,
/// so sorting or copying the values costs a retain and release per string per move.
enum Linker {
    static func link(_ transactions: [Transaction], resolver: inout MerchantResolver) -> LinkedLedger {
        let (dropped, duplicateLinks) = ExactDuplicates.remove(transactions)
        let days = transactions.map { $0.date.dayNumber }
        let rows = PaymentOrder.sortedRows(transactions, days: days) { transactions[$0].state == .settled && !dropped[$0] }
        let pairs = WalletFundingLinker.pair(transactions, rows: rows, days: days)
        var fundingOf = [Int32](repeating: -1, count: rows.count)   // wallet position → funding position
        var isFunding = [Bool](repeating: false, count: rows.count)
        for p in pairs { fundingOf[p.wallet] = Int32(p.funding); isFunding[p.funding] = true }

        // Which rows become payments, which are refunds: tests of a few fields, in order.
        var positions: [Int] = []
        positions.reserveCapacity(rows.count)
        var refunds: [Int] = []
        for (i, r) in rows.enumerated() where !isFunding[i] {
            switch transactions[r].kind {
            case .payment where transactions[r].isOutflow && transactions[r].amount.minorUnits != 0:
                positions.append(i)
            case .refund, .reversal:
                refunds.append(r)
            default:
                break
            }
        }
        var payments = PaymentBuilder.build(transactions, rows: rows, positions: positions, days: days, fundingOf: fundingOf,
                                            resolver: resolver)
        var links = duplicateLinks
        for p in pairs { links.append(Link(kind: .walletFunding, primary: transactions[rows[p.wallet]].id, secondary: transactions[rows[p.funding]].id)) }
        var distinctKeys = Set<String>()
        for p in payments { distinctKeys.insert(p.merchant.key) }
        let keyMap = CompanyNameMerger.map(keys: distinctKeys)
        if !keyMap.isEmpty {
            for i in payments.indices { if let k = keyMap[payments[i].merchant.key] { payments[i].merchant.key = k } }
        }
        links += RefundLinker.apply(refunds: refunds, of: transactions, days: days, to: &payments, resolver: &resolver, keyMap: keyMap)
        // `rows` are in `PaymentOrder`, so the payments already are: no second sort.
        return LinkedLedger(payments: payments, links: links)
    }
}

/// The order linking works in: date, instant, id, source, amount, then the offset and input
/// position (so that equal keys keep one order whatever the input order within an id was).
enum PaymentOrder {
    /// Indices of the rows `include` keeps, in payment order. Integer keys first; the strings
    /// are only compared for rows in the same second.
    static func sortedRows(_ transactions: [Transaction], days: [Int], include: (Int) -> Bool) -> [Int] {
        struct Key { let day: Int32; let seconds: Int64; let index: Int32 }
        var keys: [Key] = []
        keys.reserveCapacity(transactions.count)
        for i in transactions.indices where include(i) {
            keys.append(Key(day: Int32(days[i]), seconds: transactions[i].time.epochSeconds, index: Int32(i)))
        }
        transactions.withUnsafeBufferPointer { tx in
            keys.sort { x, y in
                if x.day != y.day { return x.day < y.day }
                if x.seconds != y.seconds { return x.seconds < y.seconds }
                let a = Int(x.index), b = Int(y.index)
                if tx[a].id != tx[b].id { return tx[a].id < tx[b].id }
                if tx[a].source.path != tx[b].source.path { return tx[a].source.path < tx[b].source.path }
                if tx[a].source.line != tx[b].source.line { return tx[a].source.line < tx[b].source.line }
                if tx[a].amount.minorUnits != tx[b].amount.minorUnits { return tx[a].amount.minorUnits < tx[b].amount.minorUnits }
                if tx[a].time.offsetSeconds != tx[b].time.offsetSeconds { return tx[a].time.offsetSeconds < tx[b].time.offsetSeconds }
                return a < b
            }
        }
        return keys.map { Int($0.index) }
    }
}

/// The merchant text of each row (`MerchantResolver.merchantText`), computed once per distinct
/// counterparty and product text: exports repeat the same few hundred names.
struct MerchantTextCache {
    private var byCounterparty = TextMemo<String?>()
    private var byProduct = TextMemo<String>()

    mutating func merchantText(_ t: Transaction) -> String {
        merchantText(counterparty: t.counterparty, product: t.product)
    }

    mutating func merchantText(counterparty: String, product: String) -> String {
        let usable = byCounterparty.value(counterparty) { counterparty in
            let cp = counterparty.trimmingSpaces
            return !cp.isEmpty && cp != "/" && cp != "-" ? cp : nil
        }
        if let usable { return usable }
        return byProduct.value(product) { product in
            let trimmed = product.trimmingSpaces
            return trimmed == "/" ? "" : trimmed
        }
    }
}
