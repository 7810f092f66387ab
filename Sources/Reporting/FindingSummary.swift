import Detection
import Ledger

/// The one-sentence account of a finding, in the report language. The JSON `summary` and the
/// Markdown section use the same sentence; untrusted text (the merchant) is masked for both
/// and escaped for Markdown; identifiers are never masked.
enum FindingSummary {
    enum Target { case plain, markdown }

    static func sentence(_ f: Finding, _ ctx: ReportContext, for target: Target) -> String {
        let s = ctx.strings
        let value: (String) -> String = target == .markdown ? { ctx.md($0) } : { ReportMasking.mask($0) }
        let identifier: (String) -> String = target == .markdown ? { MarkdownText.escape($0) } : { $0 }
        let charges = f.transactions.sorted { $0.time < $1.time }
        let count = charges.count
        var v: [String: String] = [
            "merchant": value(f.merchant),
            "count": String(count),
            "total": ctx.money(f.amount.magnitude),
            "firstDate": charges.first.map { $0.date.description } ?? "",
            "lastDate": charges.last.map { $0.date.description } ?? "",
            "dates": charges.map { $0.date.description }.joined(separator: s("list.separator")),
        ]
        var text: String
        switch f.detail {
        case .afterCancellation(let c):
            v["cancelDate"] = c.date.description
            text = s.plural("sentence.charge-after-cancellation", count: count, v)
        case .shortenedInterval(let expected, let fromPlan, let gaps):
            v["expected"] = ctx.cadence(expected)
            v["gaps"] = gaps.map(String.init).joined(separator: s("list.separator"))
            text = s.plural(fromPlan ? "sentence.shortened-interval.plan" : "sentence.shortened-interval.stream", count: count, v)
        case .duplicate(let original):
            v["originalDate"] = original.time.localDisplay
            v["originalID"] = identifier(original.id)
            v["amount"] = ctx.money((charges.first?.amount ?? f.amount).magnitude)
            text = s.plural("sentence.duplicate-charge", count: count, v)
        case .priceIncrease(let from, let to, let fromPlan):
            v["from"] = ctx.money(from.magnitude)
            v["to"] = ctx.money(to.magnitude)
            text = s.plural(fromPlan ? "sentence.price-increase.plan" : "sentence.price-increase", count: count, v)
        case .trialConversion(let trial, let full):
            v["trial"] = ctx.money(trial.magnitude)
            v["full"] = ctx.money(full.magnitude)
            text = s("sentence.trial-conversion", v)
        case .reactivated(let gap, let missed):
            v["gap"] = String(gap)
            v["missed"] = String(missed)
            text = s.plural("sentence.reactivated", count: count, v)
        case .newSubscription:
            let sub = ctx.subscription(of: f)
            v["amount"] = ctx.money((sub?.amount ?? charges.last?.amount ?? f.amount).magnitude)
            v["cadence"] = sub.map { ctx.cadence($0.cadence) } ?? s("cadence.unknown")
            text = s("sentence.new-subscription", v)
        case .upcoming(let date, let amount):
            v["date"] = date.description
            v["amount"] = ctx.money(amount.magnitude)
            let days = ctx.input.asOf.days(until: date)
            v["days"] = String(days)
            v["asOf"] = ctx.input.asOf.description
            text = s.plural("sentence.upcoming-charge", count: days, v)
        }
        if let refunded = f.refunded, !refunded.isZero {
            text += s("sentence.refunded", ["refunded": ctx.money(refunded.magnitude), "owed": ctx.money(f.amount.magnitude)])
        }
        return text
    }
}
