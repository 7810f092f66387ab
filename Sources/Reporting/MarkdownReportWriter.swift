import Detection
import Foundation
import Ledger

/// The Markdown report (`--report`): PDF-ready with pandoc or a browser, complete in the
/// chosen language. Rendering is pure apart from reading templates: the caller writes the
/// Markdown and the figures (side by side, under the names given).
public enum MarkdownReport {
    /// A page break pandoc passes into HTML and browsers honour when printing. (`\newpage`
    /// is not used: pandoc's HTML writer drops it, but other Markdown renderers show it.)
    static let pageBreak = "<div style=\"page-break-before: always; break-before: page;\"></div>"

    public static func render(_ input: ReportInput, options: ReportOptions = ReportOptions()) throws -> RenderedReport {
        let ctx = try ReportContext.load(input)
        var store = TemplateStore(overrideFolder: options.templateOverrideFolder)
        var warnings: [String] = []
        var figures: [ReportFigure] = []
        var blocks: [String] = []

        blocks += CoverSection.render(ctx)
        blocks += SummarySection.render(ctx)
        blocks += SubscriptionsSection.render(ctx)
        let base = figureBaseName(options.figureBaseName)
        for (index, finding) in ctx.activeFindings.enumerated() {
            let figureName = "\(base)-\(finding.id).svg"
            let section = FindingSection(finding: finding, number: index + 1, ctx: ctx, figureName: figureName)
            blocks.append(pageBreak)
            blocks += section.render(store: &store, warnings: &warnings)
            figures.append(ReportFigure(fileName: figureName, svg: section.timeline()))
        }
        blocks += AcknowledgedSection.render(ctx)
        blocks += SkippedRowsSection.render(ctx)
        blocks += AppendixSection.render(ctx)

        warnings += store.warnings
        var seen: Set<String> = []
        warnings = warnings.filter { seen.insert($0).inserted }
        return RenderedReport(markdown: blocks.joined(separator: "\n\n") + "\n", figures: figures, warnings: warnings)
    }

    /// Keeps figure names safe in a Markdown link and on every file system.
    static func figureBaseName(_ raw: String) -> String {
        let cleaned = String(raw.map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_" || ch == "-") ? ch : "-"
        })
        return cleaned.isEmpty ? "timeline" : cleaned
    }
}
