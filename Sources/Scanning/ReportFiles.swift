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
            try SecureFile.write(OwnOutput.marker + "\n" + figure.svg, to: folder.appendingPathComponent(figure.fileName))
        }
        try SecureFile.write(OwnOutput.marker + "\n" + rendered.markdown, to: markdown)
        if let json {
            let text: String
            do { text = try JSONReportWriter.render(input) } catch { throw ScanFailure(.failure, "cannot render the JSON report: \(error)") }
            try SecureFile.write(text, to: json)
        }
        return Written(warnings: rendered.warnings)
    }
}

/// The tool's own outputs, recognised by content so that a report written into the scanned
/// folder is not read back as an unrecognised statement on the next run.
enum OwnOutput {
    /// An HTML/XML comment: invisible in Markdown, HTML, PDF and SVG renderings.
    static let marker = "<!-- written by autodebit: a report, not a statement -->"

    static func matches(_ head: [UInt8]) -> Bool {
        let prefix = String(decoding: head.prefix(200), as: UTF8.self)
        return prefix.hasPrefix(marker) || prefix.contains("\"schema\": \"autodebit.report/")
    }
}
