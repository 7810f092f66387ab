import Ledger

/// A recorded cancellation (`[[cancellation]]` in the config).
public struct Cancellation: Hashable, Sendable {
    /// Matches a merchant whose name contains it, ignoring case and width.
    public var merchant: String
    /// When the cancellation reached the merchant.
    public var date: CivilDate
    /// Time of day, when the config gave a datetime; charges earlier that day are not after it.
    public var time: Timestamp?
    public var reference: String?
    public var channel: String?
    /// Paths relative to the config file.
    public var evidence: [String]
    public var note: String?
    /// `file:line` of the declaration, for messages and the report.
    public var declaredAt: String

    public init(merchant: String, date: CivilDate, time: Timestamp? = nil, reference: String? = nil, channel: String? = nil,
                evidence: [String] = [], note: String? = nil, declaredAt: String = "") {
        self.merchant = merchant; self.date = date; self.time = time; self.reference = reference
        self.channel = channel; self.evidence = evidence; self.note = note; self.declaredAt = declaredAt
    }
}

/// What the user was promised (`[[plan]]`).
public struct Plan: Hashable, Sendable {
    public var merchant: String
    public var cadence: Cadence
    public var amount: Money?
    public var declaredAt: String

    public init(merchant: String, cadence: Cadence, amount: Money?, declaredAt: String = "") {
        self.merchant = merchant; self.cadence = cadence; self.amount = amount; self.declaredAt = declaredAt
    }
}

/// Several names that are one merchant (`[[alias]]`).
public struct Alias: Hashable, Sendable {
    public var name: String
    public var match: [String]

    public init(name: String, match: [String]) {
        self.name = name; self.match = match
    }
}

/// Everything the detection takes besides the transactions.
public struct DetectionConfig: Sendable {
    public var cancellations: [Cancellation]
    public var plans: [Plan]
    public var aliases: [Alias]
    /// Merchants never reported on (`[[ignore]]`).
    public var ignore: [String]
    public var upcomingDays: Int

    public init(cancellations: [Cancellation] = [], plans: [Plan] = [], aliases: [Alias] = [], ignore: [String] = [], upcomingDays: Int = 7) {
        self.cancellations = cancellations; self.plans = plans; self.aliases = aliases
        self.ignore = ignore; self.upcomingDays = upcomingDays
    }
}
