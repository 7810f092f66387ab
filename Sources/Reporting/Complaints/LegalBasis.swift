import Detection
import Ledger

/// Which rule texts and complaint channels a finding can stand on.
enum LegalBasis {
    /// True when Chinese consumer law and channels apply: a Chinese wallet, or yuan.
    static func isChinese(_ f: Finding, _ ctx: ReportContext) -> Bool {
        let channels = ctx.channels(of: f)
        return channels.contains(.wechat) || channels.contains(.alipay) || f.amount.currency == .cny
            || f.transactions.contains { $0.amount.currency == .cny }
    }

    static func jurisdictions(_ f: Finding, _ ctx: ReportContext) -> Set<String> {
        var out: Set<String> = []
        let channels = ctx.channels(of: f)
        if isChinese(f, ctx) { out.insert("cn") }
        if channels.contains(.wechat) { out.insert("wechat") }
        if channels.contains(.alipay) { out.insert("alipay") }
        if f.amount.currency == .usd { out.insert("us-ca") }
        return out
    }

    /// Rules for the finding's kind and jurisdiction, in rules.json order; a rule not yet in
    /// force on the day of the latest charge is left out.
    static func rules(for f: Finding, _ ctx: ReportContext) -> [RuleBook.Rule] {
        let places = jurisdictions(f, ctx)
        let latest = f.transactions.map(\.date).max() ?? ctx.input.asOf
        return ctx.rules.rules.filter { rule in
            places.contains(rule.jurisdiction) && rule.kinds.contains(f.kind.rawValue)
                && (rule.inForceDate.map { $0 <= latest } ?? true)
        }
    }

    /// The deadline rules the finding cites, each once, in the order first cited.
    static func deadlineRules(for f: Finding, _ ctx: ReportContext) -> [RuleBook.DeadlineRule] {
        var seen: Set<String> = []
        return f.deadlines.compactMap { d in
            guard seen.insert(d.rule).inserted else { return nil }
            return ctx.rules.deadline(d.rule)
        }
    }

    /// The rule's text as the report prints it: quoted when it is the official wording in the
    /// report language, marked as a translation when it renders Chinese wording in English.
    static func text(of rule: RuleBook.Rule, _ ctx: ReportContext) -> String {
        let body = rule.text[ctx.language]
        guard let verbatim = rule.verbatim else { return body }
        if verbatim == ctx.language.rawValue { return ctx.strings("legal.quote", ["text": body]) }
        return body + ctx.strings("legal.translation")
    }

    /// Complaint channel ids (rules.json `channels`) in the order a user should try them.
    static func complaintChannels(for f: Finding, _ ctx: ReportContext) -> [String] {
        let channels = ctx.channels(of: f)
        var out: [String] = []
        if channels.contains(.wechat) { out.append("wechat") }
        if channels.contains(.alipay) { out.append("alipay") }
        if channels.contains(.card) || channels.contains(.bank) || channels.contains(.other) { out.append("bank") }
        if channels.contains(.sepaDirectDebit) { out.append("sepa") }
        if isChinese(f, ctx) { out += ["12315", "heimao"] }
        return out
    }

    /// Channels that get a written draft (黑猫投诉 is public pressure: a list entry is enough).
    static func draftChannels(for f: Finding, _ ctx: ReportContext) -> [String] {
        guard f.severity != .info else { return [] }
        return complaintChannels(for: f, ctx).filter { $0 != "heimao" }
    }
}
