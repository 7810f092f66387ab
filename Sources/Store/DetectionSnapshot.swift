import Detection
import Foundation
import GRDB
import Ledger

/// A detection result as a later scan reuses it, with the span of the transactions it saw.
public struct DetectionSnapshot: Sendable {
    public var result: DetectionResult
    public var period: ClosedRange<CivilDate>?

    public init(result: DetectionResult, period: ClosedRange<CivilDate>?) {
        self.result = result
        self.period = period
    }
}

/// What the parse cache knows of a file without its transactions: enough to list the file
/// in a report and to key a snapshot.
public struct SourceSummary: Sendable {
    public var sha256: String
    public var format: String
    public var problem: String?
    public var transactionCount: Int
    public var skipped: [StoredSkippedRow]
    public var notes: [String]
}

/// The detection snapshot: one entry, replaced by every scan that ran detection. Its key is
/// the caller's digest of every input (parser key, each file's path and SHA-256, the detection
/// settings, the as-of date, the program), so a stale entry is simply never found.
extension StateStore {
    public func detectionSnapshot(key: String) throws -> DetectionSnapshot? {
        let payload: Data? = try read { db in
            try Data.fetchOne(db, sql: "SELECT payload FROM detection_snapshot WHERE key = ?", arguments: [key])
        }
        guard let payload else { return nil }
        // A damaged entry is a miss: detection runs again and replaces it.
        guard let decoded = try? DetectionCodec.decode([UInt8](payload)) else { return nil }
        return DetectionSnapshot(result: decoded.result, period: decoded.period)
    }

    public func saveDetectionSnapshot(_ snapshot: DetectionSnapshot, key: String) throws {
        let payload = Data(DetectionCodec.encode(snapshot.result, period: snapshot.period))
        try write { db in
            try db.execute(sql: "DELETE FROM detection_snapshot")
            try db.execute(sql: "INSERT INTO detection_snapshot (key, payload) VALUES (?, ?)", arguments: [key, payload])
        }
    }

    /// The cached summary of each file whose stamp is exactly the one recorded, by path,
    /// without reading any transaction.
    public func cachedSummaries(_ files: [(path: String, stamp: FileStamp)], parserKey: String) throws -> [String: SourceSummary] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT s.size, s.modified_ns, s.changed_ns, s.inode, s.device, c.sha256, c.format, c.problem,
                       c.transaction_count, c.details
                FROM source s JOIN content c ON c.id = s.content_id
                WHERE s.path = ? AND c.parser_key = ?
                """)
            var hits: [String: SourceSummary] = [:]
            for (path, stamp) in files {
                guard let row = try Row.fetchOne(statement, arguments: [path, parserKey]), Self.stamp(row) == stamp,
                      let details = try? DetailsCodec.decode([UInt8](row[9] as Data)) else { continue }
                hits[path] = SourceSummary(sha256: row[5], format: row[6], problem: row[7], transactionCount: row[8],
                                           skipped: details.skipped, notes: details.notes)
            }
            return hits
        }
    }
}
