/// An exact amount: integer minor units of one currency. Never a floating-point number.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    public var isNegative: Bool { minorUnits < 0 }
    public var isZero: Bool { minorUnits == 0 }
    public var magnitude: Money { Money(minorUnits: minorUnits.magnitude > UInt64(Int64.max) ? Int64.max : abs(minorUnits), currency: currency) }
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    /// The plain decimal text, e.g. `-30.00`, with exactly the currency's minor digits.
    public var decimalString: String {
        let exponent = currency.exponent
        let negative = minorUnits < 0
        let digits = String(minorUnits.magnitude)
        guard exponent > 0 else { return (negative ? "-" : "") + digits }
        let padded = digits.count <= exponent ? String(repeating: "0", count: exponent - digits.count + 1) + digits : digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    /// `decimalString` with thousands separators, for people rather than machines.
    public var groupedString: String {
        let plain = decimalString
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        let intPart = body.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        let fraction = body.contains(".") ? "." + body.split(separator: ".", maxSplits: 1)[1] : ""
        var grouped = ""
        for (offset, ch) in intPart.enumerated() {
            if offset > 0 && (intPart.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (negative ? "-" : "") + grouped + fraction
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    public static func + (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "adding \(a.currency) to \(b.currency)")
        return Money(minorUnits: a.minorUnits &+ b.minorUnits, currency: a.currency)
    }

    public static func - (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "subtracting \(b.currency) from \(a.currency)")
        return Money(minorUnits: a.minorUnits &- b.minorUnits, currency: a.currency)
    }
}

extension Money: Comparable {
    /// Orders by currency first so that sorting mixed currencies is total and deterministic.
    public static func < (a: Money, b: Money) -> Bool {
        a.currency != b.currency ? a.currency < b.currency : a.minorUnits < b.minorUnits
    }
}
