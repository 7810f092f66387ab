import Detection
import Ledger

/// What every writer needs: the input, the language's string table, the rule book, and the
/// findings and subscriptions in the order the report shows them.
struct ReportContext {
    let input: ReportInput
    let strings: StringTable
    let rules: RuleBook
    /// Findings to alert on: most severe first, then most money, then id.
    let activeFindings: [Finding]
    /// Findings the user acknowledged, in the same order.
    let acknowledgedFindings: [Finding]
    let subscriptions: [Subscription]
    private let subscriptionsByID: [String: Subscription]

    var language: ReportLanguage { input.language }

    init(input: ReportInput, strings: StringTable, rules: RuleBook) {
        self.input = input; self.strings = strings; self.rules = rules
        let sorted = input.detection.findings.sorted(by: ReportContext.reportOrder)
        activeFindings = sorted.filter { !input.acknowledgedFindingIDs.contains($0.id) }
        acknowledgedFindings = sorted.filter { input.acknowledgedFindingIDs.contains($0.id) }
        subscriptions = input.detection.subscriptions.sorted {
            ($0.first, $0.merchant, $0.id) < ($1.first, $1.merchant, $1.id)
        }
        var byID: [String: Subscription] = [:]
        for s in subscriptions where byID[s.id] == nil { byID[s.id] = s }
        subscriptionsByID = byID
    }

    static func load(_ input: ReportInput) throws -> ReportContext {
        ReportContext(input: input, strings: try StringTable.bundled(input.language), rules: try RuleBook.bundled())
    }

    /// Most severe first, then the most money at stake, then the id (total and stable).
    static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        let am = a.amount.minorUnits.magnitude, bm = b.amount.minorUnits.magnitude
        if am != bm { return am > bm }
        if a.amount.currency != b.amount.currency { return a.amount.currency < b.amount.currency }
        return a.id < b.id
    }

    var allFindings: [Finding] { activeFindings + acknowledgedFindings }

    func subscription(of finding: Finding) -> Subscription? {
        finding.subscriptionID.flatMap { subscriptionsByID[$0] }
    }

    func isNew(_ finding: Finding) -> Bool { input.newFindingIDs.contains(finding.id) }

    func cancellation(of finding: Finding) -> Cancellation? {
        if case .afterCancellation(let c) = finding.detail { return c }
        return nil
    }

    // MARK: words

    func money(_ m: Money) -> String { m.groupedString + " " + m.currency.code }

    func cadence(_ c: Cadence) -> String {
        if case .days(let n) = c { return strings("cadence.days", ["n": String(n)]) }
        return strings("cadence." + c.name)
    }

    func kindTitle(_ k: FindingKind) -> String { strings("kind." + k.rawValue) }
    func severity(_ s: Severity) -> String { strings("severity." + s.rawValue) }
    func status(_ s: SubscriptionStatus) -> String { strings("status." + s.rawValue) }
    func channel(_ c: Channel) -> String { strings("channel." + c.rawValue) }

    /// A cancellation's `channel` as configured (`app`, `web` …), in words when known.
    func cancellationChannel(_ raw: String) -> String {
        strings.has("cancel-channel." + raw) ? strings("cancel-channel." + raw) : raw
    }

    /// Untrusted text for Markdown: masked, then escaped.
    func md(_ text: String, keep: [String] = []) -> String {
        MarkdownText.escape(ReportMasking.mask(text, keep: keep))
    }

    /// The transaction's identifiers, which masking must leave readable.
    static func identifiers(of t: Transaction) -> [String] {
        [t.id, t.merchantOrderID, t.mandate?.mandateID, t.mandate?.creditorID, t.payeeID].compactMap { $0 }
    }

    /// Days from `asOf` to `date`, in words: left, last day, or expired.
    func daysLeft(until date: CivilDate) -> String {
        let days = input.asOf.days(until: date)
        if days > 0 { return strings.plural("deadline.days-left", count: days, ["n": String(days)]) }
        if days == 0 { return strings("deadline.today") }
        return strings.plural("deadline.expired", count: -days, ["n": String(-days)])
    }

    /// Totals per currency, in currency order.
    static func totals(_ amounts: [Money]) -> [Money] {
        var sums: [Currency: Int64] = [:]
        for m in amounts { sums[m.currency, default: 0] += m.minorUnits }
        return sums.keys.sorted().map { Money(minorUnits: sums[$0]!, currency: $0) }
    }

    /// The channels a finding's charges moved on, in a fixed order; for a finding without
    /// charges (an upcoming one), its stream's channels; `other` when nothing is known.
    func channels(of finding: Finding) -> [Channel] {
        let own = Set(finding.transactions.map(\.channel))
        if !own.isEmpty { return own.sorted() }
        let stream = Set(subscription(of: finding)?.channels ?? [])
        return stream.isEmpty ? [.other] : stream.sorted()
    }
}
