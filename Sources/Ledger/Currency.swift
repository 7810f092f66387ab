/// An ISO 4217 currency code with the number of digits its minor unit has.
public struct Currency: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let code: String
    public let exponent: Int

    public init(_ code: String) {
        let upper = code.uppercased()
        self.code = upper
        self.exponent = Currency.exponents[upper] ?? 2
    }

    public static let cny = Currency("CNY")
    public static let usd = Currency("USD")
    public static let eur = Currency("EUR")

    public var description: String { code }

    public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }

    /// Currencies whose minor unit is not 1/100 (ISO 4217 table); everything else has two digits.
    static let exponents: [String: Int] = [
        "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "PYG": 0, "UGX": 0, "XAF": 0, "XOF": 0,
        "BIF": 0, "DJF": 0, "GNF": 0, "KMF": 0, "RWF": 0, "VUV": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]

    /// Maps the symbols that statements put before amounts to a currency, when unambiguous.
    public static func fromSymbol(_ symbol: Character) -> Currency? {
        switch symbol {
        case "¥", "￥": return .cny
        case "€": return .eur
        case "£": return Currency("GBP")
        default: return nil
        }
    }
}
