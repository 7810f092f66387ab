import Ledger

/// The whole detection: pure and deterministic. Same transactions, config and `asOf` give
/// the same result, whatever order the transactions arrive in.
public enum Detector {
    public static func run(_ transactions: [Transaction], config: DetectionConfig, asOf: CivilDate) -> DetectionResult {
        // Placeholder until the detection lands: no streams, no findings.
        DetectionResult(subscriptions: [], findings: [], links: [])
    }
}
