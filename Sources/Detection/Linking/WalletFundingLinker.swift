import Ledger

/// A WeChat/Alipay payment funded by a card shows up twice: on the wallet bill (merchant,
/// product, order id) and on the card or bank statement as `财付通-…` / `支付宝-…`. Pairs them
/// one-to-one so the money is counted once; the wallet row stays primary.
enum WalletFundingLinker {
    struct Pair { let wallet: Int; let funding: Int }

    /// Positions in `rows` (indices into `transactions`, in payment order): which funding row
    /// pairs with which wallet row. Text tests run once per distinct text per chunk, not per
    /// row; both sides are scanned on all cores.
    static func pair(_ transactions: [Transaction], rows: [Int], days: [Int]) -> [Pair] {
        let wallets = walletIndex(transactions, rows: rows, days: days)
        guard !wallets.isEmpty else { return [] }
        let chunks = ParallelChunks(count: rows.count, perWorker: 4)
        let slots = ParallelChunks.Slots<[Candidate]>(count: chunks.count)
        chunks.run { chunk in
            slots.set(chunk, Self.candidates(transactions, rows: rows, days: days, positions: chunks.range(chunk), wallets: wallets))
        }
        var candidates = slots.values.flatMap { $0 }
        // A total order: the pairs do not depend on how the rows were split.
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

    /// Same currency, amount, day, direction and kind.
    private struct BucketKey: Hashable { let currency: String; let magnitude: Int64; let day: Int; let inflow: Bool; let kind: TransactionKind }

    private struct Candidate: Sendable { let wallet: Int; let funding: Int; let rank: (Int, Int, Int64) }

    private static func bucketKey(_ t: Transaction, day: Int) -> BucketKey {
        BucketKey(currency: t.amount.currency.code, magnitude: t.amount.magnitude.minorUnits, day: day, inflow: t.amount.minorUnits >= 0,
                  kind: t.kind)
    }

    /// The wallet rows a funding row may pair with (paid from outside the wallet), by the hash
    /// of their bucket, then position: a funding row finds its bucket by binary search, and
    /// each bucket's rows in payment order.
    private static func walletIndex(_ transactions: [Transaction], rows: [Int], days: [Int]) -> [(hash: Int, position: Int)] {
        let chunks = ParallelChunks(count: rows.count, perWorker: 2)
        let slots = ParallelChunks.Slots<[(hash: Int, position: Int)]>(count: chunks.count)
        chunks.run { chunk in
            var outsideByMethod = TextMemo<Bool>()
            var found: [(hash: Int, position: Int)] = []
            // Fields are read in place: binding a whole row would retain each of its strings.
            transactions.withUnsafeBufferPointer { tx in
                for i in chunks.range(chunk) {
                    let r = rows[i]
                    guard tx[r].channel == .wechat || tx[r].channel == .alipay else { continue }
                    guard outsideByMethod.value(tx[r].paymentMethod, fundsFromOutside(paymentMethod:)) else { continue }
                    found.append((bucketKey(tx[r], day: days[r]).hashValue, i))
                }
            }
            slots.set(chunk, found)
        }
        var index = slots.values.flatMap { $0 }
        index.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.position < $1.position }
        return index
    }

    /// The candidate pairs of the funding rows at `positions`.
    private static func candidates(_ transactions: [Transaction], rows: [Int], days: [Int], positions: Range<Int>,
                                   wallets: [(hash: Int, position: Int)]) -> [Candidate] {
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
            for j in positions {
                let r = rows[j]
                guard tx[r].channel != .wechat && tx[r].channel != .alipay else { continue }
                guard let prefix = prefix(texts.merchantText(counterparty: tx[r].counterparty, product: tx[r].product))
                        ?? prefix(tx[r].product) else { continue }
                let fundingDigits = lastFourDigits(ofAccount: tx[r].account)
                for dayOffset in 0...1 {
                    let key = bucketKey(tx[r], day: days[r] - dayOffset)
                    let hash = key.hashValue
                    var lo = 0, hi = wallets.count
                    while lo < hi { let mid = (lo + hi) / 2; if wallets[mid].hash < hash { lo = mid + 1 } else { hi = mid } }
                    var k = lo
                    while k < wallets.count && wallets[k].hash == hash {
                        let i = wallets[k].position
                        k += 1
                        let w = rows[i]
                        guard bucketKey(tx[w], day: days[w]) == key else { continue }
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
        return candidates
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
