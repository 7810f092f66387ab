/// A moment as the statement printed it: the instant plus the UTC offset it was shown in,
/// so that `2024-05-22T10:01:33+08:00` round-trips exactly.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// Seconds east of UTC.
    public let offsetSeconds: Int32

    public init(epochSeconds: Int64, offsetSeconds: Int32) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
    }

    /// A wall-clock reading in a zone `offsetSeconds` east of UTC.
    public init?(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0, offsetSeconds: Int32) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let local = Int64(date.dayNumber) * 86400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        self.init(epochSeconds: local - Int64(offsetSeconds), offsetSeconds: offsetSeconds)
    }

    private var localSeconds: Int64 { epochSeconds + Int64(offsetSeconds) }

    /// The calendar date where the statement was printed.
    public var localDate: CivilDate {
        CivilDate(dayNumber: Int(floorDiv(localSeconds, 86400)))
    }

    public var localSecondOfDay: Int { Int(localSeconds - floorDiv(localSeconds, 86400) * 86400) }

    /// RFC 3339 with the original offset: `2024-05-22T10:01:33+08:00`.
    public var iso8601: String {
        let sod = localSecondOfDay
        var s = localDate.description + "T"
        s += pad2(sod / 3600) + ":" + pad2(sod / 60 % 60) + ":" + pad2(sod % 60)
        if offsetSeconds == 0 { return s + "Z" }
        let off = Int(offsetSeconds.magnitude)
        s += offsetSeconds < 0 ? "-" : "+"
        s += pad2(off / 3600) + ":" + pad2(off / 60 % 60)
        return s
    }

    /// `2024-05-22 10:01:33` in the original offset, for tables.
    public var localDisplay: String {
        let sod = localSecondOfDay
        return localDate.description + " " + pad2(sod / 3600) + ":" + pad2(sod / 60 % 60) + ":" + pad2(sod % 60)
    }

    public var description: String { iso8601 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        a.epochSeconds != b.epochSeconds ? a.epochSeconds < b.epochSeconds : a.offsetSeconds < b.offsetSeconds
    }

    /// Parses `yyyy-MM-dd HH:mm[:ss]` (also `/` separators and a `T`) as a wall-clock
    /// reading at `offsetSeconds`. Returns nil for impossible dates and times.
    public static func parseLocal(_ text: some StringProtocol, offsetSeconds: Int32) -> Timestamp? {
        var fields: [Int] = []
        var current = -1
        var width = 0
        for u in text.utf8 {
            if u >= 48 && u <= 57 {
                current = (current < 0 ? 0 : current) * 10 + Int(u - 48)
                width += 1
                if width > 4 { return nil }
            } else if u == 45 || u == 47 || u == 58 || u == 32 || u == 84 || u == 46 || u == 9 {
                if current >= 0 { fields.append(current); current = -1; width = 0 }
            } else {
                return nil
            }
        }
        if current >= 0 { fields.append(current) }
        guard fields.count == 3 || fields.count == 5 || fields.count == 6,
              let date = CivilDate(year: fields[0], month: fields[1], day: fields[2]) else { return nil }
        return Timestamp(date: date, hour: fields.count > 3 ? fields[3] : 0, minute: fields.count > 4 ? fields[4] : 0,
                         second: fields.count > 5 ? fields[5] : 0, offsetSeconds: offsetSeconds)
    }

    public static let chinaOffset: Int32 = 8 * 3600
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
