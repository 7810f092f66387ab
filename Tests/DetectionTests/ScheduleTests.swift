import Ledger
import Testing
import TestSupport
@testable import Detection

/// `nextScheduled` skips the neighbouring months' anchor days mid-month; it must pick exactly
/// the date the full comparison of all three picks.
@Suite struct ScheduleTests {
    /// The schedule date by trying the month itself and both neighbours every time.
    static func reference(after date: CivilDate, months m: Int, anchor: Int, steps: Int) -> CivilDate {
        let raw = date.adding(months: m * steps)
        var best = raw.adding(months: 0, anchorDay: anchor)
        for shift in [-1, 1] {
            let other = raw.adding(months: shift, anchorDay: anchor)
            let d = abs(other.dayNumber - raw.dayNumber)
            if d <= 7 && d < abs(best.dayNumber - raw.dayNumber) { best = other }
        }
        return best
    }

    @Test func monthCadencesMatchTheFullComparison() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let year = rng.int(1999...2031), month = rng.int(1...12)
            let date = try #require(CivilDate(year: year, month: month, day: rng.int(1...CivilDate.daysIn(month: month, year: year))))
            let cadence = rng.pick([Cadence.monthly, .quarterly, .semiannual, .yearly])
            let anchor = rng.int(1...31), steps = rng.int(1...4)
            let months = try #require(cadence.months)
            #expect(Intervals.nextScheduled(after: date, cadence: cadence, anchor: anchor, steps: steps)
                    == Self.reference(after: date, months: months, anchor: anchor, steps: steps), "\(date) \(cadence) \(anchor) \(steps)")
        }
    }
}
