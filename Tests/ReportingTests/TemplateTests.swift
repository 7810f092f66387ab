import Foundation
import Testing
@testable import Reporting

@Suite("Complaint templates")
struct TemplateTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Every built-in template parses and renders every placeholder", arguments: ReportLanguage.allCases)
    func builtIns(language: ReportLanguage) throws {
        for channel in ["wechat", "alipay", "12315", "bank", "sepa"] {
            let name = ComplaintDrafts.templateName(channel: channel, language: language)
            let text = try BundledResources.text("templates/" + name)
            guard case .success = TemplateStore.parse(text) else {
                Issue.record("\(name) does not parse"); continue
            }
        }
        let md = try MarkdownReport.render(SampleReportInput.input(language: language)).markdown
        #expect(!md.contains("{{") && !md.contains("}}"))
    }

    @Test("A template in the override folder replaces the built-in one, values still escaped")
    func override() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "自定义投诉：{{merchant}}，共 {{total}}。\n{{#charges}}\n- {{id}}\n{{/charges}}\n"
            .write(to: folder.appendingPathComponent("complaint-wechat.zh.mustache"), atomically: true, encoding: .utf8)
        let report = try MarkdownReport.render(SampleReportInput.input(language: .zh), options: ReportOptions(templateOverrideFolder: folder))
        #expect(report.warnings.isEmpty)
        #expect(report.markdown.contains("> 自定义投诉：九妹卡盟，共 60.00 CNY。\n> - 4200002026021012345678901233\n> - 4200002026031012345678901234"))
        #expect(report.markdown.contains("> 自定义投诉：\\| \\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1))，共 36.00 CNY。"))
        // Other channels keep their built-in template.
        #expect(report.markdown.contains("> **全国12315平台投诉**"))
    }

    @Test("A broken override is named file:line:column and the built-in template is used")
    func brokenOverride() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("complaint-bank.en.mustache")
        try "Dear bank,\n\nI dispute {{#charges}}{{id}} {{/charge}} all of them.\n".write(to: file, atomically: true, encoding: .utf8)
        let report = try MarkdownReport.render(SampleReportInput.input(language: .en), options: ReportOptions(templateOverrideFolder: folder))
        #expect(report.warnings.count == 1)
        let warning = try #require(report.warnings.first)
        #expect(warning.hasPrefix(file.path + ":3:"), "\(warning)")
        #expect(warning.contains("using the built-in template"))
        #expect(report.markdown.contains("> **To the card dispute team: disputed charges by CLOUDVAULT PRO**"))
        #expect(!report.markdown.contains("Dear bank"))
    }

    @Test("Parse errors report lines of the file itself, not of the added pragma")
    func lineNumbers() {
        guard case .failure(let first) = TemplateStore.parse("x {{/closing}}\nmore\n") else { Issue.record("parsed"); return }
        #expect(first.line == 1)
        guard case .failure(let fifth) = TemplateStore.parse("a\nb\nc\nd\n{{/nothing}}\n") else { Issue.record("parsed"); return }
        #expect(fifth.line == 5)
    }
}
