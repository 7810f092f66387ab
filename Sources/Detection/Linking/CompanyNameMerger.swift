/// Joins a legal company name to the trading name already in use (`某某科技有限公司` →
/// `某某科技`) only when the shorter key exists on its own: the company suffix is a fallback,
/// never a reason to merge two unrelated names.
enum CompanyNameMerger {
    static func map(keys: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for key in keys.sorted() where !key.contains(":") {
            if let loose = MerchantNormalizer.fallbackKey(key), loose != key, keys.contains(loose) {
                out[key] = loose
            }
        }
        return out
    }
}
