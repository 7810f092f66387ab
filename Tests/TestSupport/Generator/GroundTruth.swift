import Detection
import Ledger

/// What a generated person's statements really contain, for scoring the detection.
public struct GroundTruth: Sendable {
    public struct Stream: Sendable {
        public var label: String
        public var cadence: Cadence
        /// The charges of the stream (duplicates and fully refunded charges left out).
        public var transactionIDs: [String]
        public var ignored: Bool
    }

    public struct ExpectedFinding: Sendable {
        public var kind: FindingKind
        public var label: String
        public var transactionIDs: [String]
    }

    public var streams: [Stream] = []
    public var findings: [ExpectedFinding] = []
    /// Habitual purchases (coffee, canteen, groceries, metro): never part of a subscription.
    public var habitIDs: Set<String> = []
    /// Funding rows (card/bank) of wallet payments: must never be counted as a charge of their own.
    public var fundingTwinIDs: Set<String> = []
}

public struct GeneratedPerson: Sendable {
    public var seed: UInt64
    public var transactions: [Transaction]
    public var config: DetectionConfig
    public var asOf: CivilDate
    public var truth: GroundTruth
}
