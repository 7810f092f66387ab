import Ledger

/// How often a stream charges.
public enum Cadence: Hashable, Sendable, Comparable {
    case weekly, biweekly, monthly, quarterly, semiannual, yearly
    /// A fixed period in days that is none of the above (a "monthly" plan renewing every 20 days).
    case days(Int)

    /// The SPEC's cadence word: `monthly`, …, or `every-20-days`.
    public var name: String {
        switch self {
        case .weekly: return "weekly"
        case .biweekly: return "biweekly"
        case .monthly: return "monthly"
        case .quarterly: return "quarterly"
        case .semiannual: return "semiannual"
        case .yearly: return "yearly"
        case .days(let n): return "every-\(n)-days"
        }
    }

    /// ISO 8601 duration: `P1M`, `P7D`, `P20D`.
    public var isoPeriod: String {
        switch self {
        case .weekly: return "P7D"
        case .biweekly: return "P14D"
        case .monthly: return "P1M"
        case .quarterly: return "P3M"
        case .semiannual: return "P6M"
        case .yearly: return "P1Y"
        case .days(let n): return "P\(n)D"
        }
    }

    /// Days either side of the schedule a charge still counts as on time (posting lags,
    /// retries): one definition for the detection and for whatever generates test data.
    public var toleranceDays: Int {
        switch self {
        case .weekly: return 1
        case .biweekly: return 2
        case .monthly: return 3
        case .quarterly: return 5
        case .semiannual: return 6
        case .yearly: return 7
        case .days(let n): return max(1, min(3, n / 10))
        }
    }

    /// Calendar months per cycle, when the cadence is month-based.
    public var months: Int? {
        switch self {
        case .monthly: return 1
        case .quarterly: return 3
        case .semiannual: return 6
        case .yearly: return 12
        default: return nil
        }
    }

    /// Nominal length in days (month-based cadences use the mean month).
    public var nominalDays: Double {
        switch self {
        case .weekly: return 7
        case .biweekly: return 14
        case .monthly: return 30.44
        case .quarterly: return 91.31
        case .semiannual: return 182.62
        case .yearly: return 365.25
        case .days(let n): return Double(n)
        }
    }

    /// The date one cycle after `date`; month-based cadences clamp to month ends and aim at
    /// `anchorDay` (31 Jan → 28 Feb → 31 Mar).
    public func next(after date: CivilDate, anchorDay: Int? = nil) -> CivilDate {
        if let m = months { return date.adding(months: m, anchorDay: anchorDay) }
        switch self {
        case .weekly: return date.adding(days: 7)
        case .biweekly: return date.adding(days: 14)
        case .days(let n): return date.adding(days: n)
        default: return date
        }
    }

    /// Parses the config's `period`: a cadence word or `P<n>D` / `P<n>M` / `P<n>Y` / `P<n>W`.
    public init?(config text: String) {
        switch text.lowercased() {
        case "weekly": self = .weekly
        case "biweekly", "fortnightly": self = .biweekly
        case "monthly": self = .monthly
        case "quarterly": self = .quarterly
        case "semiannual", "semiannually", "half-yearly": self = .semiannual
        case "yearly", "annual", "annually": self = .yearly
        default:
            let upper = text.uppercased()
            guard upper.hasPrefix("P"), upper.count >= 3, let n = Int(upper.dropFirst().dropLast()), n > 0 else { return nil }
            switch upper.last {
            case "D": self = n == 7 ? .weekly : n == 14 ? .biweekly : .days(n)
            case "W": self = n == 1 ? .weekly : n == 2 ? .biweekly : .days(7 * n)
            case "M": switch n { case 1: self = .monthly; case 3: self = .quarterly; case 6: self = .semiannual; case 12: self = .yearly; default: return nil }
            case "Y": guard n == 1 else { return nil }; self = .yearly
            default: return nil
            }
        }
    }

    private var sortKey: Double { nominalDays }
    public static func < (a: Cadence, b: Cadence) -> Bool { a.sortKey < b.sortKey }
}
