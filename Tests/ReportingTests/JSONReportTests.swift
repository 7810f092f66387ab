import Foundation
import Testing
@testable import Reporting

@Suite("JSON report autodebit.report/1")
struct JSONReportTests {
    func parsed() throws -> [String: Any] {
        let text = try JSONReportWriter.render(SampleReportInput.input(language: .en))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("Parses back and has exactly the SPEC's keys at every level")
    func keys() throws {
        let doc = try parsed()
        #expect(Set(doc.keys) == ["schema", "as_of", "sources", "subscriptions", "findings"])
        #expect(doc["schema"] as? String == "autodebit.report/1")
        #expect(doc["as_of"] as? String == "2026-05-15")
        let sources = try #require(doc["sources"] as? [[String: Any]])
        #expect(sources.count == 5)
        for source in sources {
            let expected: Set<String> = ["path", "sha256", "format", "transactions", "skipped"]
            if source["problem"] != nil {
                #expect(Set(source.keys) == expected.union(["problem"]))
                #expect(source["format"] is NSNull)
            } else {
                #expect(Set(source.keys) == expected)
            }
            for skipped in try #require(source["skipped"] as? [[String: Any]]) {
                #expect(Set(skipped.keys) == ["line", "reason"])
            }
        }
        let subscriptions = try #require(doc["subscriptions"] as? [[String: Any]])
        #expect(subscriptions.count == 8)
        for sub in subscriptions {
            #expect(Set(sub.keys) == ["id", "merchant", "cadence", "period", "amount", "currency", "status", "first", "last",
                                      "next_expected", "channels", "transactions"])
        }
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.count == 8)
        for finding in findings {
            let expected: Set<String> = ["id", "kind", "severity", "merchant", "subscription", "amount", "currency", "new", "summary",
                                         "transactions", "deadlines"]
            let keys = Set(finding.keys)
            #expect(keys == expected || keys == expected.union(["acknowledged"]))
            for t in try #require(finding["transactions"] as? [[String: Any]]) {
                #expect(Set(t.keys) == ["id", "source", "time", "amount"])
                #expect(t["amount"] is String)
            }
            for d in try #require(finding["deadlines"] as? [[String: Any]]) { #expect(Set(d.keys) == ["rule", "date"]) }
        }
        #expect(findings.filter { $0["acknowledged"] as? Bool == true }.count == 1)
    }

    @Test("Keys come in the SPEC's order and amounts are decimal strings")
    func orderAndAmounts() throws {
        let text = try JSONReportWriter.render(SampleReportInput.input(language: .zh))
        func position(_ s: String) -> Int { text.range(of: s).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1 }
        let top = ["\"schema\"", "\"as_of\"", "\"sources\"", "\"subscriptions\"", "\"findings\""].map(position)
        #expect(top == top.sorted() && !top.contains(-1))
        let findings = String(text[text.range(of: "\"findings\"")!.lowerBound...])
        func inFindings(_ s: String) -> Int { findings.range(of: s).map { findings.distance(from: findings.startIndex, to: $0.lowerBound) } ?? -1 }
        let finding = ["\"kind\": \"charge-after-cancellation\"", "\"severity\": \"high\"", "\"merchant\": \"九妹卡盟\"", "\"subscription\": \"sub-",
                       "\"amount\": \"60.00\"", "\"currency\": \"CNY\"", "\"new\": true", "\"summary\"", "\"source\": \"wechat/",
                       "\"time\": \"2026-02-10T10:01:33+08:00\"", "\"amount\": \"-30.00\"", "\"rule\": \"12315-acceptance\""].map(inFindings)
        #expect(finding == finding.sorted() && !finding.contains(-1))
        #expect(text.hasPrefix("{\n  \"schema\": \"autodebit.report/1\",\n  \"as_of\": \"2026-05-15\",\n"))
        #expect(!text.contains("\"amount\": -") && !text.contains("\"amount\": 3"))
    }

    @Test("Strings escape quotes, backslashes, control characters and U+2028/2029")
    func escaping() throws {
        let value = JSONValue.object([("k\"ey", .string("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{2028}\u{2029}é九/"))])
        let text = value.rendered()
        #expect(text == "{\n  \"k\\\"ey\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\\u2028\\u2029é九/\"\n}\n")
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(back?["k\"ey"] == "a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{2028}\u{2029}é九/")
        #expect(JSONValue.array([]).rendered() == "[]\n")
        #expect(JSONValue.object([("a", .array([])), ("b", .null), ("c", .int(-3)), ("d", .bool(false))]).rendered()
                == "{\n  \"a\": [],\n  \"b\": null,\n  \"c\": -3,\n  \"d\": false\n}\n")
    }

    @Test("A finding's summary is the same sentence as in the Markdown, in the report language")
    func summaryLanguage() throws {
        let zh = try JSONReportWriter.render(SampleReportInput.input(language: .zh))
        let en = try JSONReportWriter.render(SampleReportInput.input(language: .en))
        #expect(zh.contains("九妹卡盟在取消通知于 2026-01-20 到达后仍扣款 2 次，共 60.00 CNY，最近一次在 2026-03-10。"))
        #expect(en.contains("九妹卡盟 charged 2 times, 60.00 CNY in all, after the cancellation reached it on 2026-01-20; the last charge was on 2026-03-10."))
        let md = try MarkdownReport.render(SampleReportInput.input(language: .en)).markdown
        #expect(md.contains("九妹卡盟 charged 2 times, 60.00 CNY in all, after the cancellation reached it on 2026-01-20"))
    }
}
