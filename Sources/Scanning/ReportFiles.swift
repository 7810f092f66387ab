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
        try writeFigures(rendered.figures, into: markdown.deletingLastPathComponent())
        try SecureFile.write(OwnOutput.marker + "\n" + rendered.markdown, to: markdown)
        if let json {
            let text: String
            do { text = try JSONReportWriter.render(input) } catch { throw ScanFailure(.failure, "cannot render the JSON report: \(error)") }
            try SecureFile.write(text, to: json)
        }
        return Written(warnings: rendered.warnings)
    }

    /// One SVG per finding: hundreds for a big folder, where creating and renaming each file
    /// costs more than rendering it. A figure whose bytes are already on disk (a cron run of an
    /// unchanged folder) is left alone; the others are written side by side on all cores,
    /// atomically but without fsync: a figure lost to a power cut is rewritten next run.
    static func writeFigures(_ figures: [ReportFigure], into folder: URL) throws {
        let failures = FigureFailures()
        DispatchQueue.concurrentPerform(iterations: figures.count) { i in
            let url = folder.appendingPathComponent(figures[i].fileName)
            let bytes = Array((OwnOutput.marker + "\n" + figures[i].svg).utf8)
            if let existing = FileManager.default.contents(atPath: url.path), existing == Data(bytes) { return }
            do { try SecureFile.write(bytes, to: url, durable: false) } catch { failures.add(error) }
        }
        if let first = failures.first { throw first }
    }
}

private final class FigureFailures: @unchecked Sendable {
    private var errors: [Error] = []
    private let lock = NSLock()

    func add(_ error: Error) { lock.lock(); errors.append(error); lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return errors.first }
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
