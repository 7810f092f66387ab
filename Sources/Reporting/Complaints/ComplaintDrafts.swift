import Detection
import Ledger
import Mustache

/// Complaint drafts rendered from `complaint-<channel>.<lang>.mustache` with the finding's
/// facts. Values go in masked but unescaped; the templates' content type escapes them.
/// The variables are listed in `Resources/templates/README.md`.
enum ComplaintDrafts {
    struct Draft {
        let channel: String
        let text: String
    }

    static func templateName(channel: String, language: ReportLanguage) -> String {
        "complaint-\(channel).\(language.rawValue).mustache"
    }

    static func drafts(for f: Finding, _ ctx: ReportContext, store: inout TemplateStore) -> [Draft] {
        let context = values(for: f, ctx)
        return LegalBasis.draftChannels(for: f, ctx).compactMap { channel in
            guard let template = store.template(named: templateName(channel: channel, language: ctx.language)) else { return nil }
            let text = template.render(context)
            return Draft(channel: channel, text: tidy(text))
        }
    }

    /// What the user asks for, by kind: the refund and what else fits.
    static func ask(_ f: Finding, _ ctx: ReportContext) -> String {
        var v = ["total": ctx.money(f.amount.magnitude), "merchant": ReportMasking.mask(f.merchant)]
        switch f.detail {
        case .afterCancellation(let c): v["cancelDate"] = c.date.description
        case .shortenedInterval(let expected, _, _): v["cadence"] = ctx.cadence(expected)
        case .priceIncrease(let from, _, _): v["from"] = ctx.money(from.magnitude)
        case .upcoming(let date, _): v["date"] = date.description
        default: break
        }
        return ctx.strings("ask." + f.kind.rawValue, v)
    }

    static func values(for f: Finding, _ ctx: ReportContext) -> [String: Any] {
        let charges = f.transactions.sorted { $0.time < $1.time }
        var v: [String: Any] = [
            "merchant": ReportMasking.mask(f.merchant),
            "holder": ReportMasking.mask(ctx.input.holder ?? ""),
            "hasHolder": ctx.input.holder.map { !$0.isEmpty } ?? false,
            "kind": ctx.kindTitle(f.kind),
            "summary": FindingSummary.sentence(f, ctx, for: .plain),
            "count": charges.count,
            "total": ctx.money(f.amount.magnitude),
            "currency": f.amount.currency.code,
            "firstDate": charges.first?.date.description ?? "",
            "lastDate": charges.last?.date.description ?? "",
            "asOf": ctx.input.asOf.description,
            "ask": ask(f, ctx),
            "findingID": f.id,
        ]
        v["charges"] = charges.map { t -> [String: Any] in
            let keep = ReportContext.identifiers(of: t)
            return [
                "time": t.dateOnly ? t.date.description : t.time.localDisplay,
                "date": t.date.description,
                "amount": ctx.money(t.amount.magnitude),
                "signedAmount": ctx.money(t.amount),
                "id": t.id,
                "orderID": t.merchantOrderID ?? "",
                "hasOrderID": !(t.merchantOrderID ?? "").isEmpty,
                "method": ReportMasking.mask(t.paymentMethod, keep: keep),
                "product": ReportMasking.mask(t.product, keep: keep),
                "counterparty": ReportMasking.mask(t.counterparty, keep: keep),
                "source": t.source.description,
                "mandateID": t.mandate?.mandateID ?? "",
                "creditorID": t.mandate?.creditorID ?? "",
            ]
        }
        if let account = charges.compactMap(\.account).first { v["account"] = Masking.lastFour(account) }
        if let mandate = charges.compactMap(\.mandate).first {
            v["mandate"] = ["creditorID": mandate.creditorID ?? "", "mandateID": mandate.mandateID ?? ""]
        }
        if let c = ctx.cancellation(of: f) {
            v["cancellation"] = [
                "date": c.date.description,
                "time": c.time.map { $0.localDisplay } ?? c.date.description,
                "reference": c.reference ?? "",
                "hasReference": !(c.reference ?? "").isEmpty,
                "channel": c.channel.map { ctx.cancellationChannel($0) } ?? ctx.strings("cancel-channel.unknown"),
                "note": ReportMasking.mask(c.note ?? ""),
                "hasNote": !(c.note ?? "").isEmpty,
            ] as [String: Any]
        }
        if case .duplicate(let original) = f.detail {
            v["original"] = ["time": original.time.localDisplay, "id": original.id, "amount": ctx.money(original.amount.magnitude),
                             "orderID": original.merchantOrderID ?? "", "hasOrderID": !(original.merchantOrderID ?? "").isEmpty] as [String: Any]
        }
        v["legal"] = LegalBasis.rules(for: f, ctx).map { rule -> [String: Any] in
            let qualifier = rule.unverified?[ctx.language] ?? ""
            return ["title": rule.title[ctx.language], "text": LegalBasis.text(of: rule, ctx),
                    "qualifier": qualifier, "hasQualifier": !qualifier.isEmpty]
        }
        v["deadlines"] = f.deadlines.compactMap { d -> [String: Any]? in
            guard let rule = ctx.rules.deadline(d.rule), rule.party == "user" else { return nil }
            let must = rule.mustState[ctx.language]
            return ["rule": d.rule, "title": rule.title[ctx.language], "text": rule.text[ctx.language], "date": d.date.description,
                    "mustState": must, "hasMustState": !must.isEmpty]
        }
        return v
    }

    /// Trailing spaces removed, runs of blank lines collapsed, no blank first or last line.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            while line.last == " " || line.last == "\t" || line.last == "\r" { line.removeLast() }
            if line.isEmpty && (lines.isEmpty || lines.last == "") { continue }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
