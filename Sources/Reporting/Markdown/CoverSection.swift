import Detection
import Ledger

/// Title, who and what period the report covers, and the sources with their SHA-256.
enum CoverSection {
    static func render(_ ctx: ReportContext) -> [String] {
        let s = ctx.strings
        let input = ctx.input
        var facts: [String] = []
        if let holder = input.holder, !holder.isEmpty {
            facts.append(s("cover.holder", ["holder": ctx.md(holder)]))
        }
        if let period = coveredPeriod(ctx) {
            facts.append(s("cover.period", ["from": period.lowerBound.description, "to": period.upperBound.description]))
        } else {
            facts.append(s("cover.period.none"))
        }
        facts.append(s("cover.as-of", ["date": input.asOf.description]))
        facts.append(s("cover.generated", ["date": input.asOf.description]))
        let high = ctx.activeFindings.filter { $0.severity == .high }.count
        let medium = ctx.activeFindings.filter { $0.severity == .medium }.count
        let info = ctx.activeFindings.filter { $0.severity == .info }.count
        let new = ctx.activeFindings.filter { ctx.isNew($0) }.count
        facts.append(s("cover.findings", ["high": String(high), "medium": String(medium), "info": String(info), "new": String(new)]))

        var blocks = ["# " + s("report.title"), s("report.intro"), facts.map { "- " + $0 }.joined(separator: "\n")]
        blocks.append("## " + s("sources.title"))
        let sources = input.sources.sorted { $0.path < $1.path }
        if sources.isEmpty {
            blocks.append(s("sources.none"))
            return blocks
        }
        var table = [MarkdownText.header([s("sources.file"), s("sources.format"), s("sources.transactions"), s("sources.skipped"), "SHA-256"],
                                         widths: [30, 12, 8, 8, 42], rightAligned: [2, 3])]
        for src in sources {
            table.append(MarkdownText.row([
                MarkdownText.escape(src.path),
                src.format.map(MarkdownText.escape) ?? s("sources.unrecognised"),
                String(src.transactionCount),
                String(src.skipped.count),
                src.sha256.isEmpty ? "—" : "`" + src.sha256 + "`",
            ]))
        }
        blocks.append(table.joined(separator: "\n"))
        let problems = sources.filter { $0.problem != nil }
        if !problems.isEmpty {
            blocks.append(s("sources.problems") + "\n\n" + problems.map {
                "- " + MarkdownText.escape($0.path) + s("list.colon") + ctx.md($0.problem ?? "")
            }.joined(separator: "\n"))
        }
        return blocks
    }

    /// The period the statements cover: the caller's when given, else the span of the
    /// transactions the report knows.
    static func coveredPeriod(_ ctx: ReportContext) -> ClosedRange<CivilDate>? {
        if let period = ctx.input.period { return period }
        let dates = ctx.input.detection.subscriptions.flatMap { $0.transactions.map(\.date) }
            + ctx.input.detection.findings.flatMap { $0.transactions.map(\.date) }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return first...last
    }
}
