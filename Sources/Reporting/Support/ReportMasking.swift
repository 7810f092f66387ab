import Ledger

/// Masks account and card numbers in untrusted text with `Masking.maskAccountNumbers`, while
/// keeping what must stay readable: the transaction's own identifiers (a 交易单号 is a long
/// digit run too, and the complaint is keyed by it) and dates and times, whose digits joined by
/// `-` and spaces would otherwise look like a card number (`2026-02-10 10:01:33`).
enum ReportMasking {
    static func mask(_ text: String, keep identifiers: [String] = []) -> String {
        guard text.contains(where: { $0.isASCII && $0.isNumber }) else { return text }
        var protected: [String] = []
        var working = text
        let keep = identifiers.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        for id in keep where working.contains(id) {
            working = working.replacingAll(id, with: placeholder(protected.count))
            protected.append(id)
        }
        working = protectDateTimes(working, into: &protected)
        var masked = Masking.maskAccountNumbers(working)
        for (index, original) in protected.enumerated().reversed() {
            masked = masked.replacingAll(placeholder(index), with: original)
        }
        return masked
    }

    /// Private-use characters around a letters-only index: no digit for the masker to see.
    private static func placeholder(_ index: Int) -> String {
        var letters = ""
        var n = index
        repeat { letters.append(Character(Unicode.Scalar(UInt8(65 + n % 26)))); n /= 26 } while n > 0
        return "\u{E000}" + letters + "\u{E001}"
    }

    /// Replaces `YYYY-MM-DD`, `YYYY/MM/DD`, `HH:MM[:SS]`, and compact `YYYYMMDD[HHMMSS]`
    /// stamps (OFX) that are real dates, by placeholders.
    private static func protectDateTimes(_ text: String, into protected: inout [String]) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard chars[k].isASCII, let d = chars[k].wholeNumberValue else { return nil }
                v = v * 10 + d
            }
            return v
        }
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < chars.count && chars[k].isASCII && chars[k].isNumber }
        func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool { (1900...2199).contains(y) && CivilDate(year: y, month: m, day: d) != nil }
        func take(_ length: Int) {
            let piece = String(chars[i..<(i + length)])
            out += placeholder(protected.count)
            protected.append(piece)
            i += length
        }
        while i < chars.count {
            let startsRun = !isDigit(i - 1)
            if startsRun, let y = digits(i, 4), i + 10 <= chars.count, chars[i + 4] == chars[i + 7],
               chars[i + 4] == "-" || chars[i + 4] == "/", let m = digits(i + 5, 2), digits(i + 8, 2) != nil,
               !isDigit(i + 10), (1900...2199).contains(y), m <= 19 {
                // Kept even when impossible (`2026-13-01` quoted in a skipped-row reason): card
                // numbers are never written 4-2-2.
                take(10); continue
            }
            if startsRun, let h = digits(i, 2), i + 5 <= chars.count, chars[i + 2] == ":", let mi = digits(i + 3, 2), h < 24, mi < 60 {
                if i + 8 <= chars.count, chars[i + 5] == ":", let s = digits(i + 6, 2), s < 61, !isDigit(i + 8) { take(8); continue }
                if !isDigit(i + 5) { take(5); continue }
            }
            if startsRun, let y = digits(i, 4), let m = digits(i + 4, 2), let d = digits(i + 6, 2), validDate(y, m, d) {
                if let hms = digits(i + 8, 6), hms / 10000 < 24, hms / 100 % 100 < 60, hms % 100 < 61, !isDigit(i + 14) { take(14); continue }
                if !isDigit(i + 8) { take(8); continue }
            }
            out.append(chars[i]); i += 1
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
