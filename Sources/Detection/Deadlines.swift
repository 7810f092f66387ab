import Ledger

/// LAW.md's deadline formulas, per channel of the charges a finding cites. Where a finding
/// cites several charges, each rule gets the earliest deadline not yet passed on `asOf` (the
/// one to act on first), or the latest one when all have passed.
enum Deadlines {
    static func forCharges(_ charges: [Payment], kind: FindingKind, asOf: CivilDate) -> [Deadline] {
        var dates: [String: [CivilDate]] = [:]
        func add(_ rule: String, _ date: CivilDate) { dates[rule, default: []].append(date) }
        for p in charges {
            let date = p.tx.date
            let currency = p.currency.code
            for channel in Set(p.channels) {
                switch channel {
                case .card:
                    add(kind == .duplicateCharge ? "visa-12.6.1" : "visa-13.2", date.adding(days: 120))
                    add("mc-4853", date.adding(days: 120))
                    if currency == "USD" { add("reg-z", date.adding(days: 60)) }
                case .bank:
                    if currency == "USD" { add("reg-e", date.adding(days: 60)) }
                case .sepaDirectDebit:
                    add("sepa-core-refund", date.adding(days: 56))
                    if kind == .chargeAfterCancellation { add("sepa-unauthorised", date.adding(months: 13)) }
                case .wechat, .alipay, .other:
                    break
                }
            }
            if currency == "CNY" || p.channels.contains(.wechat) || p.channels.contains(.alipay) {
                add("12315-acceptance", date.adding(months: 36))
            }
        }
        return dates.keys.sorted().map { rule in
            let all = dates[rule]!.sorted()
            return Deadline(rule: rule, date: all.first(where: { $0 >= asOf }) ?? all.last!)
        }.sorted { $0.date != $1.date ? $0.date < $1.date : $0.rule < $1.rule }
    }

    /// The merchant owed a reminder 5 days before an automatic renewal (网交办法第十八条, 工信部).
    static func renewalReminder(before renewal: CivilDate) -> Deadline {
        Deadline(rule: "renewal-reminder", date: renewal.adding(days: -5))
    }
}
