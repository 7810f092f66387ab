import Ledger

/// OFX date-times: `YYYYMMDD[HHMMSS[.XXX]][[offset[:TZ]]]`, plus what real files hold:
/// `20180804093914:014`, sixteen digits, `[-:TZ]`, `[-3.5:NST]`, `[-5]`, `00000000`, empty,
/// `20120231`. The calendar date is always the first eight characters; the time is used
/// when it is a real time; the bracket offset wins, else the caller's default offset.
enum OFXDate {
    struct Parsed: Equatable {
        var time: Timestamp
        /// True when only `YYYYMMDD` was given.
        var dateOnly: Bool
    }

    static func parse(_ text: String, defaultOffset: (CivilDate) -> Int32) -> Result<Parsed, OFXFieldError> {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0, text: text, defaultOffset: defaultOffset) }
    }

    private static func parse(bytes u: UnsafeBufferPointer<UInt8>, text: String, defaultOffset: (CivilDate) -> Int32) -> Result<Parsed, OFXFieldError> {
        if u.isEmpty { return .failure(OFXFieldError("empty date")) }
        guard u.count >= 8, u[0..<8].allSatisfy(isDigit) else {
            return .failure(OFXFieldError("date \"\(text)\" does not start with YYYYMMDD"))
        }
        let year = number(u[0..<4]), month = number(u[4..<6]), day = number(u[6..<8])
        guard let date = CivilDate(year: year, month: month, day: day) else {
            return .failure(OFXFieldError("date \"\(text)\" is not a calendar date"))
        }
        var i = 8
        while i < u.count, isDigit(u[i]) { i += 1 }
        let timeDigits = u[8..<i]
        var hour = 0, minute = 0, second = 0
        var hasTime = false
        if timeDigits.count >= 4 {
            let h = number(timeDigits.prefix(2)), m = number(timeDigits.dropFirst(2).prefix(2))
            let s = timeDigits.count >= 6 ? number(timeDigits.dropFirst(4).prefix(2)) : 0
            // A time that is not a time (`996699`) is dropped; the date still stands.
            if h < 24, m < 60, s < 60 { hour = h; minute = m; second = s; hasTime = true }
        }
        var offset: Int32? = nil
        if let open = u[i...].firstIndex(of: UInt8(ascii: "[")) {
            offset = bracketOffset(u[(open + 1)...])
        }
        let seconds = offset ?? defaultOffset(date)
        guard let time = Timestamp(date: date, hour: hour, minute: minute, second: second, offsetSeconds: seconds) else {
            return .failure(OFXFieldError("date \"\(text)\" has an impossible time"))
        }
        return .success(Parsed(time: time, dateOnly: !hasTime))
    }

    /// `-5:EST]`, `-3.5:NST]`, `+8]`, `0:GMT]` → seconds east of UTC; nil when the number
    /// is missing (`[-:TZ]`) or outside ±14 hours.
    private static func bracketOffset(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Int32? {
        var negative = false
        var whole = 0, fraction = 0, fractionDigits = 0
        var sawDigit = false, inFraction = false
        for b in rest {
            if b == UInt8(ascii: ":") || b == UInt8(ascii: "]") { break }
            if b == UInt8(ascii: "-") && !sawDigit { negative = true; continue }
            if b == UInt8(ascii: "+") && !sawDigit { continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") { inFraction = true; continue }
            guard isDigit(b) else { return nil }
            sawDigit = true
            if inFraction {
                if fractionDigits < 2 { fraction = fraction * 10 + Int(b - 48); fractionDigits += 1 }
            } else {
                whole = whole * 10 + Int(b - 48)
                if whole > 14 { return nil }
            }
        }
        guard sawDigit else { return nil }
        let scale = fractionDigits == 0 ? 1 : (fractionDigits == 1 ? 10 : 100)
        let minutes = whole * 60 + fraction * 60 / scale
        guard minutes <= 14 * 60 else { return nil }
        return Int32((negative ? -minutes : minutes) * 60)
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}

/// Why one OFX value could not be read, in words for a SkippedRow.
struct OFXFieldError: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
