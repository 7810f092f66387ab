import Foundation
import Testing
@testable import Reporting

@Suite("Untrusted text: escaping and masking")
struct EscapingAndMaskingTests {
    @Test("The hostile merchant name is literal text everywhere in the Markdown", arguments: ReportLanguage.allCases)
    func hostileName(language: ReportLanguage) throws {
        let report = try MarkdownReport.render(SampleReportInput.input(language: language))
        let md = report.markdown
        let prose = MarkdownScan.prose(md)
        #expect(!MarkdownScan.containsUnescaped(prose, "<img"))
        #expect(!MarkdownScan.containsUnescaped(prose, "](javascript"))
        #expect(!MarkdownScan.containsUnescaped(prose, "[x]"))
        #expect(MarkdownScan.containsUnescaped("a <img", "<img") && !MarkdownScan.containsUnescaped("a \\<img", "<img"))
        #expect(md.contains("\\| \\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1))"))
        // Outside the verbatim rows, only the page-break divs are raw HTML.
        let raw = MarkdownScan.unescapedAngles(prose).filter { $0 != MarkdownReport.pageBreak }
        #expect(raw.isEmpty, "raw HTML outside code blocks: \(raw)")
        for figure in report.figures { #expect(!figure.svg.contains("<img")) }
    }

    @Test("Escaping covers the Markdown and HTML specials, line breaks and list markers")
    func escape() {
        #expect(MarkdownText.escape("a|b") == "a\\|b")
        #expect(MarkdownText.escape("<b>*x*_y_`z`</b>") == "\\<b\\>\\*x\\*\\_y\\_\\`z\\`\\</b\\>")
        #expect(MarkdownText.escape("![i](u) [l](u) &lt; $x$ @cite ~s~ ^p^ {.c}") ==
                "\\!\\[i\\](u) \\[l\\](u) \\&lt; \\$x\\$ \\@cite \\~s\\~ \\^p\\^ \\{.c\\}")
        #expect(MarkdownText.escape("# h") == "\\# h")
        #expect(MarkdownText.escape("- item") == "\\- item")
        #expect(MarkdownText.escape("1. first") == "1\\. first")
        #expect(MarkdownText.escape("30.00 CNY") == "30.00 CNY")
        #expect(MarkdownText.escape("a\nb\r\nc\u{2028}d\te") == "a b c d e")
        #expect(MarkdownText.escape("x\u{202E}y") == "x\u{FFFD}y")
        #expect(MarkdownText.escape("back\\slash") == "back\\\\slash")
    }

    @Test("Raw rows go in a fence longer than any backtick run inside")
    func fence() {
        #expect(MarkdownText.codeBlock("a,b") == "```\na,b\n```")
        #expect(MarkdownText.codeBlock("x ```` y\n") == "`````\nx ```` y\n`````")
        #expect(MarkdownText.codeBlock("a\u{07}b\r\n") == "```\nab\n```")
        let md = try? MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        #expect(md?.contains("````\n2026-03-21 21:00:01,商户消费,") == true)
    }

    @Test("Account and card numbers are masked in the Markdown, the JSON and the figures", arguments: ReportLanguage.allCases)
    func masking(language: ReportLanguage) throws {
        let input = SampleReportInput.input(language: language)
        let report = try MarkdownReport.render(input)
        let json = try JSONReportWriter.render(input)
        let everything = [report.markdown, json] + report.figures.map(\.svg)
        for text in everything {
            for secret in [SampleReportInput.cardNumber, "4111111111114242", SampleReportInput.bankCardNumber, SampleReportInput.iban, "0532013000"] {
                #expect(!text.contains(secret), "\(secret) printed unmasked")
            }
        }
        let md = report.markdown
        #expect(md.contains("CARD ****4242 RECURRING"))
        #expect(md.contains("卡号****0123"))
        #expect(md.contains("DE****3000"))
        // Identifiers and dates stay readable, in tables and in the verbatim rows.
        #expect(md.contains("4200002026021012345678901233"))
        #expect(md.contains("2026-02-10 10:01:33,商户消费,九妹卡盟,卡盟会员连续包月,支出,¥30.00,零钱,支付成功,4200002026021012345678901233\t,JM20260210000123\t,/"))
        #expect(md.contains("<DTPOSTED>20260320120000[-5:EST]"))
        #expect(md.contains("<MndtId>FW-2025-00042</MndtId>"))
    }

    @Test("Masking keeps identifiers and dates but hides long digit runs")
    func maskingUnit() {
        #expect(ReportMasking.mask("卡 6222 0212 3456 7890 123") == "卡 ****0123")
        #expect(ReportMasking.mask("2026-02-10 10:01:33 4200002026021012345678901233", keep: ["4200002026021012345678901233"])
                == "2026-02-10 10:01:33 4200002026021012345678901233")
        #expect(ReportMasking.mask("2026-02-10 10:01:33 4200002026021012345678901233") == "2026-02-10 10:01:33 ****1233")
        #expect(ReportMasking.mask("20260320120000 and 20260320") == "20260320120000 and 20260320")
        #expect(ReportMasking.mask("20261399 acct") == "****1399 acct")
        #expect(ReportMasking.mask("交易时间 \"2026-13-01 09:00:00\" is not a date") == "交易时间 \"2026-13-01 09:00:00\" is not a date")
        #expect(ReportMasking.mask("4111-1111-1111-4242") == "****4242")
    }
}
