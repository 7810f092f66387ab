import Testing
@testable import Ledger

@Suite struct CivilDateTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }

    @Test func monthEndClampingFollowsTheAnchorDay() {
        let jan31 = d(2023, 1, 31)
        let feb = jan31.adding(months: 1, anchorDay: 31)
        #expect(feb == d(2023, 2, 28))
        // From the clamped 28 Feb the anchor brings it back to the 31st.
        #expect(feb.adding(months: 1, anchorDay: 31) == d(2023, 3, 31))
        // Without an anchor, the clamped day carries on.
        #expect(feb.adding(months: 1) == d(2023, 3, 28))
        #expect(d(2024, 1, 31).adding(months: 1, anchorDay: 31) == d(2024, 2, 29))
        #expect(d(2024, 3, 31).adding(months: -1) == d(2024, 2, 29))
        #expect(d(2023, 11, 30).adding(months: 3, anchorDay: 30) == d(2024, 2, 29))
        #expect(d(2024, 12, 15).adding(months: 1) == d(2025, 1, 15))
        #expect(d(2024, 1, 15).adding(months: -13) == d(2022, 12, 15))
        #expect(d(2024, 5, 10).adding(months: 12) == d(2025, 5, 10))
    }

    @Test func leapYears() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(d(2024, 2, 28).adding(days: 1) == d(2024, 2, 29))
        #expect(d(2023, 2, 28).adding(days: 1) == d(2023, 3, 1))
        #expect(d(2024, 1, 1).days(until: d(2025, 1, 1)) == 366)
        #expect(d(2023, 1, 1).days(until: d(2024, 1, 1)) == 365)
    }

    @Test func impossibleDatesAreRejected() {
        #expect(CivilDate(year: 2024, month: 2, day: 30) == nil)
        #expect(CivilDate(year: 0, month: 0, day: 0) == nil)
        #expect(CivilDate("2024-02-30") == nil)
        #expect(CivilDate("0000-00-00") == nil)
        #expect(CivilDate("2024-04-31") == nil)
        #expect(CivilDate("2024-13-01") == nil)
        #expect(CivilDate("20240230") == nil)
    }

    @Test func parsingFormats() {
        #expect(CivilDate("2024-05-22") == d(2024, 5, 22))
        #expect(CivilDate("2024/05/22") == d(2024, 5, 22))
        #expect(CivilDate("2024.05.22") == d(2024, 5, 22))
        #expect(CivilDate("20240522") == d(2024, 5, 22))
        #expect(CivilDate("2024-5-22") == nil)
        #expect(CivilDate("24-05-22") == nil)
        #expect(CivilDate("2024-05-22 10:00") == nil)
        #expect(CivilDate("2024-05") == nil)
        #expect(CivilDate("") == nil)
        #expect(CivilDate("202405221") == nil)
        #expect(CivilDate("99999999999999999999999") == nil)
    }

    @Test func dayNumbersRoundTrip() {
        #expect(d(1970, 1, 1).dayNumber == 0)
        #expect(d(1969, 12, 31).dayNumber == -1)
        #expect(d(2000, 3, 1).dayNumber == 11017)
        for n in stride(from: -800_000, to: 3_000_000, by: 997) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(d(2024, 5, 22).description == "2024-05-22")
        #expect(d(33, 1, 2).description == "0033-01-02")
    }
}
