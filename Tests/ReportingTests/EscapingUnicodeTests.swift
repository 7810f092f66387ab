import Testing
@testable import Reporting

/// Escaping writes scalars out as UTF-8 itself: text of every width must come back intact.
@Suite struct EscapingUnicodeTests {
    @Test func everyWidthOfCharacterSurvives() {
        #expect(MarkdownText.escape("腾讯视频|会员*连续包月") == "腾讯视频\\|会员\\*连续包月")
        #expect(MarkdownText.escape("Café – 🎬 Ünïcødé") == "Café – 🎬 Ünïcødé")
        #expect(MarkdownText.escape("\u{85}é\u{0301}x ") == "é\u{0301}x")
        #expect(MarkdownText.escape("12) 月费") == "12\\) 月费")
        #expect(MarkdownText.codeBlock("交易时间,金额\n2025-03-03,¥30.00 🎬\n\n") == "```\n交易时间,金额\n2025-03-03,¥30.00 🎬\n```")
    }
}
