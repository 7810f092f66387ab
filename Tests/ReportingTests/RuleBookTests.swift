import Testing
import Ledger
@testable import Reporting

@Suite("Rule book (Resources/rules.json)")
struct RuleBookTests {
    @Test("Has exactly the deadline rules the detection cites, each with texts in both languages")
    func deadlines() throws {
        let book = try RuleBook.bundled()
        #expect(book.deadlines.map(\.id) == ["visa-13.2", "visa-12.6.1", "visa-13.6", "mc-4853", "reg-e", "reg-e-stop", "reg-z",
                                             "sepa-core-refund", "sepa-unauthorised", "12315-acceptance", "renewal-reminder"])
        for d in book.deadlines {
            #expect(!d.title.zh.isEmpty && !d.title.en.isEmpty && !d.text.zh.isEmpty && !d.text.en.isEmpty)
            #expect(d.party == "user" || d.party == "merchant")
        }
        #expect(book.deadline("renewal-reminder")?.party == "merchant")
    }

    @Test("Chinese rules quote LAW.md verbatim; unverified ones are flagged; the vacated FTC rule is absent")
    func rules() throws {
        let book = try RuleBook.bundled()
        #expect(book.rule("cn-civil-565")?.text.zh == "合同自通知到达对方时解除")
        #expect(book.rule("cn-civil-985")?.text.zh == "得利人没有法律根据取得不当利益的，受损失的人可以请求得利人返还取得的利益")
        #expect(book.rule("cn-cpl-reg-10")?.inForceDate == CivilDate(year: 2024, month: 7, day: 1))
        #expect(Set(book.rules.filter { $0.unverified != nil }.map(\.id)) == ["cn-online-trading-18", "cn-platform-price-rules"])
        #expect(book.channel("bank")?.unverified != nil)
        for rule in book.rules {
            #expect(!rule.kinds.isEmpty && !rule.text.zh.isEmpty && !rule.text.en.isEmpty && !rule.use.en.isEmpty)
            #expect(!(rule.title.en + rule.text.en).contains("FTC"))
            #expect(rule.kinds.allSatisfy { kind in FindingKindNames.all.contains(kind) })
        }
        #expect(Set(book.channels.map(\.id)) == ["12315", "wechat", "alipay", "heimao", "bank", "sepa"])
        #expect(book.channel("12315")?.how.zh.contains("投诉人的姓名、电话号码、通讯地址；被投诉人的名称（姓名）、地址；具体的投诉请求以及消费者权益争议事实") == true)
        for channel in Channel.allCases { #expect(book.cancelPath(for: channel) != nil) }
    }

    @Test("A rule not yet in force on the charge date is not cited")
    func inForce() throws {
        let zh = try MarkdownReport.render(SampleReportInput.input(language: .zh)).markdown
        // The 腾讯视频 price rose on 2026-04-12, after 《互联网平台价格行为规则》 came into force (2026-04-10).
        #expect(zh.contains("**《互联网平台价格行为规则》**"))
        var early = SampleReportInput.input(language: .zh)
        early.detection.findings = early.detection.findings.filter { $0.kind == .priceIncrease }.map { f in
            var copy = f
            copy.transactions = f.transactions.map { t in
                var moved = t
                moved.time = Timestamp(epochSeconds: t.time.epochSeconds - 40 * 86400, offsetSeconds: t.time.offsetSeconds)
                return moved
            }
            return copy
        }
        let before = try MarkdownReport.render(early).markdown
        #expect(!before.contains("**《互联网平台价格行为规则》**"))
        #expect(before.contains("**《网络交易平台规则监督管理办法》第三十二条**"))
    }
}

import Detection
enum FindingKindNames {
    static let all = Set(FindingKind.allCases.map(\.rawValue))
}
