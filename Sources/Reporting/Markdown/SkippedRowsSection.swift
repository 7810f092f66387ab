/// Every row an importer could not read, per source, with its line and reason.
enum SkippedRowsSection {
    static func render(_ ctx: ReportContext) -> [String] {
        let s = ctx.strings
        var blocks = [MarkdownReport.pageBreak, "## " + s("skipped.title")]
        let sources = ctx.input.sources.sorted { $0.path < $1.path }.filter { !$0.skipped.isEmpty }
        guard !sources.isEmpty else { return blocks + [s("skipped.none")] }
        for src in sources {
            blocks.append("### " + s.plural("skipped.source", count: src.skipped.count, ["path": MarkdownText.escape(src.path), "count": String(src.skipped.count)]))
            var table = [MarkdownText.header([s("skipped.line"), s("skipped.reason")], widths: [8, 92], rightAligned: [0])]
            for row in src.skipped.sorted(by: { $0.line < $1.line }) {
                table.append(MarkdownText.row([String(row.line), ctx.md(row.reason)]))
            }
            blocks.append(table.joined(separator: "\n"))
        }
        return blocks
    }
}
