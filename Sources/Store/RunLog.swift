import GRDB

/// What a finished run reports about itself.
public struct RunSummary: Hashable, Sendable {
    public var outcome: String
    public var finishedAt: String
    public var files: Int
    public var filesParsed: Int
    public var transactions: Int
    public var findings: Int
    public var newFindings: Int
    public var exitCode: Int
    public var message: String?

    public init(outcome: String = "ok", finishedAt: String, files: Int = 0, filesParsed: Int = 0, transactions: Int = 0,
                findings: Int = 0, newFindings: Int = 0, exitCode: Int = 0, message: String? = nil) {
        self.outcome = outcome; self.finishedAt = finishedAt; self.files = files; self.filesParsed = filesParsed
        self.transactions = transactions; self.findings = findings; self.newFindings = newFindings
        self.exitCode = exitCode; self.message = message
    }
}

/// One entry of the runs log. `summary` is nil for a run that never finished (killed).
public struct RunRecord: Hashable, Sendable {
    public var id: Int64
    public var startedAt: String
    public var asOf: String
    public var folders: [String]
    public var summary: RunSummary?
}

extension StateStore {
    /// Opens a log entry; times are given by the caller (the library reads no clock).
    public func beginRun(startedAt: String, asOf: String, folders: [String]) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO run (started_at, as_of, folders) VALUES (?, ?, ?)",
                           arguments: [startedAt, asOf, folders.joined(separator: "\n")])
            return db.lastInsertedRowID
        }
    }

    /// Closes the log entry and, in the same transaction, marks every finding this run saw
    /// as reported, so later runs no longer count them as new.
    public func finishRun(_ runID: Int64, _ summary: RunSummary) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE run SET finished_at = ?, outcome = ?, files = ?, files_parsed = ?, transactions = ?, findings = ?,
                    new_findings = ?, exit_code = ?, message = ? WHERE id = ?
                """, arguments: [summary.finishedAt, summary.outcome, summary.files, summary.filesParsed,
                                 summary.transactions, summary.findings, summary.newFindings, summary.exitCode,
                                 summary.message, runID])
            try db.execute(sql: "UPDATE finding SET reported = 1 WHERE last_run = ?", arguments: [runID])
        }
    }

    /// The latest `limit` runs, newest first.
    public func recentRuns(limit: Int = 20) throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, started_at, as_of, folders, finished_at, outcome, files, files_parsed, transactions,
                       findings, new_findings, exit_code, message
                FROM run ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let finishedAt: String? = row[4]
                return RunRecord(
                    id: row[0], startedAt: row[1], asOf: row[2],
                    folders: (row[3] as String).split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                    summary: finishedAt.map { RunSummary(outcome: row[5], finishedAt: $0, files: row[6] ?? 0,
                                                         filesParsed: row[7] ?? 0, transactions: row[8] ?? 0,
                                                         findings: row[9] ?? 0, newFindings: row[10] ?? 0,
                                                         exitCode: row[11] ?? 0, message: row[12]) })
            }
        }
    }
}
