import GRDB

/// What the store remembers about one finding id.
public struct FindingRecord: Hashable, Sendable {
    public var id: String
    public var kind: String
    public var merchant: String
    public var firstSeen: String
    public var lastSeen: String
    public var timesSeen: Int
    /// True once a run that saw it finished: only then does it stop counting as new.
    public var reported: Bool
    public var acknowledgedAt: String?
}

/// A finding as a run saw it; kind and merchant are kept so that `ack` can say what it silenced.
public struct FindingSighting: Hashable, Sendable {
    public var id: String
    public var kind: String
    public var merchant: String

    public init(id: String, kind: String = "", merchant: String = "") {
        self.id = id
        self.kind = kind
        self.merchant = merchant
    }
}

/// The split of a run's findings that `--exit-code` and the report's "new" marks use.
public struct FindingRecall: Hashable, Sendable {
    /// Never reported by a finished run (first seen now, or by a run that died before finishing).
    public var new: Set<String>
    /// Reported by an earlier finished run.
    public var seenBefore: Set<String>
    /// Silenced with `ack` (a subset of the two above).
    public var acknowledged: Set<String>
}

extension StateStore {
    /// Records that run `runID` saw these findings on `at` (the as-of date or run time, as
    /// ISO text so that it orders as it reads): inserts the new ones, moves `last_seen` of the
    /// others, all in one transaction. They count as reported when `finishRun` is called,
    /// so a run killed before it could alert leaves them new for the next run.
    public func recordFindings(_ sightings: [FindingSighting], at: String, runID: Int64) throws -> FindingRecall {
        try write { db in
            var recall = FindingRecall(new: [], seenBefore: [], acknowledged: [])
            let lookup = try db.cachedStatement(sql: "SELECT reported, acknowledged_at FROM finding WHERE id = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO finding (id, kind, merchant, first_seen, last_seen, times_seen, first_run, last_run)
                VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE finding SET kind = ?, merchant = ?, first_seen = min(first_seen, ?), last_seen = max(last_seen, ?),
                    times_seen = times_seen + 1, last_run = ? WHERE id = ?
                """)
            var seen = Set<String>()
            for s in sightings where seen.insert(s.id).inserted {
                if let row = try Row.fetchOne(lookup, arguments: [s.id]) {
                    try update.execute(arguments: [s.kind, s.merchant, at, at, runID, s.id])
                    if row[0] as Bool { recall.seenBefore.insert(s.id) } else { recall.new.insert(s.id) }
                    if (row[1] as String?) != nil { recall.acknowledged.insert(s.id) }
                } else {
                    try insert.execute(arguments: [s.id, s.kind, s.merchant, at, at, runID, runID])
                    recall.new.insert(s.id)
                }
            }
            return recall
        }
    }

    /// `recordFindings` for bare ids.
    public func recordFindings(_ ids: [String], at: String, runID: Int64) throws -> FindingRecall {
        try recordFindings(ids.map { FindingSighting(id: $0) }, at: at, runID: runID)
    }

    /// Silences a finding. `id` may be the full id or a prefix of exactly one known id (as
    /// with git hashes); otherwise throws `unknownFinding` with the ids it may have meant.
    /// Returns the record as acknowledged. Acknowledging twice keeps the first time.
    @discardableResult
    public func acknowledge(id: String, at: String) throws -> FindingRecord {
        try write { db in
            let fullID = try Self.resolve(id, db: db)
            try db.execute(sql: "UPDATE finding SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?",
                           arguments: [at, fullID])
            return try Self.record(fullID, db: db)!
        }
    }

    public func acknowledgedIDs() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM finding WHERE acknowledged_at IS NOT NULL"))
        }
    }

    /// What the store remembers of `id` (exact id), or nil.
    public func findingHistory(id: String) throws -> FindingRecord? {
        try read { db in try Self.record(id, db: db) }
    }

    /// Every remembered finding, by id.
    public func allFindings() throws -> [FindingRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.findingColumns) FROM finding ORDER BY id").map(Self.record)
        }
    }

    // MARK: Helpers

    private static let findingColumns = "id, kind, merchant, first_seen, last_seen, times_seen, reported, acknowledged_at"

    private static func record(_ row: Row) -> FindingRecord {
        FindingRecord(id: row[0], kind: row[1], merchant: row[2], firstSeen: row[3], lastSeen: row[4],
                      timesSeen: row[5], reported: row[6], acknowledgedAt: row[7])
    }

    private static func record(_ id: String, db: Database) throws -> FindingRecord? {
        try Row.fetchOne(db, sql: "SELECT \(findingColumns) FROM finding WHERE id = ?", arguments: [id]).map(record)
    }

    /// The exact id, else the one id it is a prefix of. Otherwise the error lists known ids
    /// sharing the longest possible leading part with it (at most ten), to catch typos.
    private static func resolve(_ id: String, db: Database) throws -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM finding WHERE id = ?", arguments: [trimmed]) != nil { return trimmed }
        let all = try String.fetchAll(db, sql: "SELECT id FROM finding ORDER BY id")
        guard !trimmed.isEmpty else { throw StoreError.unknownFinding(id: id, candidates: Array(all.prefix(10))) }
        let extending = all.filter { $0.hasPrefix(trimmed) }
        if extending.count == 1 { return extending[0] }
        if extending.count > 1 { throw StoreError.unknownFinding(id: id, candidates: Array(extending.prefix(10))) }
        var prefix = Substring(trimmed)
        while !prefix.isEmpty {
            prefix = prefix.dropLast()
            // A shared "f-" alone says nothing about what was meant.
            guard prefix.count > 2 else { break }
            let near = all.filter { $0.hasPrefix(prefix) }
            if !near.isEmpty { throw StoreError.unknownFinding(id: id, candidates: Array(near.prefix(10))) }
        }
        throw StoreError.unknownFinding(id: id, candidates: [])
    }
}
