import Testing
import Ledger
@testable import Reporting

@Suite("Deadlines: days left as of the as-of day")
struct DeadlineTests {
    @Test("Days left, last day and expired", arguments: [
        ("2026-07-18", "64 days left", "剩余 64 天"),
        ("2026-05-16", "1 day left", "剩余 1 天"),
        ("2026-05-15", "last day today", "今天是最后一天"),
        ("2026-05-14", "expired 1 day ago", "已过期 1 天"),
        ("2026-02-27", "expired 77 days ago", "已过期 77 天"),
        ("2027-03-02", "291 days left", "剩余 291 天"),
        ("2028-05-15", "731 days left", "剩余 731 天"),
    ])
    func daysLeft(date: String, english: String, chinese: String) throws {
        let en = try ReportContext.load(SampleReportInput.input(language: .en))
        let zh = try ReportContext.load(SampleReportInput.input(language: .zh))
        let day = try #require(CivilDate(date))
        #expect(en.daysLeft(until: day) == english)
        #expect(zh.daysLeft(until: day) == chinese)
    }

    @Test("The deadline tables show them per rule, soonest first")
    func inReport() throws {
        let md = try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        #expect(md.contains("| Visa 13.2 Cancelled Recurring: 120 days from the processing date | 2026-07-18 | 64 days left | the date the service was cancelled, and how (app, web, phone, email …) |"))
        #expect(md.contains("| 2026-05-19 | 4 days left |"))
        #expect(md.contains("| 2026-02-27 | expired 77 days ago |"))
        #expect(md.contains("| 2026-03-30 | expired 46 days ago |"))
        #expect(md.contains("| 2026-05-15 | the merchant had to remind you by this day (last day today) |"))
        let card = try #require(md.range(of: "| 2026-05-19 | 4 days left |"))
        let visa = try #require(md.range(of: "| 2026-07-18 | 64 days left |"))
        #expect(card.lowerBound < visa.lowerBound)
    }
}
