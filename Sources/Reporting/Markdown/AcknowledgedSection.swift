import Detection

/// Findings the user has dealt with: listed for the record, without alerting.
enum AcknowledgedSection {
    static func render(_ ctx: ReportContext) -> [String] {
        guard !ctx.acknowledgedFindings.isEmpty else { return [] }
        let s = ctx.strings
        var table = [MarkdownText.header([s("finding.kind"), s("finding.merchant"), s("finding.amount"), s("acknowledged.id"), s("acknowledged.summary")],
                                         widths: [16, 18, 12, 16, 38], rightAligned: [2])]
        for f in ctx.acknowledgedFindings {
            table.append(MarkdownText.row([ctx.kindTitle(f.kind), ctx.md(f.merchant), ctx.money(f.amount.magnitude),
                                           MarkdownText.escape(f.id), FindingSummary.sentence(f, ctx, for: .markdown)]))
        }
        return ["## " + s("acknowledged.title"), s("acknowledged.intro"), table.joined(separator: "\n")]
    }
}
