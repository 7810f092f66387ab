/// Account and card numbers are shown to their last four digits only.
public enum Masking {
    /// Replaces account and card numbers by `****` + their last four digits: runs of digits,
    /// possibly grouped by spaces, `-` or `*`, that hold 12 or more digits, or that already
    /// contain a `*` mask (`1234****5678`), or that are 8–11 digits written without separators.
    /// Dates and times (`2026-02-10 10:01:33`, grouped 4-2-2) and short numbers stay as they are.
    public static func maskAccountNumbers(_ text: String) -> String {
        var out = ""
        var run: [Character] = []
        func flush() {
            // Separators at the end of a run belong to the text after it.
            var trailing: [Character] = []
            while let last = run.last, !(last.isASCII && last.isNumber) && last != "*" { trailing.insert(run.removeLast(), at: 0) }
            let digits = run.filter { $0.isASCII && $0.isNumber }
            let hasStar = run.contains("*")
            let separated = run.contains { $0 == " " || $0 == "-" }
            if digits.count >= 12 || (hasStar && digits.count >= 4) || (digits.count >= 8 && !separated && !hasStar) {
                out += "****" + String(digits.suffix(4))
            } else {
                out += String(run)
            }
            out += String(trailing)
            run.removeAll()
        }
        for ch in text {
            if (ch.isASCII && ch.isNumber) || ch == "*" || (!run.isEmpty && (ch == " " || ch == "-")) {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }

    /// An account identifier reduced to its last four characters.
    public static func lastFour(_ account: String) -> String {
        let clean = account.filter { $0.isLetter || $0.isNumber }
        return clean.count <= 4 ? clean : "****" + String(clean.suffix(4))
    }
}
