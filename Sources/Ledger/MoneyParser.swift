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
        if decimalMark == .point {
            var string = String(text)
            if let money = string.withUTF8({ parseCommonForm($0, currency: currency) }) { return .success(money) }
        }
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
        var groups = GroupCheck()
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
                if inFraction { fracDigits.append(d) } else { intDigits.append(d); groups.digit() }
                continue
            }
            let isDecimal = decimalMark == .point ? s == "." : s == ","
            let isGrouping = decimalMark == .point ? (s == "," || s == "'" || s == "’" || s == " " || s == "\u{00A0}")
                                                   : (s == "." || s == "'" || s == "’" || s == " " || s == "\u{00A0}")
            if isDecimal && !inFraction && !lastWasSeparator {
                if !groups.endInteger() { return fail("not an amount (digit groups must have three digits)") }
                inFraction = true; digitsStarted = true; continue
            }
            if isGrouping && digitsStarted && !inFraction && !intDigits.isEmpty && !lastWasSeparator {
                if !groups.separator() { return fail("not an amount (digit groups must have three digits)") }
                lastWasSeparator = true; continue
            }
            if s == "元" && digitsStarted && index == scalars.count - 1 { continue }
            return fail("not an amount (unexpected \"\(Character(s))\")")
        }
        if lastWasSeparator { return fail("not an amount (ends with a separator)") }
        if !inFraction && !groups.endInteger() { return fail("not an amount (digit groups must have three digits)") }
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

    /// `parse` over UTF-8 bytes (decimal point): the common forms are read without making a
    /// String; anything else goes through the general path and its reasons.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, currency: Currency?) -> Result<Money, Failure> {
        if let money = parseCommonForm(bytes, currency: currency) { return .success(money) }
        return parse(String(decoding: bytes, as: UTF8.self), currency: currency)
    }

    /// Thousands grouping must be real grouping: `1,234` and the Indian `1,23,456` pass,
    /// `5,50` (a decimal comma read with the wrong mark) and `12,34` do not, so a misread
    /// amount fails loudly instead of coming out a hundred times too large.
    struct GroupCheck {
        private var sinceSeparator = 0
        private var separators = 0

        mutating func digit() { sinceSeparator += 1 }

        /// A grouping separator after `sinceSeparator` digits.
        mutating func separator() -> Bool {
            let ok = separators == 0 ? (1...3).contains(sinceSeparator) : (2...3).contains(sinceSeparator)
            separators += 1
            sinceSeparator = 0
            return ok
        }

        /// The integer part ended (decimal mark or end of text).
        func endInteger() -> Bool { separators == 0 || sinceSeparator == 3 }
    }

    /// The shape nearly every statement cell has — `[-]`, optional `¥`/`￥`, digits with
    /// optional `,` grouping, optional `.` fraction, surrounding spaces or tabs — read straight
    /// from UTF-8 without allocating. Returns nil for anything else (including every
    /// malformed input), which the general path then reads or rejects with a reason.
    static func parseCommonForm(_ utf8: UnsafeBufferPointer<UInt8>, currency: Currency?) -> Money? {
        var negative = false
        var signSeen = false
        var symbol: Currency?
        var value: Int64 = 0
        var significant = 0
        var fracCount = 0
        var fracValue: Int64 = 0
        var fracExtraNonZero = false
        var inFraction = false
        var digits = 0
        var lastWasSeparator = false
        var groups = GroupCheck()
        var trailing = false
        var pendingYen = 0 // bytes still expected of a multi-byte yen sign
        var yenBytes: (UInt8, UInt8) = (0, 0)
        var resolvedExponent = -1
        for b in utf8 {
            if pendingYen > 0 {
                // ¥ is C2 A5, ￥ is EF BF A5.
                if yenBytes.0 == 0xC2 {
                    guard b == 0xA5 else { return nil }
                    pendingYen = 0
                } else if pendingYen == 2 {
                    guard b == 0xBF else { return nil }
                    pendingYen = 1; continue
                } else {
                    guard b == 0xA5 else { return nil }
                    pendingYen = 0
                }
                if symbol != nil { return nil }
                symbol = .cny
                continue
            }
            if trailing {
                guard b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A else { return nil }
                continue
            }
            switch b {
            case 0x30...0x39:
                let d = Int64(b - 0x30)
                lastWasSeparator = false
                if inFraction {
                    if resolvedExponent < 0 {
                        guard let c = currency ?? symbol else { return nil }
                        resolvedExponent = c.exponent
                    }
                    if fracCount < resolvedExponent {
                        fracValue = fracValue * 10 + d
                    } else if d != 0 {
                        fracExtraNonZero = true
                    }
                    fracCount += 1
                } else {
                    if significant > 0 || d != 0 { significant += 1 }
                    if significant > 15 { return nil }
                    value = value * 10 + d
                    groups.digit()
                }
                digits += 1
            case UInt8(ascii: ","):
                if digits == 0 || inFraction || lastWasSeparator || !groups.separator() { return nil }
                lastWasSeparator = true
            case UInt8(ascii: "."):
                if inFraction || lastWasSeparator || !groups.endInteger() { return nil }
                inFraction = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if digits > 0 || inFraction || signSeen { return nil }
                signSeen = true
                negative = b == UInt8(ascii: "-")
            case 0x20, 0x09, 0x0D, 0x0A:
                if digits > 0 || inFraction { trailing = true }
            case 0xC2:
                if digits > 0 || inFraction { return nil }
                yenBytes = (0xC2, 0); pendingYen = 1
            case 0xEF:
                if digits > 0 || inFraction { return nil }
                yenBytes = (0xEF, 0); pendingYen = 2
            default:
                return nil
            }
        }
        if pendingYen > 0 || digits == 0 || lastWasSeparator || fracExtraNonZero { return nil }
        if !inFraction && !groups.endInteger() { return nil }
        guard let resolved = currency ?? symbol else { return nil }
        let exponent = resolved.exponent
        var scaled = value
        for _ in 0..<exponent { scaled *= 10 }
        var frac = fracValue
        for _ in min(fracCount, exponent)..<exponent { frac *= 10 }
        let total = scaled + frac
        if total > maxMinorUnits { return nil }
        return Money(minorUnits: negative ? -total : total, currency: resolved)
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
