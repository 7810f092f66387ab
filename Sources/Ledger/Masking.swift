/// Account and card numbers are shown to their last four digits only.
public enum Masking {
    /// Replaces account and card numbers by `****` + their last four digits: runs of digits,
    /// possibly grouped by spaces, `-` or `*`, that hold 12 or more digits, or that already
    /// contain a `*` mask (`1234****5678`), or that are 8–11 digits written without separators.
    /// Dates and times (`2026-02-10 10:01:33`, grouped 4-2-2) and short numbers stay as they are.
    public static func maskAccountNumbers(_ text: String) -> String {
        // On UTF-8 bytes: every byte that matters (digits, `*`, space, `-`) is ASCII, and no
        // byte of a multi-byte character is ASCII, so runs are found without Character
        // segmentation, which made a report of hundreds of findings spend seconds here.
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard isDigit(b) || b == star else {
                out.append(b)
                i += 1
                continue
            }
            // A run: digits and `*`, with single spaces or `-` inside; separators at its end
            // belong to the text after it.
            var end = i
            var j = i
            while j < bytes.count, isDigit(bytes[j]) || bytes[j] == star || bytes[j] == space || bytes[j] == dash {
                if isDigit(bytes[j]) || bytes[j] == star { end = j + 1 }
                j += 1
            }
            let run = bytes[i..<end]
            let digits = run.filter(isDigit)
            let hasStar = run.contains(star)
            let separated = run.contains { $0 == space || $0 == dash }
            if digits.count >= 12 || (hasStar && digits.count >= 4) || (digits.count >= 8 && !separated && !hasStar) {
                out += Array("****".utf8) + digits.suffix(4)
            } else {
                out += run
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let star = UInt8(ascii: "*"), space = UInt8(ascii: " "), dash = UInt8(ascii: "-")
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// An account identifier reduced to its last four characters.
    public static func lastFour(_ account: String) -> String {
        let clean = account.filter { $0.isLetter || $0.isNumber }
        return clean.count <= 4 ? clean : "****" + String(clean.suffix(4))
    }
}
