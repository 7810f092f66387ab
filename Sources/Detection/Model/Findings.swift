import Ledger

public enum FindingKind: String, Hashable, Sendable, CaseIterable, Codable {
    case chargeAfterCancellation = "charge-after-cancellation"
    case shortenedInterval = "shortened-interval"
    case duplicateCharge = "duplicate-charge"
    case priceIncrease = "price-increase"
    case trialConversion = "trial-conversion"
    case reactivated
    case newSubscription = "new-subscription"
    case upcomingCharge = "upcoming-charge"

    public var severity: Severity {
        switch self {
        case .chargeAfterCancellation, .shortenedInterval, .duplicateCharge: return .high
        case .priceIncrease, .trialConversion, .reactivated: return .medium
        case .newSubscription, .upcomingCharge: return .info
        }
    }
}

public enum Severity: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case high, medium, info

    /// high sorts first.
    public var rank: Int { self == .high ? 0 : self == .medium ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

public enum SubscriptionStatus: String, Hashable, Sendable, Codable {
    case active, lapsed, cancelled
}

/// A recurring stream of charges from one merchant at one price level and cadence.
public struct Subscription: Hashable, Sendable {
    /// `sub-` + a hash of the merchant key, cadence and first charge: stable across runs.
    public var id: String
    /// The merchant as the report names it (alias name, else the most frequent display name).
    public var merchant: String
    /// The normalised key the stream was grouped by.
    public var merchantKey: String
    public var cadence: Cadence
    /// The current (latest) price.
    public var amount: Money
    public var status: SubscriptionStatus
    public var first: CivilDate
    public var last: CivilDate
    public var nextExpected: CivilDate?
    public var channels: [Channel]
    /// The charges in date order (canonical transaction of each linked payment).
    public var transactions: [Transaction]

    public init(id: String, merchant: String, merchantKey: String, cadence: Cadence, amount: Money,
                status: SubscriptionStatus, first: CivilDate, last: CivilDate, nextExpected: CivilDate?,
                channels: [Channel], transactions: [Transaction]) {
        self.id = id; self.merchant = merchant; self.merchantKey = merchantKey; self.cadence = cadence
        self.amount = amount; self.status = status; self.first = first; self.last = last
        self.nextExpected = nextExpected; self.channels = channels; self.transactions = transactions
    }

    /// Cost over a year at the current price.
    public var yearlyCost: Money {
        let perYear: Double = 365.25 / cadence.nominalDays
        let cycles = Int64((perYear).rounded())
        return Money(minorUnits: amount.minorUnits.magnitude > 0 ? Int64(amount.minorUnits.magnitude) * max(cycles, 1) : 0, currency: amount.currency)
    }
}

/// A deadline computed from a LAW.md formula; `rule` keys into the rule texts.
public struct Deadline: Hashable, Sendable {
    /// `visa-13.2`, `visa-12.6.1`, `mc-4853`, `reg-e`, `reg-z`, `sepa-core-refund`,
    /// `sepa-unauthorised`, `12315-acceptance`, `renewal-reminder`, …
    public var rule: String
    public var date: CivilDate

    public init(rule: String, date: CivilDate) {
        self.rule = rule; self.date = date
    }
}

/// The facts particular to each kind, for the report's wording.
public enum FindingDetail: Hashable, Sendable {
    case afterCancellation(Cancellation)
    /// Observed gaps in days for the early charges, against the expected cadence.
    case shortenedInterval(expected: Cadence, fromPlan: Bool, gapsInDays: [Int])
    /// The charge that was due (the one kept), and the extras.
    case duplicate(original: Transaction)
    case priceIncrease(from: Money, to: Money, fromPlan: Bool)
    case trialConversion(trialAmount: Money, fullAmount: Money)
    case reactivated(gapInDays: Int, missedCycles: Int)
    case newSubscription
    case upcoming(date: CivilDate, amount: Money)
}

/// One thing the user should look at, with exactly the charges it is about.
public struct Finding: Hashable, Sendable {
    /// `f-` + hash of kind, merchant key and the cited transaction ids: stable across runs.
    public var id: String
    public var kind: FindingKind
    public var severity: Severity
    public var merchant: String
    public var subscriptionID: String?
    /// Money at stake (what to ask back); zero for info findings without a charge.
    public var amount: Money
    public var transactions: [Transaction]
    public var detail: FindingDetail
    public var deadlines: [Deadline]
    /// Refunds already received against these charges (partial refunds reduce `amount`).
    public var refunded: Money?

    public init(id: String, kind: FindingKind, merchant: String, subscriptionID: String?, amount: Money,
                transactions: [Transaction], detail: FindingDetail, deadlines: [Deadline], refunded: Money? = nil) {
        self.id = id; self.kind = kind; self.severity = kind.severity; self.merchant = merchant
        self.subscriptionID = subscriptionID; self.amount = amount; self.transactions = transactions
        self.detail = detail; self.deadlines = deadlines; self.refunded = refunded
    }
}

/// A payment seen on two statements (wallet row + funding card row), or a refund and its charge.
public struct Link: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case walletFunding = "wallet-funding", refund, reversal, duplicateExport = "duplicate-export" }
    public var kind: Kind
    /// The transaction kept for detection.
    public var primary: String
    public var secondary: String

    public init(kind: Kind, primary: String, secondary: String) {
        self.kind = kind; self.primary = primary; self.secondary = secondary
    }
}

public struct DetectionResult: Sendable {
    public var subscriptions: [Subscription]
    /// Ordered most severe first, then most money, then id.
    public var findings: [Finding]
    public var links: [Link]

    public init(subscriptions: [Subscription], findings: [Finding], links: [Link]) {
        self.subscriptions = subscriptions; self.findings = findings; self.links = links
    }
}
