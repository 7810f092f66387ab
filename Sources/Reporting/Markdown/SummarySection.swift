import Detection
import Ledger

/// Findings by severity, money at stake, the yearly cost of active subscriptions, the next
/// charges, and an index of the findings.
enum SummarySection {
    static let upcomingListLength = 5

    static func render(_ ctx: ReportContext) -> [String] {
        let s = ctx.strings
        var blocks = ["## " + s("summary.title")]

        var severityTable = [MarkdownText.header([s("summary.severity"), s("summary.count"), s("summary.new")], widths: [20, 10, 10], rightAligned: [1, 2])]
        for severity in Severity.allCases {
            let of = ctx.activeFindings.filter { $0.severity == severity }
            severityTable.append(MarkdownText.row([ctx.severity(severity), String(of.count), String(of.filter { ctx.isNew($0) }.count)]))
        }
        blocks.append(severityTable.joined(separator: "\n"))

        let stake = moneyAtStake(ctx)
        blocks.append(s("summary.at-stake", ["amounts": stake.isEmpty ? s("summary.nothing") : stake.map(ctx.money).joined(separator: s("list.separator"))]))
        let yearly = ReportContext.totals(ctx.subscriptions.filter { $0.status == .active }.map(\.yearlyCost))
        blocks.append(s("summary.yearly", ["amounts": yearly.isEmpty ? s("summary.nothing") : yearly.map(ctx.money).joined(separator: s("list.separator"))]))

        let upcoming = ctx.subscriptions
            .filter { $0.status == .active }
            .compactMap { sub in sub.nextExpected.flatMap { $0 >= ctx.input.asOf ? (sub, $0) : nil } }
            .sorted { ($0.1, $0.0.merchant, $0.0.id) < ($1.1, $1.0.merchant, $1.0.id) }
            .prefix(upcomingListLength)
        if upcoming.isEmpty {
            blocks.append(s("summary.next.none"))
        } else {
            var table = [MarkdownText.header([s("summary.next.merchant"), s("summary.next.date"), s("summary.next.amount"), s("summary.next.in")],
                                             widths: [30, 14, 14, 14], rightAligned: [2])]
            for (sub, date) in upcoming {
                let days = ctx.input.asOf.days(until: date)
                table.append(MarkdownText.row([ctx.md(sub.merchant), date.description, ctx.money(sub.amount.magnitude),
                                               s.plural("summary.next.days", count: days, ["n": String(days)])]))
            }
            blocks.append(s("summary.next.title") + "\n\n" + table.joined(separator: "\n"))
        }

        if !ctx.activeFindings.isEmpty {
            var index = [MarkdownText.header(["#", s("summary.severity"), s("finding.kind"), s("finding.merchant"), s("finding.amount"), s("summary.new")],
                                             widths: [4, 10, 22, 30, 14, 6], rightAligned: [4])]
            for (i, f) in ctx.activeFindings.enumerated() {
                index.append(MarkdownText.row([String(i + 1), ctx.severity(f.severity), ctx.kindTitle(f.kind), ctx.md(f.merchant),
                                               ctx.money(f.amount.magnitude), ctx.isNew(f) ? s("finding.new-mark") : ""]))
            }
            blocks.append(s("summary.index") + "\n\n" + index.joined(separator: "\n"))
        }
        return blocks
    }

    /// What the high and medium findings ask back, per currency. A finding whose charges were
    /// all counted by a more severe one is not counted again (a charge after cancellation that
    /// is also a duplicate is one charge).
    static func moneyAtStake(_ ctx: ReportContext) -> [Money] {
        var counted: Set<String> = []
        var amounts: [Money] = []
        for f in ctx.activeFindings where f.severity != .info && !f.amount.isZero {
            let ids = Set(f.transactions.map(\.id))
            if !ids.isEmpty && ids.isSubset(of: counted) { continue }
            counted.formUnion(ids)
            amounts.append(f.amount.magnitude)
        }
        return ReportContext.totals(amounts)
    }
}
