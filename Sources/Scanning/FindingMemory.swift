import Foundation
import Ledger

/// What the state store remembers about findings: which are new, which the user acknowledged.
struct FindingMemory {
    var new: Set<String>
    var acknowledged: Set<String>

    /// Until the store lands every finding counts as new and none as acknowledged.
    static func update(stateDirectory: URL, result: ScanResult, asOf: CivilDate, lockTimeout: Double) throws -> FindingMemory {
        FindingMemory(new: Set(result.detection.findings.map(\.id)), acknowledged: [])
    }
}
