import Ledger

/// Reads dates by a pattern (`dd.MM.yyyy`, `M/d/yyyy`, `MMM d, yyyy` …) over UTF-8 bytes.
/// Deliberately forgiving where exports vary and nothing is ambiguous: `d`/`dd`, `M`/`MM`,
/// `H`/`HH` take one or two digits; `yyyy` and `yy` take four or two (two-digit years are
/// 2000–2069 or 1970–1999); the separators `-` `/` `.` stand for one another; a space
/// matches any run of spaces; month names are English (and the German ones that differ),
/// abbreviated or full. A time after the date (` 14:05[:09]`, `T14:05`) is read too.
public struct CSVDateParser: Sendable {
    public struct Reading: Equatable, Sendable {
        public var date: CivilDate
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var hasTime: Bool
    }

    enum Piece: Equatable, Sendable {
        case year, month, monthName, day, hour, minute, second, separator, space, literal(UInt8)
    }

    let pieces: [Piece]
    public let format: String

    /// nil when the pattern has no year, month and day.
    public init?(format: String) {
        self.format = format
        var out: [Piece] = []
        let u = Array(format.utf8)
        var i = 0
        while i < u.count {
            let c = u[i]
            var run = 1
            while i + run < u.count, u[i + run] == c { run += 1 }
            switch c {
            case UInt8(ascii: "y"): out.append(.year)
            case UInt8(ascii: "M"): out.append(run >= 3 ? .monthName : .month)
            case UInt8(ascii: "d"): out.append(.day)
            case UInt8(ascii: "H"), UInt8(ascii: "h"): out.append(.hour)
            case UInt8(ascii: "m"): out.append(.minute)
            case UInt8(ascii: "s"): out.append(.second)
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."): out.append(.separator); run = 1
            case UInt8(ascii: " "): out.append(.space); run = 1
            default: for _ in 0..<run { out.append(.literal(c)) }
            }
            i += run
        }
        guard out.contains(.year), out.contains(.day), out.contains(.month) || out.contains(.monthName) else { return nil }
        pieces = out
    }

