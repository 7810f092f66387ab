/// Account and card numbers are shown to their last four digits only.
public enum Masking {
    /// Replaces every run of 8 or more digits (optionally with spaces, `*` or `-` inside)
    /// by `****` + its last four digits. Short numbers (order amounts, years) are left alone.
    public static func maskAccountNumbers(_ text: String) -> String {
        var out = ""
        var run: [Character] = []
        func flush() {
            let digits = run.filter { $0.isASCII && $0.isNumber }
            if digits.count >= 8 {
                let trailing = run.reversed().prefix(while: { !($0.isASCII && $0.isNumber) })
                out += "****" + String(digits.suffix(4)) + String(trailing.reversed())
            } else {
                out += String(run)
            }
            run.removeAll()
        }
        for ch in text {
            if (ch.isASCII && ch.isNumber) || (!run.isEmpty && (ch == " " || ch == "*" || ch == "-")) {
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
