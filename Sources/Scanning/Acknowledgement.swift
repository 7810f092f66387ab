import Foundation
import Store

/// `autodebit ack`: remembered in the state store; later scans list the finding without alerting.
public enum Acknowledgement {
    /// Returns a line describing what was silenced. `id` may be a unique prefix.
    public static func acknowledge(_ id: String, stateDirectory: URL, lockTimeout: Double = 5) throws -> String {
        guard FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent(StateStore.databaseName).path) else {
            throw ScanFailure(.usage, "\(stateDirectory.path): no state yet; run `autodebit scan` on the folder first")
        }
        let store = try StateAccess.open(stateDirectory, lockTimeout: lockTimeout)
        defer { try? store.close() }
        do {
            let record = try store.acknowledge(id: id, at: StateAccess.now())
            return "acknowledged \(record.id) (\(record.kind), \(record.merchant), first seen \(record.firstSeen))"
        } catch StoreError.unknownFinding(let id, let candidates) {
            let hint = candidates.isEmpty ? "" : "; did you mean \(candidates.joined(separator: ", "))?"
            throw ScanFailure(.usage, "no finding \(id) in \(stateDirectory.path)\(hint)")
        } catch let e as StoreError {
            throw ScanFailure(.failure, e.description)
        }
    }
}
