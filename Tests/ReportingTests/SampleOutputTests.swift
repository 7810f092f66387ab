import Foundation
import Testing
@testable import Reporting

/// `AUTODEBIT_SAMPLE_OUT=/some/folder swift test --filter SampleOutput` writes the sample
/// reports (Markdown, figures, JSON) there, for scripts/render-pdf.sh and for looking at them.
@Suite("Sample output")
struct SampleOutputTests {
    static let folder = ProcessInfo.processInfo.environment["AUTODEBIT_SAMPLE_OUT"]

    @Test("Writes the sample reports", .enabled(if: folder != nil))
    func write() throws {
        let folder = URL(fileURLWithPath: try #require(Self.folder))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for language in ReportLanguage.allCases {
            let input = SampleReportInput.input(language: language)
            let name = "report-\(language.rawValue)"
            let report = try MarkdownReport.render(input, options: ReportOptions(figureBaseName: name))
            try Data(report.markdown.utf8).write(to: folder.appendingPathComponent(name + ".md"))
            for figure in report.figures { try Data(figure.svg.utf8).write(to: folder.appendingPathComponent(figure.fileName)) }
            try Data(JSONReportWriter.render(input).utf8).write(to: folder.appendingPathComponent(name + ".json"))
        }
    }
}
