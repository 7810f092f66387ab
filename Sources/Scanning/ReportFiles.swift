import Foundation
import Reporting

/// Writes the Markdown report, its figures beside it, and the JSON, all mode 0600.
enum ReportFiles {
    struct Written {
        var warnings: [String]
    }

    static func write(_ input: ReportInput, markdown: URL, json: URL?, templates: URL?) throws -> Written {
        let stem = markdown.deletingPathExtension().lastPathComponent
        let rendered: RenderedReport
        do {
            rendered = try MarkdownReport.render(input, options: ReportOptions(templateOverrideFolder: templates, figureBaseName: stem))
        } catch {
            throw ScanFailure(.failure, "cannot render the report: \(error)")
        }
        let folder = markdown.deletingLastPathComponent()
        for figure in rendered.figures {
            try SecureFile.write(figure.svg, to: folder.appendingPathComponent(figure.fileName))
        }
        try SecureFile.write(rendered.markdown, to: markdown)
        if let json {
            let text: String
            do { text = try JSONReportWriter.render(input) } catch { throw ScanFailure(.failure, "cannot render the JSON report: \(error)") }
            try SecureFile.write(text, to: json)
        }
        return Written(warnings: rendered.warnings)
    }
}
