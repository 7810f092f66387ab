import Foundation
import Testing

/// A cron scan of an unchanged folder reuses the previous detection result, and what it
/// writes is exactly what a full scan would write; any change to a file, the settings or the
/// date makes it detect again.
@Suite(.serialized) struct DetectionReuseTests {
    func scan(_ dir: URL, asOf: String = "2025-07-05") throws -> (output: BinaryRunner.Output, json: Data, markdown: Data) {
        let json = dir.appendingPathComponent("out.json")
        let output = try BinaryRunner.run(["scan", dir.path, "--as-of", asOf, "--verbose", "--json", json.path])
        return (output, try Data(contentsOf: json), try Data(contentsOf: dir.appendingPathComponent(".autodebit/report.md")))
    }

    static let reused = "detection: reused the result of the previous scan"

    @Test func unchangedFolderReusesTheResultAndWritesTheSameReport() throws {
        let dir = try CronTests().freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try scan(dir)
        #expect(!first.output.stderr.contains(Self.reused))
        let second = try scan(dir)
        #expect(second.output.status == 0)
        #expect(second.output.stderr.contains(Self.reused), "\(second.output.stderr)")
        #expect(second.output.stdout.contains("930 transactions"), "the summary still counts every transaction: \(second.output.stdout)")

        // Touching every statement changes its stamp: the files are re-hashed (not re-parsed)
        // and detection runs again, with the same findings already reported.
        let later = Date().addingTimeInterval(5)
        for path in try FileManager.default.subpathsOfDirectory(atPath: dir.path) where !path.hasPrefix(".") && path.hasSuffix(".csv") {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: dir.appendingPathComponent(path).path)
        }
        let third = try scan(dir)
        #expect(!third.output.stderr.contains(Self.reused), "\(third.output.stderr)")
        #expect(third.json == second.json, "the reused result writes the same JSON as a full scan")
        #expect(third.markdown == second.markdown, "the reused result writes the same report as a full scan")
        #expect(try scan(dir).output.stderr.contains(Self.reused))
    }

    @Test func anotherDateOrSettingDetectsAgain() throws {
        let dir = try CronTests().freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try scan(dir)
        let otherDay = try scan(dir, asOf: "2025-07-06")
        #expect(!otherDay.output.stderr.contains(Self.reused), "as-of is part of the key")
        #expect(try scan(dir, asOf: "2025-07-06").output.stderr.contains(Self.reused))

        // Recording a cancellation changes the detection settings.
        let cancel = try BinaryRunner.run(["cancel", dir.path, "--merchant", "爱奇艺", "--date", "2025-06-01"])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        let afterCancel = try scan(dir, asOf: "2025-07-06")
        #expect(!afterCancel.output.stderr.contains(Self.reused), "\(afterCancel.output.stderr)")
    }

    /// Transactions are kept in memory without their raw rows; the rows the report quotes are
    /// read back from the cache. The evidence appendix must be exactly the one a scan without
    /// any state writes (the golden file), on a first scan, a reused one and a re-detected one.
    @Test func evidenceRowsAreReadBackFromTheCache() throws {
        let dir = try CronTests().freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        let strings = try JSONSerialization.jsonObject(with: Data(contentsOf: BinaryRunner.packageRoot
            .appendingPathComponent("Sources/Reporting/Resources/strings.zh.json"))) as! [String: Any]
        let heading = "## " + (strings["appendix.rows.title"] as! String)
        func appendix(_ markdown: String) throws -> Substring {
            let start = try #require(markdown.range(of: heading), "no appendix heading in the report")
            return markdown[start.lowerBound...]
        }
        let golden = try String(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("Tests/ScanningTests/Golden/samples.zh.md"),
                                encoding: .utf8)
        let expected = try appendix(golden)
        #expect(expected.contains("九妹卡盟"), "the golden appendix quotes the 卡盟 rows")
        func run(_ asOf: String = "2025-07-05") throws -> Substring {
            let r = try BinaryRunner.run(["scan", dir.path, "--as-of", asOf, "--lang", "zh", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            return try appendix(String(contentsOf: dir.appendingPathComponent(".autodebit/report.md"), encoding: .utf8))
        }
        #expect(try run() == expected, "first scan")
        #expect(try run() == expected, "reused detection")
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".autodebit/report.md"))
        #expect(try run("2025-07-06").contains("九妹卡盟"), "another date: detection on cached transactions, rows read back")
    }
}
