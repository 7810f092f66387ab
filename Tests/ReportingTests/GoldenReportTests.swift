import Foundation
import Testing
@testable import Reporting

@Suite("Golden reports")
struct GoldenReportTests {
    @Test("Chinese Markdown report matches its golden file")
    func chineseMarkdown() throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: .zh))
        #expect(report.warnings.isEmpty)
        try Golden.check(report.markdown, against: "report.zh.md")
    }

    @Test("English Markdown report matches its golden file")
    func englishMarkdown() throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: .en))
        #expect(report.warnings.isEmpty)
        try Golden.check(report.markdown, against: "report.en.md")
    }

    @Test("JSON report matches its golden file")
    func json() throws {
        try Golden.check(try JSONReportWriter.render(SampleReportInput.input(language: .zh)), against: "report.json")
    }

    @Test("Timeline of the cancelled 卡盟 membership matches its golden file")
    func timeline() throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: .zh))
        let figure = try #require(report.figures.first { $0.fileName == "timeline-\(SampleReportInput.afterCancellationID).svg" })
        try Golden.check(figure.svg, against: "timeline-after-cancellation.zh.svg")
    }

    @Test("Rendering twice gives identical bytes", arguments: ReportLanguage.allCases)
    func deterministic(language: ReportLanguage) throws {
        let input = SampleReportInput.input(language: language)
        let first = try MarkdownReport.render(input), second = try MarkdownReport.render(input)
        #expect(first.markdown == second.markdown)
        #expect(first.figures == second.figures)
        #expect(try JSONReportWriter.render(input) == JSONReportWriter.render(input))
    }

    @Test("Input order of findings and subscriptions does not change the output")
    func orderIndependent() throws {
        var shuffled = SampleReportInput.input(language: .en)
        shuffled.detection.findings.reverse()
        shuffled.detection.subscriptions.reverse()
        shuffled.sources.reverse()
        let original = SampleReportInput.input(language: .en)
        #expect(try MarkdownReport.render(shuffled).markdown == MarkdownReport.render(original).markdown)
        #expect(try JSONReportWriter.render(shuffled) == JSONReportWriter.render(original))
    }

    @Test("Every finding starts on a new page, most severe and most money first, new ones marked")
    func structure() throws {
        let md = try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        let headings = md.components(separatedBy: "\n").filter { $0.hasPrefix("## ") && $0.contains(". ") && $0.first(where: \.isNumber) != nil }
        #expect(headings.count == 7)
        #expect(headings.first?.contains("Charge after cancellation: 九妹卡盟 **NEW**") == true)
        #expect(headings.last?.contains("Upcoming charge") == true)
        for heading in headings {
            let before = md.components(separatedBy: heading)[0].trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(before.hasSuffix(MarkdownReport.pageBreak), "no page break before \(heading)")
        }
        // The acknowledged finding is listed, not alerted.
        #expect(md.contains("## Acknowledged findings"))
        #expect(!headings.contains { $0.contains("美团会员") })
    }

    @Test("Every finding says where to cancel, also one without charges yet (from its stream's channel)")
    func whereToCancel() throws {
        let md = try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        let sections = md.components(separatedBy: "### Where to cancel\n\n").dropFirst()
        #expect(sections.count == 7)
        for section in sections { #expect(section.hasPrefix("- "), "empty: \(section.prefix(60))") }
        let upcoming = try #require(md.components(separatedBy: "## 7. Upcoming charge").last)
        #expect(upcoming.contains("- WeChat: Me → Services → Wallet"))
    }
}
