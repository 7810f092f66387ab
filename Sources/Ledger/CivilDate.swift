/// A calendar date without a time zone (proleptic Gregorian). Arithmetic is done on a day
/// number so that it is exact, fast and independent of Foundation's locale and calendar.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for dates that do not exist (2024-02-30, 0000-00-00).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Days since 1970-01-01 (Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`). Allocation-free.
    public init?(_ text: some StringProtocol) {
        var string = String(text)
        guard let parsed = string.withUTF8({ CivilDate.parseParts($0) }) else { return nil }
        self.init(year: parsed.0, month: parsed.1, day: parsed.2)
    }

    /// Year, month and day as written, before validation; nil when the shape is wrong.
    private static func parseParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        var parts = (0, 0, 0)
        var widths = (0, 0, 0)
        var index = 0
        var separators = 0
        for u in bytes {
            if u >= 48 && u <= 57 {
                let d = Int(u - 48)
                switch index {
                case 0: parts.0 = parts.0 * 10 + d; widths.0 += 1
                case 1: parts.1 = parts.1 * 10 + d; widths.1 += 1
                default: parts.2 = parts.2 * 10 + d; widths.2 += 1
                }
                if widths.0 > 8 || widths.1 > 2 || widths.2 > 2 { return nil }
            } else if u == 45 || u == 47 || u == 46 {
                separators += 1
                index += 1
                if index > 2 { return nil }
            } else {
                return nil
            }
        }
        if separators == 0 {
            // YYYYMMDD: all eight digits landed in the first part.
            guard widths.0 == 8 else { return nil }
            let all = parts.0
            return (all / 10000, all / 100 % 100, all % 100)
        } else {
            guard separators == 2, widths.0 == 4, widths.1 == 2, widths.2 == 2 else { return nil }
            return parts
        }
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// Adds calendar months, clamping to the month's last day and aiming at `anchorDay`
    /// when given, so a 31st-of-month plan goes 31 Jan → 28 Feb → 31 Mar.
    public func adding(months: Int, anchorDay: Int? = nil) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        let wanted = max(1, anchorDay ?? day)
        let d = min(wanted, CivilDate.daysIn(month: m, year: y))
        return CivilDate(year: y, month: m, day: d) ?? self
    }

    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public var description: String {
        pad4(year) + "-" + pad2(month) + "-" + pad2(day)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// Zero-padded decimal digits, without Foundation's locale-dependent formatting.
func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

func pad4(_ v: Int) -> String {
    let digits = "\(v)"
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}
