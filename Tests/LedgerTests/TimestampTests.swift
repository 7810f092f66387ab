import Testing
@testable import Ledger

@Suite struct TimestampTests {
    private let china = Timestamp.chinaOffset

    @Test func parsesStatementTimes() throws {
        let t = try #require(Timestamp.parseLocal("2024-05-22 10:01:33", offsetSeconds: china))
        #expect(t.iso8601 == "2024-05-22T10:01:33+08:00")
        // 10:01:33 in Beijing is 02:01:33 UTC.
        #expect(t.epochSeconds == Int64(CivilDate(year: 2024, month: 5, day: 22)!.dayNumber) * 86400 + 2 * 3600 + 60 + 33)
        #expect(Timestamp.parseLocal("2024/05/22 10:01", offsetSeconds: china)?.iso8601 == "2024-05-22T10:01:00+08:00")
        #expect(Timestamp.parseLocal("2024-05-22T10:01:33", offsetSeconds: china)?.iso8601 == "2024-05-22T10:01:33+08:00")
        #expect(Timestamp.parseLocal("2024-05-22", offsetSeconds: china)?.iso8601 == "2024-05-22T00:00:00+08:00")
        #expect(Timestamp.parseLocal("2024-05-22 10:01:33 ", offsetSeconds: china) != nil)
        #expect(Timestamp.parseLocal("2024-05-22 10:01:33.250", offsetSeconds: china)?.iso8601 == "2024-05-22T10:01:33+08:00")
        #expect(Timestamp.parseLocal("2024-5-2 9:01:03", offsetSeconds: china)?.iso8601 == "2024-05-02T09:01:03+08:00")
    }

    @Test func rejectsImpossibleOrAmbiguousTimes() {
        #expect(Timestamp.parseLocal("2024-02-30 10:00:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("2024-05-22 24:00:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("2024-05-22 10:60:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("24-05-22 10:00:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("05/22/2024", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("2024-05-22 10", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("2024-05-22 10:01:33+08:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("0000-00-00 00:00:00", offsetSeconds: china) == nil)
        #expect(Timestamp.parseLocal("2024-05-22 100:01:33", offsetSeconds: china) == nil)
    }

    @Test func rejectsASignOrSeparatorBeforeTheYear() {
        // A leading `-` used to be skipped like a separator, reading `-2024-01-01` as 2024-01-01.
        for text in ["-2024-01-01", "-2024-01-01 10:00:00", "/2024/01/01", ".2024.01.01", ":2024-01-01", "T2024-01-01", "--2024-01-01"] {
            #expect(Timestamp.parseLocal(text, offsetSeconds: china) == nil, "\(text)")
        }
        // Padding before the year is still allowed, and the byte entry point agrees.
        #expect(Timestamp.parseLocal(" 2024-01-01", offsetSeconds: china)?.iso8601 == "2024-01-01T00:00:00+08:00")
        #expect(Array("-2024-01-01".utf8).withUnsafeBufferPointer { Timestamp.parseLocal(utf8: $0, offsetSeconds: china) } == nil)
    }

    @Test func iso8601KeepsTheOriginalOffset() throws {
        let date = try #require(CivilDate(year: 2024, month: 1, day: 1))
        #expect(Timestamp(date: date, hour: 0, minute: 30, offsetSeconds: 0)?.iso8601 == "2024-01-01T00:30:00Z")
        #expect(Timestamp(date: date, hour: 23, minute: 5, second: 9, offsetSeconds: -5 * 3600)?.iso8601 == "2024-01-01T23:05:09-05:00")
        #expect(Timestamp(date: date, hour: 8, offsetSeconds: 5 * 3600 + 1800)?.iso8601 == "2024-01-01T08:00:00+05:30")
        // Local midnight in Beijing is still 1 January there, though 31 December in UTC.
        let midnight = try #require(Timestamp(date: date, offsetSeconds: china))
        #expect(midnight.localDate == date)
        #expect(midnight.localSecondOfDay == 0)
        #expect(midnight.localDisplay == "2024-01-01 00:00:00")
        #expect(Timestamp(epochSeconds: midnight.epochSeconds, offsetSeconds: 0).iso8601 == "2023-12-31T16:00:00Z")
        // Before 1970 too.
        let old = try #require(Timestamp(date: CivilDate(year: 1969, month: 12, day: 31)!, hour: 23, minute: 59, second: 59, offsetSeconds: 0))
        #expect(old.epochSeconds == -1)
        #expect(old.iso8601 == "1969-12-31T23:59:59Z")
    }
}
