/// Reads amounts exactly as statements print them: `¥1,234.56`, `￥28.16`, `49.74`,
/// `-3.90(CN)`, `(12.34)`, `12.34-`, `$120`, `4.626,81` with a decimal comma, `11'373.94`.
public enum MoneyParser {
    public enum DecimalMark: Sendable { case point, comma }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "\(reason): \"\(text)\"" }
    }

    /// Parses `text` as an amount in `currency`. A currency symbol in the text wins over the
    /// argument only when the argument is nil.
    public static func parse(_ text: some StringProtocol, currency: Currency?, decimalMark: DecimalMark = .point) -> Result<Money, Failure> {
        let original = String(text)
        func fail(_ reason: String) -> Result<Money, Failure> { .failure(Failure(text: original, reason: reason)) }

        var scalars = Array(original.unicodeScalars)
        // Trim whitespace, tabs and non-breaking spaces.
        while let f = scalars.first, isSpace(f) { scalars.removeFirst() }
        while let l = scalars.last, isSpace(l) { scalars.removeLast() }
        // A trailing region marker like `(CN)` carries no amount.
        if scalars.count > 4, scalars.last == ")", let open = scalars.lastIndex(of: "("),
           scalars[(open + 1)..<(scalars.count - 1)].allSatisfy({ $0.properties.isAlphabetic && $0.isASCII }),
           open > 0 {
            scalars.removeSubrange(open...)
            while let l = scalars.last, isSpace(l) { scalars.removeLast() }
        }
        var negative = false
        var signSeen = false
        var symbolCurrency: Currency?
        if scalars.first == "(" && scalars.last == ")" && scalars.count > 2 {
            negative = true; signSeen = true
            scalars.removeFirst(); scalars.removeLast()
        }
        if let l = scalars.last, l == "-" || l == "+" {
            if signSeen { return fail("two signs") }
            negative = l == "-"; signSeen = true
            scalars.removeLast()
        }
        // Leading sign and symbol in either order: `-¥3`, `¥-3`, `- 3`.
        var index = 0
        var digitsStarted = false
        var intDigits: [UInt8] = []
        var fracDigits: [UInt8] = []
        var inFraction = false
        var lastWasSeparator = false
        while index < scalars.count {
            let s = scalars[index]
            defer { index += 1 }
            if !digitsStarted {
                if s == "-" || s == "+" || s == "−" {
                    if signSeen { return fail("two signs") }
                    negative = s != "+"; signSeen = true; continue
                }
                if isSpace(s) { continue }
                if let c = Currency.fromSymbol(Character(s)) { symbolCurrency = c; continue }
                if s == "$" || s == "元" { continue }
            }
            if let d = asciiDigit(s) {
                digitsStarted = true
                lastWasSeparator = false
                if inFraction { fracDigits.append(d) } else { intDigits.append(d) }
                continue
            }
            let isDecimal = decimalMark == .point ? s == "." : s == ","
            let isGrouping = decimalMark == .point ? (s == "," || s == "'" || s == "’" || s == " " || s == "\u{00A0}")
                                                   : (s == "." || s == "'" || s == "’" || s == " " || s == "\u{00A0}")
            if isDecimal && !inFraction && !lastWasSeparator {
                inFraction = true; digitsStarted = true; continue
            }
            if isGrouping && digitsStarted && !inFraction && !intDigits.isEmpty && !lastWasSeparator {
                lastWasSeparator = true; continue
            }
            if s == "元" && digitsStarted && index == scalars.count - 1 { continue }
            return fail("not an amount (unexpected \"\(Character(s))\")")
        }
        if lastWasSeparator { return fail("not an amount (ends with a separator)") }
        if intDigits.isEmpty && fracDigits.isEmpty { return fail(original.isEmpty ? "empty amount" : "not an amount") }
        guard let resolved = currency ?? symbolCurrency else { return fail("no currency") }
        let exponent = resolved.exponent
        // Extra fraction digits are fine when they are zeros (`18.150` EUR); otherwise the
        // source claims a precision the currency does not have and we refuse to round.
        if fracDigits.count > exponent {
            if fracDigits[exponent...].contains(where: { $0 != 0 }) {
                return fail("more than \(exponent) decimal places")
            }
            fracDigits.removeSubrange(exponent...)
        }
        while fracDigits.count < exponent { fracDigits.append(0) }
        var value: Int64 = 0
        for d in intDigits + fracDigits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 || a > maxMinorUnits { return fail("amount too large") }
            value = a
        }
        return .success(Money(minorUnits: negative ? -value : value, currency: resolved))
    }

    /// 10^15 minor units: far above any statement line, far below Int64 overflow in sums.
    public static let maxMinorUnits: Int64 = 1_000_000_000_000_000

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{00A0}" || s == "\u{3000}" || s == "\r" || s == "\n"
    }

    @inline(__always) static func asciiDigit(_ s: Unicode.Scalar) -> UInt8? {
        s.value >= 48 && s.value <= 57 ? UInt8(s.value - 48) : nil
    }
}
