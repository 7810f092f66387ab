import Detection
import Foundation
import Ledger
import Store

/// What the state store remembers about findings: which are new, which the user acknowledged.
/// A finding is new until a run that reported it finished; an acknowledged one never alerts.
struct FindingMemory {
    var new: Set<String>
    var acknowledged: Set<String>

    static func update(store: StateStore, findings: [Finding], asOf: CivilDate, runID: Int64) throws -> FindingMemory {
        let sightings = findings.map { FindingSighting(id: $0.id, kind: $0.kind.rawValue, merchant: $0.merchant) }
        let recall = try StateAccess.run { try store.recordFindings(sightings, at: asOf.description, runID: runID) }
        return FindingMemory(new: recall.new.subtracting(recall.acknowledged), acknowledged: recall.acknowledged)
    }
}

/// Opening the state store and mapping its errors to exit 4.
enum StateAccess {
    static func open(_ directory: URL, lockTimeout: Double) throws -> StateStore {
        try run { try StateStore.open(directory: directory, lockTimeout: .milliseconds(Int(lockTimeout * 1000))) }
    }

    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError {
            throw ScanFailure(.failure, e.description)
        }
    }

    /// Wall-clock time for the runs log only; nothing in a report depends on it.
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
