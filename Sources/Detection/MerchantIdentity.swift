import Ledger

/// Who a payment was made to, as detection groups it.
struct MerchantIdentity: Hashable, Sendable {
    /// The grouping key (`alias:…`, `sepa:…`, `payee:…` or a normalised name).
    var key: String
    /// The name a person reads: the alias name, else the merchant text without wallet prefix.
    var displayName: String
    /// Index into the config's aliases when one matched.
    var aliasIndex: Int?
}

/// Resolves transactions to merchant identities, applying the config's aliases and the strong
/// ids (SEPA creditor + mandate, OFX payee id) that beat any spelling of the name.
struct MerchantResolver {
    let aliases: [Alias]
    private let aliasMatchers: [[String]]
    private var cache: [String: MerchantIdentity] = [:]
    private var plainCache: [String: MerchantIdentity] = [:]

    init(aliases: [Alias]) {
        self.aliases = aliases
        self.aliasMatchers = aliases.map { alias in
            ([alias.name] + alias.match).map(TextFolding.compact).filter { !$0.isEmpty }
        }
    }

    /// The merchant text of a row: the counterparty, else the product (`/` means empty).
    static func merchantText(_ t: Transaction) -> String {
        let cp = t.counterparty.trimmingSpaces
        if !cp.isEmpty && cp != "/" && cp != "-" { return cp }
        let product = t.product.trimmingSpaces
        return product == "/" ? "" : product
    }

    mutating func identity(of t: Transaction) -> MerchantIdentity {
        identity(of: t, merchantText: Self.merchantText(t))
    }

    /// `raw` is `merchantText(t)`, already at hand.
    mutating func identity(of t: Transaction, merchantText raw: String) -> MerchantIdentity {
        let strong = t.mandate == nil && t.payeeID == nil ? nil : Self.strongKey(t)
        // Most rows have no strong id: look them up by the text alone, without building a key.
        if strong == nil, let hit = plainCache[raw] { return hit }
        let cacheKey = raw + "\u{1F}" + (strong ?? "")
        if let hit = cache[cacheKey] { return hit }
        let display = MerchantNormalizer.displayName(raw)
        var identity: MerchantIdentity
        if let a = aliasIndex(for: raw) {
            identity = MerchantIdentity(key: "alias:" + TextFolding.compact(aliases[a].name), displayName: aliases[a].name, aliasIndex: a)
        } else if let strong {
            identity = MerchantIdentity(key: strong, displayName: display.isEmpty ? strong : display, aliasIndex: nil)
        } else {
            identity = MerchantIdentity(key: raw.isEmpty ? "unknown" : MerchantNormalizer.key(raw), displayName: display.isEmpty ? "?" : display, aliasIndex: nil)
        }
        cache[cacheKey] = identity
        if strong == nil { plainCache[raw] = identity }
        return identity
    }

    /// First alias (in config order) whose name or one of whose match texts the merchant text
    /// contains, or whose normalised key equals the merchant's.
    func aliasIndex(for raw: String) -> Int? {
        guard !aliases.isEmpty else { return nil }
        let compact = TextFolding.compact(raw)
        let key = MerchantNormalizer.key(raw)
        for (i, matchers) in aliasMatchers.enumerated() {
            for m in matchers where compact.contains(m) || MerchantNormalizer.key(m) == key {
                return i
            }
        }
        return nil
    }

    /// SEPA creditor id without its check-digit/business-code characters 5–7, plus the mandate;
    /// else the OFX payee id.
    static func strongKey(_ t: Transaction) -> String? {
        if let m = t.mandate, let creditor = m.creditorID?.trimmingSpaces, !creditor.isEmpty {
            var chars = Array(creditor.uppercased().filter { $0 != " " })
            if chars.count > 7 { chars.removeSubrange(4..<7) }
            let mandate = m.mandateID?.trimmingSpaces ?? ""
            return "sepa:" + String(chars) + (mandate.isEmpty ? "" : "/" + mandate)
        }
        if let payee = t.payeeID?.trimmingSpaces, !payee.isEmpty {
            return "payee:" + payee.uppercased()
        }
        return nil
    }
}

/// Matches the config's merchant texts (cancellations, plans, ignores) against payments:
/// contained in the display name, the raw merchant text or the key, ignoring case and width,
/// or naming the alias the payment resolved to.
struct MerchantTextMatcher {
    let needle: String
    let needleKey: String
    private let aliasHits: Set<Int>

    init(_ text: String, aliases: [Alias]) {
        let n = TextFolding.compact(text)
        needle = n
        needleKey = MerchantNormalizer.key(text)
        var hits = Set<Int>()
        for (i, a) in aliases.enumerated() {
            let names = ([a.name] + a.match).map(TextFolding.compact)
            if names.contains(where: { !n.isEmpty && !$0.isEmpty && ($0.contains(n) || n.contains($0)) }) { hits.insert(i) }
        }
        aliasHits = hits
    }

    func matches(rawText: String, identity: MerchantIdentity) -> Bool {
        guard !needle.isEmpty else { return false }
        if let a = identity.aliasIndex, aliasHits.contains(a) { return true }
        if TextFolding.compact(identity.displayName).contains(needle) { return true }
        if TextFolding.compact(rawText).contains(needle) { return true }
        return !needleKey.isEmpty && identity.key.contains(needleKey)
    }
}
