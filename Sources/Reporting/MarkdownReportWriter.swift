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
        let store = TemplateStore(overrideFolder: options.templateOverrideFolder)
        var warnings: [String] = []
        var figures: [ReportFigure] = []
        var blocks: [String] = []

        blocks += CoverSection.render(ctx)
        blocks += SummarySection.render(ctx)
        blocks += SubscriptionsSection.render(ctx)
        let base = figureBaseName(options.figureBaseName)
        let parts = renderFindings(ctx, figureBase: base, store: store)
        for part in parts {
            blocks.append(pageBreak)
            blocks += part.blocks
            figures.append(part.figure)
            warnings += part.warnings
        }
        blocks += AcknowledgedSection.render(ctx)
        blocks += SkippedRowsSection.render(ctx)
        blocks += AppendixSection.render(ctx)

        warnings += parts.flatMap(\.storeWarnings)
        var seen: Set<String> = []
        warnings = warnings.filter { seen.insert($0).inserted }
        return RenderedReport(markdown: blocks.joined(separator: "\n\n") + "\n", figures: figures, warnings: warnings)
    }

    /// One finding's section, figure and warnings.
    struct FindingPart: Sendable {
        var blocks: [String]
        var figure: ReportFigure
        var warnings: [String]
        var storeWarnings: [String] = []
    }

    /// The finding sections, rendered side by side on all cores (hundreds of findings for a
    /// big folder), in finding order. Each run of findings has its own copy of the template
    /// store; a template warning is kept at its first finding, so the merged warnings read as
    /// a sequential rendering's would after de-duplication.
    static func renderFindings(_ ctx: ReportContext, figureBase: String, store: TemplateStore) -> [FindingPart] {
        let findings = ctx.activeFindings
        let runs = min(findings.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard runs > 0 else { return [] }
        let slots = FindingSlots(count: findings.count)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var local = store
            var reported = local.warnings.count
            for index in stride(from: run * findings.count / runs, to: (run + 1) * findings.count / runs, by: 1) {
                let finding = findings[index]
                let figureName = "\(figureBase)-\(finding.id).svg"
                let section = FindingSection(finding: finding, number: index + 1, ctx: ctx, figureName: figureName)
                var warnings: [String] = []
                let blocks = section.render(store: &local, warnings: &warnings)
                var part = FindingPart(blocks: blocks, figure: ReportFigure(fileName: figureName, svg: section.timeline()), warnings: warnings)
                part.storeWarnings = Array(local.warnings[reported...])
                reported = local.warnings.count
                slots.set(index, part)
            }
        }
        return slots.values()
    }

    /// Keeps figure names safe in a Markdown link and on every file system.
    static func figureBaseName(_ raw: String) -> String {
        let cleaned = String(raw.map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_" || ch == "-") ? ch : "-"
        })
        return cleaned.isEmpty ? "timeline" : cleaned
    }
}

/// Slots each written by exactly one iteration of `concurrentPerform`, read after it returns.
private final class FindingSlots: @unchecked Sendable {
    private var slots: [MarkdownReport.FindingPart?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ part: MarkdownReport.FindingPart) {
        lock.lock(); slots[index] = part; lock.unlock()
    }

    func values() -> [MarkdownReport.FindingPart] { slots.map { $0! } }
}
