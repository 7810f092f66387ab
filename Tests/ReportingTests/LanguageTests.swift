import Foundation
import Testing
@testable import Reporting

@Suite("Report languages")
struct LanguageTests {
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    /// Every piece of source data the sample carries, as the report prints it.
    static func sourceData() -> [String] {
        let streams = [SampleReportInput.kameng, SampleReportInput.music, SampleReportInput.video, SampleReportInput.cloud,
                       SampleReportInput.gym, SampleReportInput.hostile, SampleReportInput.disk, SampleReportInput.meituan]
        var texts = streams.flatMap { $0.flatMap { [$0.counterparty, $0.product, $0.paymentMethod, $0.status] } }
        texts += SampleReportInput.subscriptions.map(\.merchant)
        texts += SampleReportInput.sources.flatMap { [$0.path] + $0.skipped.map(\.reason) + [$0.problem ?? ""] }
        texts += ["张三", SampleReportInput.kamengCancellation.note ?? ""]
        let printed = texts.flatMap { [MarkdownText.escape(ReportMasking.mask($0)), MarkdownText.escape($0), ReportMasking.mask($0), $0] }
        return printed.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    static func table(_ language: ReportLanguage) throws -> [String: String] {
        let url = try #require(BundledResources.url("strings.\(language.rawValue).json"))
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
    }

    @Test("The English report has no CJK characters outside source data")
    func englishHasNoChinese() throws {
        var prose = MarkdownScan.prose(try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown)
        for data in Self.sourceData() { prose = prose.replacingOccurrences(of: data, with: "") }
        let leftovers = prose.split(separator: "\n").filter { $0.unicodeScalars.contains(where: Self.isCJK) }
        #expect(leftovers.isEmpty, "CJK outside source data: \(leftovers.prefix(5))")
    }

    @Test("The Chinese report has no English boilerplate from the string tables, rules or templates")
    func chineseHasNoEnglishSentences() throws {
        let md = try MarkdownReport.render(SampleReportInput.input(language: .zh)).markdown
        var english = Array(try Self.table(.en).values)
        let rules = try RuleBook.bundled()
        english += rules.rules.flatMap { [$0.title.en, $0.text.en, $0.use.en] + ($0.unverified.map { [$0.en] } ?? []) }
        english += rules.deadlines.flatMap { [$0.title.en, $0.text.en, $0.mustState.en] }
        english += rules.channels.flatMap { [$0.name.en, $0.how.en, $0.timing.en] } + rules.cancelPaths.map(\.text.en)
        for channel in ["wechat", "alipay", "12315", "bank", "sepa"] {
            let url = try #require(BundledResources.url("templates/complaint-\(channel).en.mustache"))
            english += try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        }
        // Fixed fragments between placeholders and tags, long enough to be sentences.
        var fragments: [String] = []
        for text in english {
            for piece in text.components(separatedBy: CharacterSet(charactersIn: "{}")) {
                let trimmed = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                if trimmed.split(separator: " ").count >= 3 && trimmed.count >= 14 && !trimmed.contains("#") { fragments.append(trimmed) }
            }
        }
        #expect(fragments.count > 100)
        let found = fragments.filter { md.contains($0) }
        #expect(found.isEmpty, "English in the Chinese report: \(found.prefix(5))")
    }

    @Test("Both string tables have the same keys (English may add .one plurals) and nothing is missing", arguments: ReportLanguage.allCases)
    func tables(language: ReportLanguage) throws {
        let zh = try Self.table(.zh), en = try Self.table(.en)
        #expect(Set(zh.keys) == Set(en.keys.filter { !$0.hasSuffix(".one") }))
        #expect(en.keys.filter { $0.hasSuffix(".one") }.allSatisfy { en[String($0.dropLast(4))] != nil })
        let md = try MarkdownReport.render(SampleReportInput.input(language: language))
        #expect(!md.markdown.contains("⟦"))
        #expect(!md.figures.contains { $0.svg.contains("⟦") })
        #expect(try !JSONReportWriter.render(SampleReportInput.input(language: language)).contains("⟦"))
        #expect(en.values.allSatisfy { !$0.unicodeScalars.contains(where: Self.isCJK) })
    }

    @Test("Unverified claims are qualified in both languages")
    func unverified() throws {
        let en = try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        let zh = try MarkdownReport.render(SampleReportInput.input(language: .zh)).markdown
        #expect(en.contains("(reportedly; whether the 2025 revision keeps the five days is unverified)"))
        #expect(zh.contains("（据报道；2025年修订后是否仍保留“五日”未经核实）"))
        #expect(!en.contains("FTC") && !zh.contains("FTC"))
    }
}
