/// Turns the many spellings of one merchant into one key: `财付通-腾讯视频`, `腾讯视频（深圳南山店）`,
/// `NETFLIX.COM*1A2B3C LOS GATOS CA` and `Netflix.com` each fold to a single comparable key.
/// Pure text rules that hold for statements in general; nothing here knows particular merchants.
public enum MerchantNormalizer {
    /// The merchant text a human would read: the wallet prefix removed, whitespace trimmed.
    public static func displayName(_ raw: String) -> String {
        let trimmed = raw.trimmingSpaces
        let folded = TextFolding.fold(trimmed)
        if let (_, rest) = WalletPrefixes.split(folded), !rest.isEmpty {
            // Cut the original (unfolded) text at the same number of characters from the end.
            let kept = String(trimmed.suffix(rest.count)).trimmingSpaces
            return kept.isEmpty ? trimmed : kept
        }
        return trimmed
    }

    /// The grouping key for a merchant name. Never empty for a non-empty name.
    public static func key(_ raw: String) -> String {
        var s = TextFolding.fold(raw).trimmingSpaces
        while let (_, rest) = WalletPrefixes.split(s), !rest.isEmpty { s = rest }
        s = removeBracketedBranches(s)
        s = cutAtMarker(s, marker: "*")
        s = cutAtMarker(s, marker: "#")
        s = removeLongDigitRuns(s)
        var tokens = tokenize(s)
        tokens = tokens.map(stripDomain)
        dropTrailingNoise(&tokens)
        let key = tokens.joined()
        if !key.isEmpty { return key }
        // Nothing recognisable survived: fall back to the folded letters and digits.
        let fallback = String(String.UnicodeScalarView(TextFolding.fold(raw).unicodeScalars.filter(TextFolding.isKeyScalar)))
        return fallback.isEmpty ? TextFolding.fold(raw) : fallback
    }

    /// A looser key used only to join a company's legal name to its trading name when the
    /// looser form equals another merchant's key: `深圳市某某科技有限公司` → `某某科技`.
    public static func fallbackKey(_ key: String) -> String? {
        var s = key
        if let suffix = companySuffixes.first(where: { s.hasSuffix($0) && s.count > $0.count + 1 }) {
            s = String(s.dropLast(suffix.count))
        }
        for place in CityNames.chinese {
            if let form = [place + "市", place + "省", place].first(where: { s.hasPrefix($0) && s.count > $0.count + 1 }) {
                s = String(s.dropFirst(form.count))
                break
            }
        }
        return s != key && !s.isEmpty ? s : nil
    }

    static let companySuffixes = [
        "股份有限公司", "有限责任公司", "有限公司", "分公司", "公司",
        "incorporated", "limited", "company", "gmbh", "sarl", "corp", "inc", "ltd", "llc", "plc",
    ]

    // MARK: - rules

