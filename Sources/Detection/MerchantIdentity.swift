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
struct MerchantResolver: Sendable {
    let aliases: [Alias]
    private let aliasMatchers: [[String]]
    private var cache = TextMemo<MerchantIdentity>()
    private var plainCache = TextMemo<MerchantIdentity>()
    private var creditorKeys = TextMemo<String?>()
    private var payeeKeys = TextMemo<String?>()

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
        let strong = t.mandate == nil && t.payeeID == nil ? nil : strongKey(t)
        let aliases = self.aliases, matchers = aliasMatchers
        // Most rows have no strong id: look them up by the text alone, without building a key.
        guard let strong else {
            return plainCache.value(raw) { Self.makeIdentity(raw: $0, strong: nil, aliases: aliases, matchers: matchers) }
        }
        return cache.value(raw + "\u{1F}" + strong) { _ in Self.makeIdentity(raw: raw, strong: strong, aliases: aliases, matchers: matchers) }
    }

    private static func makeIdentity(raw: String, strong: String?, aliases: [Alias], matchers: [[String]]) -> MerchantIdentity {
        let display = MerchantNormalizer.displayName(raw)
        if let a = aliasIndex(for: raw, aliases: aliases, matchers: matchers) {
            return MerchantIdentity(key: "alias:" + TextFolding.compact(aliases[a].name), displayName: aliases[a].name, aliasIndex: a)
        } else if let strong {
            return MerchantIdentity(key: strong, displayName: display.isEmpty ? strong : display, aliasIndex: nil)
        } else {
            return MerchantIdentity(key: raw.isEmpty ? "unknown" : MerchantNormalizer.key(raw), displayName: display.isEmpty ? "?" : display, aliasIndex: nil)
        }
    }

    /// First alias (in config order) whose name or one of whose match texts the merchant text
    /// contains, or whose normalised key equals the merchant's.
    func aliasIndex(for raw: String) -> Int? {
        Self.aliasIndex(for: raw, aliases: aliases, matchers: aliasMatchers)
    }

    private static func aliasIndex(for raw: String, aliases: [Alias], matchers aliasMatchers: [[String]]) -> Int? {
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
    mutating func strongKey(_ t: Transaction) -> String? {
        if let m = t.mandate, let raw = m.creditorID, let creditor = creditorKeys.value(raw, Self.creditorKey) {
            let mandate = m.mandateID?.trimmingSpaces ?? ""
            return "sepa:" + creditor + (mandate.isEmpty ? "" : "/" + mandate)
        }
        if let raw = t.payeeID, let payee = payeeKeys.value(raw, Self.payeeKey) { return payee }
        return nil
    }

    /// The creditor id as keys use it; nil when it is blank.
    private static func creditorKey(_ raw: String) -> String? {
        let creditor = raw.trimmingSpaces
        guard !creditor.isEmpty else { return nil }
        var chars = Array(creditor.uppercased().filter { $0 != " " })
        if chars.count > 7 { chars.removeSubrange(4..<7) }
        return String(chars)
    }

    private static func payeeKey(_ raw: String) -> String? {
        let payee = raw.trimmingSpaces
        return payee.isEmpty ? nil : "payee:" + payee.uppercased()
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
