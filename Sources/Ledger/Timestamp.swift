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

    /// Parses `yyyy-MM-dd HH:mm[:ss[.fff]]` (also `/` or `.` date separators and a `T`) as a
    /// wall-clock reading at `offsetSeconds`. The year must have four digits, the other
    /// fields one or two (so `24-05-22` is not the year 24). Fractional seconds are ignored.
    /// Returns nil for impossible dates and times. Allocation-free: it runs once per row.
    public static func parseLocal(_ text: some StringProtocol, offsetSeconds: Int32) -> Timestamp? {
        // A concrete String's UTF-8 buffer: callers in other modules cannot specialise the
        // generic, and iterating a generic UTF8View costs more than the parsing itself.
        var string = String(text)
        return string.withUTF8 { parseLocal(utf8: $0, offsetSeconds: offsetSeconds) }
    }

    /// `parseLocal` over UTF-8 bytes, for readers that have not made a String of the cell.
    public static func parseLocal(utf8 bytes: UnsafeBufferPointer<UInt8>, offsetSeconds: Int32) -> Timestamp? {
        if isCanonical(bytes) {
            // `yyyy-MM-dd HH:mm:ss`, the shape of nearly every wallet row: read by position
            // (the general reading below gives the same fields for it).
            @inline(__always) func two(_ i: Int) -> Int { Int(bytes[i] &- 48) * 10 + Int(bytes[i + 1] &- 48) }
            guard let date = CivilDate(year: two(0) * 100 + two(2), month: two(5), day: two(8)) else { return nil }
            return Timestamp(date: date, hour: two(11), minute: two(14), second: two(17), offsetSeconds: offsetSeconds)
        }
        var f = (0, 0, 0, 0, 0, 0)
        var count = 0
        var current = -1
        var width = 0
        var inFraction = false
        var lastSeparator: UInt8 = 0

        func store(_ value: Int, _ width: Int, at index: Int) -> Bool {
            guard index == 0 ? width == 4 : (1...2).contains(width) else { return false }
            switch index {
            case 0: f.0 = value
            case 1: f.1 = value
            case 2: f.2 = value
            case 3: f.3 = value
            case 4: f.4 = value
            case 5: f.5 = value
            default: return false
            }
            return true
        }

        for u in bytes {
            if u >= 48 && u <= 57 {
                if inFraction { continue }
                if current < 0 {
                    // Digits after `ss.` are a fraction of a second.
                    if count == 6 && lastSeparator == 46 { inFraction = true; continue }
                    current = 0
                }
                current = current * 10 + Int(u - 48)
                width += 1
                if width > 4 { return nil }
            } else if u == 45 || u == 47 || u == 58 || u == 32 || u == 84 || u == 46 || u == 9 {
                if inFraction { return nil }
                // Only padding may come before the year: `-2024-01-01` is not 2024-01-01.
                if count == 0 && current < 0 && u != 32 && u != 9 { return nil }
                if current >= 0 {
                    guard store(current, width, at: count) else { return nil }
                    count += 1; current = -1; width = 0
                }
                lastSeparator = u
            } else {
                return nil
            }
        }
        if current >= 0 {
            guard store(current, width, at: count) else { return nil }
            count += 1
        }
        guard count == 3 || count == 5 || count == 6,
              let date = CivilDate(year: f.0, month: f.1, day: f.2) else { return nil }
        return Timestamp(date: date, hour: count > 3 ? f.3 : 0, minute: count > 4 ? f.4 : 0,
                         second: count > 5 ? f.5 : 0, offsetSeconds: offsetSeconds)
    }

    /// Exactly `dddd-dd-dd dd:dd:dd`.
    @inline(__always) static func isCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 19, b[4] == 45, b[7] == 45, b[10] == 32, b[13] == 58, b[16] == 58 else { return false }
        for i in 0..<19 where i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && b[i] &- 48 > 9 { return false }
        return true
    }

    public static let chinaOffset: Int32 = 8 * 3600
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
