import Ledger

/// Masks account and card numbers in untrusted text with `Masking.maskAccountNumbers`, while
/// keeping what must stay readable: the transaction's own identifiers (a 交易单号 is a long
/// digit run too, and the complaint is keyed by it) and dates and times, whose digits joined by
/// `-` and spaces would otherwise look like a card number (`2026-02-10 10:01:33`).
enum ReportMasking {
    static func mask(_ text: String, keep identifiers: [String] = []) -> String {
        // On UTF-8 bytes (see `Masking.maskAccountNumbers`): found runs never split a character.
        let bytes = Array(text.utf8)
        guard bytes.contains(where: isDigit) else { return text }
        var protected: [[UInt8]] = []
        var working = bytes
        let keep = identifiers.map { Array($0.utf8) }.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        for id in keep where find(id, in: working, from: 0) != nil {
            working = replacingAll(id, with: placeholder(protected.count), in: working)
            protected.append(id)
        }
        working = protectDateTimes(working, into: &protected)
        var masked = Array(Masking.maskAccountNumbers(String(decoding: working, as: UTF8.self)).utf8)
        for (index, original) in protected.enumerated().reversed() {
            masked = replacingAll(placeholder(index), with: original, in: masked)
        }
        return String(decoding: masked, as: UTF8.self)
    }

    /// Private-use characters around a letters-only index: no digit for the masker to see.
    private static func placeholder(_ index: Int) -> [UInt8] {
        var letters: [UInt8] = []
        var n = index
        repeat { letters.append(UInt8(65 + n % 26)); n /= 26 } while n > 0
        return Array("\u{E000}".utf8) + letters + Array("\u{E001}".utf8)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func replacingAll(_ target: [UInt8], with replacement: [UInt8], in text: [UInt8]) -> [UInt8] {
        guard !target.isEmpty, var hit = find(target, in: text, from: 0) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var start = 0
        while true {
            out += text[start..<hit]
            out += replacement
            start = hit + target.count
            guard let next = find(target, in: text, from: start) else { break }
            hit = next
        }
        out += text[start...]
        return out
    }

    /// The first index at or after `from` where `target` occurs in `text`.
    private static func find(_ target: [UInt8], in text: [UInt8], from: Int) -> Int? {
        guard let first = target.first, text.count - from >= target.count else { return nil }
        return text.withUnsafeBufferPointer { t in
            target.withUnsafeBufferPointer { p in
                var i = from
                let last = t.count - p.count
                while i <= last {
                    if t[i] == first {
                        var k = 1
                        while k < p.count && t[i + k] == p[k] { k += 1 }
                        if k == p.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Replaces `YYYY-MM-DD`, `YYYY/MM/DD`, `HH:MM[:SS]`, and compact `YYYYMMDD[HHMMSS]`
    /// stamps (OFX) that are real dates, by placeholders.
    private static func protectDateTimes(_ chars: [UInt8], into protected: inout [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        var i = 0
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard isDigit(chars[k]) else { return nil }
                v = v * 10 + Int(chars[k] - 0x30)
            }
            return v
        }
        func isDigitAt(_ k: Int) -> Bool { k >= 0 && k < chars.count && isDigit(chars[k]) }
        func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool { (1900...2199).contains(y) && CivilDate(year: y, month: m, day: d) != nil }
        func take(_ length: Int) {
            out += placeholder(protected.count)
            protected.append(Array(chars[i..<(i + length)]))
            i += length
        }
        let dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":")
        while i < chars.count {
            let startsRun = !isDigitAt(i - 1)
            if startsRun, let y = digits(i, 4), i + 10 <= chars.count, chars[i + 4] == chars[i + 7],
               chars[i + 4] == dash || chars[i + 4] == slash, let m = digits(i + 5, 2), digits(i + 8, 2) != nil,
               !isDigitAt(i + 10), (1900...2199).contains(y), m <= 19 {
                // Kept even when impossible (`2026-13-01` quoted in a skipped-row reason): card
                // numbers are never written 4-2-2.
                take(10); continue
            }
            if startsRun, let h = digits(i, 2), i + 5 <= chars.count, chars[i + 2] == colon, let mi = digits(i + 3, 2), h < 24, mi < 60 {
                if i + 8 <= chars.count, chars[i + 5] == colon, let s = digits(i + 6, 2), s < 61, !isDigitAt(i + 8) { take(8); continue }
                if !isDigitAt(i + 5) { take(5); continue }
            }
            if startsRun, let y = digits(i, 4), let m = digits(i + 4, 2), let d = digits(i + 6, 2), validDate(y, m, d) {
                if let hms = digits(i + 8, 6), hms / 10000 < 24, hms / 100 % 100 < 60, hms % 100 < 61, !isDigitAt(i + 14) { take(14); continue }
                if !isDigitAt(i + 8) { take(8); continue }
            }
            out.append(chars[i]); i += 1
        }
        return out
    }
}