    public func parse(_ text: String) -> Reading? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` over UTF-8 bytes, without copying them.
    func parse(utf8 u: UnsafeBufferPointer<UInt8>) -> Reading? {
        var i = 0
        let n = u.count
        while i < n, u[i] == 0x20 || u[i] == 0x09 { i += 1 }
        var year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0
        var hasTime = false
        for piece in pieces {
            switch piece {
            case .year:
                guard let (v, w) = digits(u, &i, min: 2, max: 4), w == 2 || w == 4 else { return nil }
                year = w == 2 ? (v < 70 ? 2000 + v : 1900 + v) : v
            case .month:
                guard let (v, _) = digits(u, &i, min: 1, max: 2) else { return nil }
                month = v
            case .monthName:
                let start = i
                while i < n, isLetter(u[i]) || u[i] >= 0x80 { i += 1 }
                guard let m = Self.monthNumber(UnsafeBufferPointer(rebasing: u[start..<i])) else { return nil }
                month = m
                if i < n, u[i] == UInt8(ascii: ".") { i += 1 }
            case .day:
                guard let (v, _) = digits(u, &i, min: 1, max: 2) else { return nil }
                day = v
            case .hour:
                guard let (v, _) = digits(u, &i, min: 1, max: 2) else { return nil }
                hour = v; hasTime = true
            case .minute:
                guard let (v, _) = digits(u, &i, min: 2, max: 2) else { return nil }
                minute = v
            case .second:
                guard let (v, _) = digits(u, &i, min: 2, max: 2) else { return nil }
                second = v
            case .separator:
                guard i < n, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "/") || u[i] == UInt8(ascii: ".") else { return nil }
                i += 1
            case .space:
                guard i < n, u[i] == 0x20 || u[i] == 0x09 else { return nil }
                while i < n, u[i] == 0x20 || u[i] == 0x09 { i += 1 }
            case .literal(let c):
                guard i < n, u[i] == c else { return nil }
                i += 1
            }
        }
        // A time the pattern did not mention: ` 14:05`, `T14:05:09`, `14:05:09.123`, `+08:00`.
        if !hasTime, i < n, u[i] == 0x20 || u[i] == UInt8(ascii: "T") {
            var j = i + 1
            while j < n, u[j] == 0x20 { j += 1 }
            if let t = Self.parseTime(u, &j) { hour = t.0; minute = t.1; second = t.2; hasTime = true; i = j }
        }
        while i < n, u[i] == 0x20 || u[i] == 0x09 { i += 1 }
        if i < n {
            // Fractions of a second and zone suffixes are tolerated after a time, nothing else.
            guard hasTime, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
        }
        guard hour < 24, minute < 60, second < 61, let date = CivilDate(year: year, month: month, day: day) else { return nil }
        return Reading(date: date, hour: hour, minute: minute, second: min(second, 59), hasTime: hasTime)
    }

    /// `H:mm[:ss]` optionally followed by `AM`/`PM` (also a separate time column).
    static func parseTime(_ u: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> (Int, Int, Int)? {
        let save = i
        func fail() -> (Int, Int, Int)? { i = save; return nil }
        guard let (h, _) = digits(u, &i, min: 1, max: 2), i < u.count, u[i] == UInt8(ascii: ":") else { return fail() }
        i += 1
        guard let (m, _) = digits(u, &i, min: 2, max: 2) else { return fail() }
        var s = 0
        if i < u.count, u[i] == UInt8(ascii: ":") {
            i += 1
            guard let (v, _) = digits(u, &i, min: 2, max: 2) else { return fail() }
            s = v
        }
        var hour = h
        var j = i
        while j < u.count, u[j] == 0x20 { j += 1 }
        if j + 1 < u.count, u[j + 1] | 0x20 == UInt8(ascii: "m") {
            let ap = u[j] | 0x20
            if ap == UInt8(ascii: "a") || ap == UInt8(ascii: "p") {
                guard (1...12).contains(hour) else { return fail() }
                hour = hour % 12 + (ap == UInt8(ascii: "p") ? 12 : 0)
                i = j + 2
            }
        }
        guard hour < 24, m < 60, s < 61 else { return fail() }
        return (hour, m, s)
    }

    /// A time-of-day cell on its own: `14:05`, `06:50 PM`, `6:11:59`.
    public static func parseTimeCell(_ text: String) -> (hour: Int, minute: Int, second: Int)? {
        var trimmed = CSVReader.trim(text)
        return trimmed.withUTF8 { u in
            var i = 0
            guard let t = parseTime(u, &i), i == u.count else { return nil }
            return (t.0, t.1, min(t.2, 59))
        }
    }

    private static func digits(_ u: UnsafeBufferPointer<UInt8>, _ i: inout Int, min: Int, max: Int) -> (Int, Int)? {
        var v = 0, w = 0
        while i < u.count, w < max, u[i] >= 48, u[i] <= 57 { v = v * 10 + Int(u[i] - 48); w += 1; i += 1 }
        return w >= min ? (v, w) : nil
    }

    private func digits(_ u: UnsafeBufferPointer<UInt8>, _ i: inout Int, min: Int, max: Int) -> (Int, Int)? {
        Self.digits(u, &i, min: min, max: max)
    }

    @inline(__always) private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static let monthNames: [(String, Int)] = [
        ("JAN", 1), ("FEB", 2), ("MAR", 3), ("MÄR", 3), ("MRZ", 3), ("APR", 4), ("MAY", 5), ("MAI", 5),
        ("JUN", 6), ("JUL", 7), ("AUG", 8), ("SEP", 9), ("OCT", 10), ("OKT", 10), ("NOV", 11), ("DEC", 12), ("DEZ", 12),
    ]

    /// `Apr`, `April`, `SEPT`, `Mär` → 1…12.
    static func monthNumber(_ letters: UnsafeBufferPointer<UInt8>) -> Int? {
        guard letters.count >= 3 else { return nil }
        let word = String(decoding: letters, as: UTF8.self).uppercased()
        for (prefix, number) in monthNames where word.hasPrefix(prefix) { return number }
        return nil
    }

    /// Picks a pattern for `auto` from every date cell of the file: year-first dates are
    /// `yyyy-MM-dd`; dotted ones `dd.MM.yyyy`; a month name decides its own place; for
    /// `a/b/c`, a first part above 12 means day first, a second part above 12 month first,
    /// and when no row decides, `dayFirstByDefault` does (European files: `;` or decimal comma).
    public static func resolveAuto(_ samples: [String], dayFirstByDefault: Bool) -> String {
        var dayFirstVotes = 0, monthFirstVotes = 0, yearFirst = 0, dotted = 0, nameFirst = 0, nameSecond = 0, seen = 0
        for sample in samples {
            let u = Array(CSVReader.trim(sample).utf8)
            guard let first = u.first else { continue }
            seen += 1
            if (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A { nameFirst += 1; continue }
            var parts: [ArraySlice<UInt8>] = []
            var start = 0
            for (k, b) in u.enumerated() where b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".") || b == 0x20 {
                parts.append(u[start..<k]); start = k + 1
                if parts.count == 2 { break }
            }
            parts.append(u[start...].prefix { $0 >= 48 && $0 <= 57 })
            guard parts.count >= 3 else { continue }
            if parts[0].count == 4 { yearFirst += 1; continue }
            if let second = parts[1].first, (second | 0x20) >= 0x61 && (second | 0x20) <= 0x7A { nameSecond += 1; continue }
            if u.contains(UInt8(ascii: ".")) && !u.contains(UInt8(ascii: "/")) { dotted += 1 }
            // At most 9 characters: a longer run of any bytes (found by fuzzing) overflowed Int and trapped.
            let a = parts[0].prefix(9).reduce(0) { $0 * 10 + Int($1) - 48 }, b = parts[1].prefix(9).reduce(0) { $0 * 10 + Int($1) - 48 }
            if a > 12 && b <= 12 { dayFirstVotes += 1 } else if b > 12 && a <= 12 { monthFirstVotes += 1 }
        }
        let most = [yearFirst, nameFirst, nameSecond].max() ?? 0
        if seen > 0, most * 2 > seen {
            if yearFirst == most { return "yyyy-MM-dd" }
            if nameFirst == most { return "MMM d, yyyy" }
            return "d-MMM-yyyy"
        }
        if dotted > 0 && monthFirstVotes == 0 { return "dd.MM.yyyy" }
        if dayFirstVotes > 0 && monthFirstVotes == 0 { return "dd/MM/yyyy" }
        if monthFirstVotes > 0 && dayFirstVotes == 0 { return "MM/dd/yyyy" }
        return dayFirstByDefault ? "dd/MM/yyyy" : "MM/dd/yyyy"
    }
}