    /// `(国贸店)`, `（1234店）`, `(中国)`, `(上海)`: branch, store-number and region remarks.
    static func removeBracketedBranches(_ s: String) -> String {
        var out = ""
        var chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "(" || c == "（" || c == "[" || c == "【" {
                let closers: Set<Character> = [")", "）", "]", "】"]
                if let j = chars[(i + 1)...].firstIndex(where: { closers.contains($0) }) {
                    let inside = String(chars[(i + 1)..<j]).trimmingSpaces
                    if isBranchRemark(inside) {
                        i = j + 1
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        chars = []
        return out
    }

    static func isBranchRemark(_ inside: String) -> Bool {
        if inside.isEmpty { return true }
        if inside.hasSuffix("店") || inside.hasSuffix("分店") || inside.hasSuffix("门店") || inside.hasSuffix("分公司")
            || inside.hasSuffix("营业部") || inside.hasSuffix("专柜") { return true }
        if inside.unicodeScalars.allSatisfy({ TextFolding.isDigit($0) || $0 == " " || $0 == "-" || $0 == "#" }) { return true }
        if inside == "中国" || inside == "china" || CityNames.chinese.contains(where: { inside == $0 || inside == $0 + "市" }) { return true }
        if inside.hasPrefix("#") || inside.hasPrefix("no.") || inside.hasPrefix("store") { return true }
        return false
    }

    /// `NETFLIX.COM*1A2B3C` → `netflix.com`; `SQ *BLUE BOTTLE` → `blue bottle` (a short code before
    /// the marker is a payment processor's, the merchant follows it); `STARBUCKS #1234` → `starbucks`.
    static func cutAtMarker(_ s: String, marker: Character) -> String {
        guard let idx = s.firstIndex(of: marker) else { return s }
        let before = String(s[..<idx]).trimmingSpaces
        let after = String(s[s.index(after: idx)...]).trimmingCharacters(marker)
        let beforeLetters = before.unicodeScalars.filter(TextFolding.isKeyScalar).count
        if beforeLetters == 0 { return cutAtMarker(after, marker: marker) }
        if beforeLetters <= 3 && !before.unicodeScalars.contains(where: TextFolding.isHan) && !after.isEmpty
            && after.unicodeScalars.contains(where: TextFolding.isASCIILetter) && !looksLikeReference(after) {
            return cutAtMarker(after, marker: marker)
        }
        return before
    }

    /// Phone numbers, card masks and long references: runs of 7 or more digits, spaces and dashes.
    static func removeLongDigitRuns(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var digits = 0
        func flush() {
            if digits < 7 { out.append(contentsOf: run) } else { out.append(" ") }
            run = String.UnicodeScalarView(); digits = 0
        }
        for sc in s.unicodeScalars {
            if TextFolding.isDigit(sc) { run.append(sc); digits += 1 }
            else if (sc == "-" || sc == " ") && digits > 0 { run.append(sc) }
            else { flush(); out.append(sc) }
        }
        flush()
        return String(out)
    }

    static func tokenize(_ s: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for sc in s.unicodeScalars {
            if TextFolding.isKeyScalar(sc) || sc == "." || sc == "&" || sc == "'" {
                current.append(sc)
            } else if !current.isEmpty {
                tokens.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens.map { $0.trimmingCharacters(".") }.filter { !$0.isEmpty }
    }

    /// `netflix.com` → `netflix`, `www.spotify.com` → `spotify`, `help.max.com` → `helpmax`.
    static func stripDomain(_ token: String) -> String {
        guard token.contains(".") else { return token }
        var parts = token.split(separator: ".").map(String.init)
        if parts.first == "www" && parts.count > 1 { parts.removeFirst() }
        let tlds: Set<String> = ["com", "cn", "net", "org", "io", "tv", "co", "app", "me", "hk", "de", "uk", "fm"]
        while parts.count > 1, let last = parts.last, tlds.contains(last) { parts.removeLast() }
        return parts.joined()
    }

    /// Card descriptors end with a city, a region code and references: `… LOS GATOS CA`,
    /// `… 8885551234`, `… LONDON GB`. Drop them while something else remains.
    static func dropTrailingNoise(_ tokens: inout [String]) {
        while tokens.count > 1 {
            let last = tokens[tokens.count - 1]
            if looksLikeReference(last) || isRegionCode(last) { tokens.removeLast(); continue }
            var dropped = false
            for width in stride(from: min(3, tokens.count - 1), through: 1, by: -1) {
                let tail = tokens.suffix(width).joined(separator: " ")
                if CityNames.latin.contains(tail) { tokens.removeLast(width); dropped = true; break }
            }
            if dropped { continue }
            // A Han token ending in a city name: `某某会员北京` → `某某会员`.
            if let city = CityNames.chinese.first(where: { last.hasSuffix($0) && last.count > $0.count + 1 }), last.unicodeScalars.allSatisfy(TextFolding.isHan) {
                tokens[tokens.count - 1] = String(last.dropLast(city.count))
            }
            break
        }
        if let last = tokens.last, tokens.count == 1 {
            // Single token: strip trailing digits glued to letters (`spotify12345`).
            let trimmed = trailingDigitsRemoved(last)
            if !trimmed.isEmpty { tokens[0] = trimmed }
        } else if let last = tokens.last {
            let trimmed = trailingDigitsRemoved(last)
            if !trimmed.isEmpty { tokens[tokens.count - 1] = trimmed }
        }
    }

    static func trailingDigitsRemoved(_ token: String) -> String {
        let scalars = Array(token.unicodeScalars)
        var end = scalars.count
        while end > 0 && TextFolding.isDigit(scalars[end - 1]) { end -= 1 }
        // Keep short numbers that are part of a name (`12306`, `58同城` stays; `abc2` stays).
        if scalars.count - end < 3 || end == 0 { return token }
        return String(String.UnicodeScalarView(scalars[0..<end]))
    }

    /// A token carrying 3 or more digits mixed with letters, or only digits: a reference.
    static func looksLikeReference(_ token: String) -> Bool {
        let digits = token.unicodeScalars.filter(TextFolding.isDigit).count
        if digits == 0 { return false }
        if digits == token.unicodeScalars.count { return digits >= 3 }
        return digits >= 3 && !token.unicodeScalars.contains(where: TextFolding.isHan)
    }

    static func isRegionCode(_ token: String) -> Bool {
        token.count == 2 && token.unicodeScalars.allSatisfy(TextFolding.isASCIILetter)
    }
}

extension String {
    var trimmingSpaces: String {
        // Most texts have nothing to trim: told from the first and last bytes without
        // building a new String (a space, tab, U+3000 or U+00A0 starts with 20, 09, E3 or C2
        // and ends with 20, 09, 80 or A0).
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, first != 0xE3, first != 0xC2,
           last != 0x20, last != 0x09, last != 0x80, last != 0xA0 {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{3000}" || f == "\u{00A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{3000}" || l == "\u{00A0}" { s = s.dropLast() }
        return String(s)
    }

    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c || s.first == " " { s = s.dropFirst() }
        while s.last == c || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
