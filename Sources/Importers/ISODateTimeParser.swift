import Ledger

/// XML Schema dates and date-times as ISO 20022 messages write them: `2024-03-12`,
/// `2024-03-12+01:00`, `2014-12-31T13:15:00+01:00`, `2025-07-24T06:10:29.000000000`,
/// `2024-03-12T08:00:00Z`. Also a date-time inside a `Dt` element (seen in real exports).
enum ISODateTimeParser {
    struct Parsed: Equatable {
        var time: Timestamp
        /// Only a calendar date was given.
        var dateOnly: Bool
    }

    /// Times without an offset, and dates, are placed at `defaultOffset(date)`.
    static func parse(_ text: String, defaultOffset: (CivilDate) -> Int32) -> Parsed? {
        let u = Array(text.utf8)
        guard u.count >= 10, let y = number(u, 0, 4), u[4] == 0x2D, let m = number(u, 5, 2), u[7] == 0x2D,
              let d = number(u, 8, 2), let date = CivilDate(year: y, month: m, day: d) else { return nil }
        var i = 10
        guard i < u.count, u[i] == UInt8(ascii: "T") || u[i] == UInt8(ascii: " ") else {
            // A bare date, possibly with a zone that does not change the calendar day.
            guard i == u.count || zone(u, &i) != nil, i == u.count,
                  let t = Timestamp(date: date, offsetSeconds: defaultOffset(date)) else { return nil }
            return Parsed(time: t, dateOnly: true)
        }
        i += 1
        guard u.count >= i + 5, let hh = number(u, i, 2), u[i + 2] == 0x3A, let mm = number(u, i + 3, 2) else { return nil }
        i += 5
        var ss = 0
        if i < u.count, u[i] == 0x3A {
            guard let s = number(u, i + 1, 2) else { return nil }
            ss = s
            i += 3
        }
        if i < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",") {
            i += 1
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
        }
        var offset = defaultOffset(date)
        if i < u.count {
            guard let z = zone(u, &i), i == u.count else { return nil }
            offset = z
        }
        guard let t = Timestamp(date: date, hour: hh, minute: mm, second: ss, offsetSeconds: offset) else { return nil }
        return Parsed(time: t, dateOnly: false)
    }

    /// `Z`, `+01:00`, `-0530`; advances `i`.
    private static func zone(_ u: [UInt8], _ i: inout Int) -> Int32? {
        guard i < u.count else { return nil }
        if u[i] == UInt8(ascii: "Z") { i += 1; return 0 }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), let h = number(u, i + 1, 2) else { return nil }
        let sign: Int32 = u[i] == UInt8(ascii: "+") ? 1 : -1
        var j = i + 3
        var minutes = 0
        if j < u.count, u[j] == 0x3A { j += 1 }
        if let m = number(u, j, 2) { minutes = m; j += 2 }
        guard h <= 14, minutes < 60 else { return nil }
        i = j
        return sign * Int32(h * 3600 + minutes * 60)
    }

    private static func number(_ u: [UInt8], _ at: Int, _ width: Int) -> Int? {
        guard at >= 0, at + width <= u.count else { return nil }
        var v = 0
        for k in at..<(at + width) {
            let b = u[k]
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
