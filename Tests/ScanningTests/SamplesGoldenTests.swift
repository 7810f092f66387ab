import Config
import Foundation
import Ledger
import Reporting
import Scanning
import Testing

/// Pins the reports of the demo folder, in both languages, byte for byte. After an intended
/// change, re-record with `AUTODEBIT_RECORD=1 swift test --filter SamplesGoldenTests` and read
/// the diff before committing it.
@Suite struct SamplesGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func input(_ language: ReportLanguage) throws -> ReportInput {
        let options = ScanOptions(folders: [SamplesScanTests.samples], asOf: CivilDate(year: 2025, month: 7, day: 5)!, language: language.rawValue)
        let config = try ConfigResolution.load(explicit: nil, folders: options.folders)
        var input = try Scanner.scan(options, config: config).report
        input.language = language
        return input
    }

    func check(_ text: String, against name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["AUTODEBIT_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from the golden file at line \(first + 1):
                - \(first < a.count ? String(a[first]) : "<end>")
                + \(first < b.count ? String(b[first]) : "<end>")
                (re-record with AUTODEBIT_RECORD=1 if the change is intended)
                """)
        }
    }

    @Test(arguments: ReportLanguage.allCases)
    func markdown(language: ReportLanguage) throws {
        let rendered = try MarkdownReport.render(try input(language), options: ReportOptions(figureBaseName: "samples"))
        try check(rendered.markdown, against: "samples.\(language.rawValue).md")
        #expect(rendered.warnings.isEmpty)
        #expect(!rendered.figures.isEmpty)
        // Every figure the Markdown links is one the renderer hands over to be written.
        for figure in rendered.figures { #expect(rendered.markdown.contains("(\(figure.fileName))")) }
    }

    @Test func json() throws {
        try check(try JSONReportWriter.render(try input(.zh)), against: "samples.json")
    }
}
