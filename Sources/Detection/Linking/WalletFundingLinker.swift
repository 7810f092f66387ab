import Ledger

/// A WeChat/Alipay payment funded by a card shows up twice: on the wallet bill (merchant,
/// product, order id) and on the card or bank statement as `财付通-…` / `支付宝-…`. Pairs them
/// one-to-one so the money is counted once; the wallet row stays primary.
enum WalletFundingLinker {
    struct Pair { let wallet: Int; let funding: Int }

    /// Positions in `rows` (indices into `transactions`, in payment order): which funding row
    /// pairs with which wallet row. Text tests run once per distinct text, not per row.
    static func pair(_ transactions: [Transaction], rows: [Int], days: [Int]) -> [Pair] {
        struct BucketKey: Hashable { let currency: String; let magnitude: Int64; let day: Int; let inflow: Bool; let kind: TransactionKind }
        var wallets: [BucketKey: [Int]] = [:]
        var outsideByMethod = TextMemo<Bool>()
        // Fields are read in place: binding a whole row would retain each of its strings.
        for (i, r) in rows.enumerated() {
            guard transactions[r].channel == .wechat || transactions[r].channel == .alipay else { continue }
            guard outsideByMethod.value(transactions[r].paymentMethod, fundsFromOutside(paymentMethod:)) else { continue }
            let amount = transactions[r].amount
            let key = BucketKey(currency: amount.currency.code, magnitude: amount.magnitude.minorUnits, day: days[r],
                                inflow: amount.minorUnits >= 0, kind: transactions[r].kind)
            wallets[key, default: []].append(i)
        }
        guard !wallets.isEmpty else { return [] }

        struct Candidate { let wallet: Int; let funding: Int; let rank: (Int, Int, Int64) }
        var candidates: [Candidate] = []
        var texts = MerchantTextCache()
        var prefixByText = TextMemo<WalletPrefix?>()
        func prefix(_ text: String) -> WalletPrefix? {
            prefixByText.value(text) { WalletPrefixes.fundingWallet(TextFolding.fold($0)) }
        }
        var digitsByMethod = TextMemo<String?>()
        var nameKeys = TextMemo<String>()
        func nameKey(_ t: Transaction) -> String {
            nameKeys.value(texts.merchantText(t), MerchantNormalizer.key)
        }
        for (j, r) in rows.enumerated() {
            guard transactions[r].channel != .wechat && transactions[r].channel != .alipay else { continue }
            guard let prefix = prefix(texts.merchantText(counterparty: transactions[r].counterparty, product: transactions[r].product))
                    ?? prefix(transactions[r].product) else { continue }
            let f = transactions[r]
            let fundingDigits = lastFourDigits(ofAccount: f.account)
            for dayOffset in 0...1 {
                let key = BucketKey(currency: f.amount.currency.code, magnitude: f.amount.magnitude.minorUnits,
                                    day: days[r] - dayOffset, inflow: !f.isOutflow, kind: f.kind)
                guard let list = wallets[key] else { continue }
                for i in list {
                    let w = transactions[rows[i]]
                    if let wanted = prefix.wallet, wanted != w.channel { continue }
                    if prefix.wallet == nil && !keysAgree(nameKey(w), nameKey(f)) { continue }
                    let walletDigits = digitsByMethod.value(w.paymentMethod) { cardDigits(inPaymentMethod: $0) }
                    var digitRank = 1
                    if let a = walletDigits, let b = fundingDigits {
                        if a != b { continue }
                        digitRank = 0
                    }
                    let timeGap = f.dateOnly ? Int64(86_400) : abs(f.time.epochSeconds - w.time.epochSeconds)
                    candidates.append(Candidate(wallet: i, funding: j, rank: (digitRank, dayOffset, timeGap)))
                }
            }
        }
        candidates.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.funding != b.funding { return a.funding < b.funding }
            return a.wallet < b.wallet
        }
        var usedWallet = [Bool](repeating: false, count: rows.count), usedFunding = [Bool](repeating: false, count: rows.count)
        var pairs: [Pair] = []
        for c in candidates where !usedWallet[c.wallet] && !usedFunding[c.funding] {
            usedWallet[c.wallet] = true; usedFunding[c.funding] = true
            pairs.append(Pair(wallet: c.wallet, funding: c.funding))
        }
        return pairs
    }

    /// A wallet row paid from the wallet's own balance (零钱, 余额, 花呗 …) has no funding row.
    static func fundsFromOutside(paymentMethod: String) -> Bool {
        let method = TextFolding.compact(paymentMethod)
        if method.isEmpty || method == "/" { return true }
        let walletFunds = ["零钱", "余额", "花呗", "余额宝", "账户余额", "亲属卡", "红包", "balance"]
        if cardDigits(inPaymentMethod: paymentMethod) != nil { return true }
        return !walletFunds.contains { method.hasPrefix($0) }
    }

    /// `招商银行信用卡(1234)` → `1234`.
    static func cardDigits(inPaymentMethod text: String) -> String? {
        let folded = TextFolding.fold(text)
        guard let open = folded.lastIndex(of: "("), let close = folded.lastIndex(of: ")"), open < close else { return nil }
        let inside = folded[folded.index(after: open)..<close]
        guard inside.count == 4, inside.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(inside)
    }

    static func lastFourDigits(ofAccount account: String?) -> String? {
        guard let account else { return nil }
        let digits = account.filter { $0.isASCII && $0.isNumber }
        return digits.count >= 4 ? String(digits.suffix(4)) : nil
    }

    /// For wallets without their own bill here (美团支付, 云闪付 …) the merchant must agree.
    static func namesAgree(_ w: Transaction, _ f: Transaction) -> Bool {
        keysAgree(MerchantNormalizer.key(MerchantResolver.merchantText(w)), MerchantNormalizer.key(MerchantResolver.merchantText(f)))
    }

    static func keysAgree(_ a: String, _ b: String) -> Bool {
        !a.isEmpty && !b.isEmpty && (a.contains(b) || b.contains(a))
    }
}
