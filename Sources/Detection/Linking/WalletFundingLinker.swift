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
        // Wallet rows per bucket, chained from the first (no array per bucket: most hold one).
        var firstOf: [BucketKey: Int] = [:]
        var next = [Int](repeating: -1, count: rows.count), lastOf = [Int](repeating: -1, count: rows.count)
        var outsideByMethod = TextMemo<Bool>()
        // Fields are read in place: binding a whole row would retain each of its strings.
        for (i, r) in rows.enumerated() {
            guard transactions[r].channel == .wechat || transactions[r].channel == .alipay else { continue }
            guard outsideByMethod.value(transactions[r].paymentMethod, fundsFromOutside(paymentMethod:)) else { continue }
            let amount = transactions[r].amount
            let key = BucketKey(currency: amount.currency.code, magnitude: amount.magnitude.minorUnits, day: days[r],
                                inflow: amount.minorUnits >= 0, kind: transactions[r].kind)
            if let first = firstOf[key] {
                next[lastOf[first] < 0 ? first : lastOf[first]] = i
                lastOf[first] = i
            } else {
                firstOf[key] = i
            }
        }
        guard !firstOf.isEmpty else { return [] }

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
        // Rows read in place: binding them would retain every string of each.
        transactions.withUnsafeBufferPointer { tx in
            for (j, r) in rows.enumerated() {
                guard tx[r].channel != .wechat && tx[r].channel != .alipay else { continue }
                guard let prefix = prefix(texts.merchantText(counterparty: tx[r].counterparty, product: tx[r].product))
                        ?? prefix(tx[r].product) else { continue }
                let fundingDigits = lastFourDigits(ofAccount: tx[r].account)
                for dayOffset in 0...1 {
                    let key = BucketKey(currency: tx[r].amount.currency.code, magnitude: tx[r].amount.magnitude.minorUnits,
                                        day: days[r] - dayOffset, inflow: !tx[r].isOutflow, kind: tx[r].kind)
                    var position = firstOf[key] ?? -1
                    while position >= 0 {
                        let i = position
                        position = next[i]
                        let w = rows[i]
                        if let wanted = prefix.wallet, wanted != tx[w].channel { continue }
                        if prefix.wallet == nil && !keysAgree(nameKey(tx[w]), nameKey(tx[r])) { continue }
                        let walletDigits = digitsByMethod.value(tx[w].paymentMethod) { cardDigits(inPaymentMethod: $0) }
                        var digitRank = 1
                        if let a = walletDigits, let b = fundingDigits {
                            if a != b { continue }
                            digitRank = 0
                        }
                        let timeGap = tx[r].dateOnly ? Int64(86_400) : abs(tx[r].time.epochSeconds - tx[w].time.epochSeconds)
                        candidates.append(Candidate(wallet: i, funding: j, rank: (digitRank, dayOffset, timeGap)))
                    }
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
