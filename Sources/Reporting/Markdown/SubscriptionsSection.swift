import Detection
import Ledger

/// Every recurring stream the detection found.
enum SubscriptionsSection {
    static func render(_ ctx: ReportContext) -> [String] {
        let s = ctx.strings
        var blocks = ["## " + s("subscriptions.title")]
        guard !ctx.subscriptions.isEmpty else { return blocks + [s("subscriptions.none")] }
        var table = [MarkdownText.header([s("finding.merchant"), s("subscriptions.cadence"), s("finding.amount"), s("subscriptions.status"),
                                          s("subscriptions.first"), s("subscriptions.last"), s("subscriptions.next"), s("subscriptions.channels"),
                                          s("subscriptions.charges")],
                                         widths: [24, 10, 12, 8, 11, 11, 11, 10, 6], rightAligned: [2, 8])]
        for sub in ctx.subscriptions {
            table.append(MarkdownText.row([
                ctx.md(sub.merchant), ctx.cadence(sub.cadence), ctx.money(sub.amount.magnitude), ctx.status(sub.status),
                sub.first.description, sub.last.description, sub.nextExpected?.description ?? "—",
                sub.channels.map(ctx.channel).joined(separator: s("list.separator")), String(sub.transactions.count),
            ]))
        }
        blocks.append(table.joined(separator: "\n"))
        return blocks
    }
}
