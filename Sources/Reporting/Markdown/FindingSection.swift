import Detection
import Ledger

/// One finding: what happened, the charges, the cancellation and its evidence, the timeline,
/// the deadlines, where to cancel and complain, what to ask for, the drafts, the legal basis.
struct FindingSection {
    let finding: Finding
    let number: Int
    let ctx: ReportContext
    let figureName: String

    private var s: StringTable { ctx.strings }

    func render(store: inout TemplateStore, warnings: inout [String]) -> [String] {
        var blocks: [String] = []
        let f = finding
        var heading = "## " + s("finding.heading", ["n": String(number), "kind": ctx.kindTitle(f.kind), "merchant": ctx.md(f.merchant)])
        if ctx.isNew(f) { heading += " " + s("finding.new-mark") }
        blocks.append(heading)
        blocks.append(s("finding.meta", ["severity": ctx.severity(f.severity), "amount": ctx.money(f.amount.magnitude), "id": MarkdownText.escape(f.id)]))
        blocks.append(FindingSummary.sentence(f, ctx, for: .markdown) + explanation())

        blocks.append("### " + s("finding.charges"))
        blocks.append(f.transactions.isEmpty ? s("charges.none") : chargesTable(f.transactions))
        if case .duplicate(let original) = f.detail {
            blocks.append(s("finding.original", ["time": original.time.localDisplay, "amount": ctx.money(original.amount),
                                                 "id": MarkdownText.escape(original.id), "source": MarkdownText.escape(original.source.description)]))
        }

        if let c = ctx.cancellation(of: f) {
            blocks.append("### " + s("finding.cancellation"))
            blocks.append(cancellationRecord(c))
        }

        blocks.append("### " + s("finding.timeline"))
        blocks.append("![" + s("finding.timeline.caption", ["merchant": ctx.md(f.merchant)]) + "](" + figureName + ")")

        blocks.append("### " + s("finding.deadlines"))
        blocks.append(deadlines(warnings: &warnings))

        blocks.append("### " + s("finding.where-cancel"))
        blocks.append(ctx.channels(of: f).compactMap { ctx.rules.cancelPath(for: $0) }
            .map { "- " + $0.text[ctx.language] }.joined(separator: "\n"))

        let complaintChannels = f.severity == .info ? [] : LegalBasis.complaintChannels(for: f, ctx)
        if !complaintChannels.isEmpty {
            blocks.append("### " + s("finding.where-complain"))
            blocks.append(complaintChannels.compactMap { ctx.rules.channel($0) }.map { channel in
                var line = "- **" + channel.name[ctx.language] + "**" + s("list.colon") + channel.how[ctx.language]
                let timing = channel.timing[ctx.language]
                if !timing.isEmpty { line += s("finding.timing", ["timing": timing]) }
                return line
            }.joined(separator: "\n"))
        }

        blocks.append("### " + s("finding.ask"))
        blocks.append(MarkdownText.escape(ComplaintDrafts.ask(f, ctx)))

        let drafts = ComplaintDrafts.drafts(for: f, ctx, store: &store)
        if !drafts.isEmpty {
            blocks.append("### " + s("finding.drafts"))
            for draft in drafts {
                let name = ctx.rules.channel(draft.channel)?.name[ctx.language] ?? draft.channel
                blocks.append("#### " + name)
                blocks.append(draft.text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n"))
            }
        }

        let rules = LegalBasis.rules(for: f, ctx)
        if !rules.isEmpty {
            blocks.append("### " + s("finding.legal"))
            blocks.append(rules.map { rule in
                var line = "- **" + rule.title[ctx.language] + "**" + s("list.colon") + LegalBasis.text(of: rule, ctx)
                if let q = rule.unverified { line += s("legal.qualifier", ["text": q[ctx.language]]) }
                line += s("legal.use", ["use": rule.use[ctx.language]])
                return line
            }.joined(separator: "\n"))
        }
        return blocks
    }

    /// A second sentence for the kinds whose numbers need one.
    private func explanation() -> String {
        switch finding.detail {
        case .afterCancellation(let c):
            guard let first = finding.transactions.map(\.date).min() else { return "" }
            return s("finding.explain.after-cancellation", ["days": String(c.date.days(until: first)), "cancelDate": c.date.description])
        case .duplicate:
            return s("finding.explain.duplicate")
        default:
            return ""
        }
    }

    func chargesTable(_ charges: [Transaction]) -> String {
        var table = [MarkdownText.header([s("charges.time"), s("charges.amount"), s("charges.channel"), s("charges.counterparty"),
                                          s("charges.product"), s("charges.id"), s("charges.order"), s("charges.source")],
                                         widths: [11, 9, 11, 12, 13, 17, 14, 13], rightAligned: [1])]
        for t in charges.sorted(by: { ($0.time, $0.id) < ($1.time, $1.id) }) {
            let keep = ReportContext.identifiers(of: t)
            var method = ctx.channel(t.channel)
            if !t.paymentMethod.isEmpty { method += " · " + ctx.md(t.paymentMethod, keep: keep) }
            if let account = t.account, !account.isEmpty { method += " · " + MarkdownText.escape(Masking.lastFour(account)) }
            table.append(MarkdownText.row([
                t.dateOnly ? t.date.description : t.time.localDisplay,
                ctx.money(t.amount),
                method,
                ctx.md(t.counterparty, keep: keep),
                ctx.md(t.product, keep: keep),
                MarkdownText.escape(t.id),
                t.merchantOrderID.map(MarkdownText.escape) ?? "—",
                MarkdownText.escape(t.source.description),
            ]))
        }
        return table.joined(separator: "\n")
    }

    private func cancellationRecord(_ c: Cancellation) -> String {
        var lines = [s("cancellation.date", ["date": c.time.map { $0.localDisplay } ?? c.date.description])]
        lines.append(s("cancellation.channel", ["channel": c.channel.map { ctx.md(ctx.cancellationChannel($0)) } ?? s("cancel-channel.unknown")]))
        lines.append(s("cancellation.reference", ["reference": c.reference.map(MarkdownText.escape) ?? "—"])) // an identifier: not masked
        if let note = c.note, !note.isEmpty { lines.append(s("cancellation.note", ["note": ctx.md(note)])) }
        if !c.declaredAt.isEmpty { lines.append(s("cancellation.declared", ["at": MarkdownText.escape(c.declaredAt)])) }
        var out = lines.map { "- " + $0 }.joined(separator: "\n")
        if c.evidence.isEmpty {
            out += "\n- " + s("evidence.none")
        } else {
            out += "\n- " + s("evidence.title")
            for path in c.evidence {
                let file = ctx.input.evidence[path]
                if let hash = file?.sha256 {
                    out += "\n    - " + MarkdownText.escape(path) + s("list.colon") + "SHA-256 `" + hash + "`"
                } else {
                    out += "\n    - " + MarkdownText.escape(path) + s("list.colon") + s("evidence.missing")
                }
            }
        }
        return out
    }

    private func deadlines(warnings: inout [String]) -> String {
        guard !finding.deadlines.isEmpty else { return s("deadlines.none") }
        var table = [MarkdownText.header([s("deadlines.rule"), s("deadlines.date"), s("deadlines.status"), s("deadlines.state")],
                                         widths: [34, 12, 16, 38])]
        let ordered = finding.deadlines.sorted { ($0.date, $0.rule) < ($1.date, $1.rule) }
        for d in ordered {
            guard let rule = ctx.rules.deadline(d.rule) else {
                warnings.append("deadline rule \(d.rule) has no text in rules.json")
                table.append(MarkdownText.row([MarkdownText.escape(d.rule), d.date.description, ctx.daysLeft(until: d.date), ""]))
                continue
            }
            let status = rule.party == "merchant"
                ? s("deadlines.merchant", ["status": ctx.daysLeft(until: d.date)])
                : ctx.daysLeft(until: d.date)
            let must = rule.mustState[ctx.language]
            table.append(MarkdownText.row([rule.title[ctx.language] + s("list.colon") + rule.text[ctx.language], d.date.description, status,
                                           must.isEmpty ? "—" : must]))
        }
        return table.joined(separator: "\n")
    }

    /// The stream's timeline with this finding's charges in red.
    func timeline() -> String {
        let sub = ctx.subscription(of: finding)
        var charges = sub?.transactions ?? []
        let known = Set(charges.map(\.id))
        charges += finding.transactions.filter { !known.contains($0.id) }
        if case .duplicate(let original) = finding.detail, !charges.contains(where: { $0.id == original.id }) { charges.append(original) }
        var next: CivilDate?
        if case .upcoming(let date, _) = finding.detail { next = date } else if sub?.status == .active { next = sub?.nextExpected }
        let currencies = Set(charges.map(\.amount.currency.code)).sorted()
        let labels = TimelineSVG.Labels(
            title: ReportMasking.mask(finding.merchant) + " · " + ctx.kindTitle(finding.kind),
            charge: s("timeline.charge"), cited: s("timeline.cited"), expected: s("timeline.expected"),
            cancellation: s("timeline.cancellation"), next: s("timeline.next"),
            currency: s("timeline.currency", ["currency": currencies.joined(separator: "/")]))
        let svg = TimelineSVG(charges: charges, citedIDs: Set(finding.transactions.map(\.id)), cadence: sub?.cadence,
                              cancellation: ctx.cancellation(of: finding)?.date, nextCharge: next, labels: labels)
        return svg.render()
    }
}
