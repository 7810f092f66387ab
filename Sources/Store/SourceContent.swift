import Ledger

/// A row the importer could not read, kept so that a cached file reports the same skips.
/// (Store does not depend on Importers; Scanning maps it to and from `SkippedRow`.)
public struct StoredSkippedRow: Hashable, Sendable {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// What reading one file produced: everything a later run needs to skip parsing it.
public struct SourceContent: Hashable, Sendable {
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    public var format: String
    public var transactions: [Transaction]
    public var skipped: [StoredSkippedRow]
    /// Statement facts the importer noted (account, period, holder).
    public var notes: [String]
    /// Why the file could not be read at all, when it could not; such results are cached too
    /// so that a broken file is reported every run without being parsed every run.
    public var problem: String?

    public init(sha256: String, format: String, transactions: [Transaction], skipped: [StoredSkippedRow] = [],
                notes: [String] = [], problem: String? = nil) {
        self.sha256 = sha256
        self.format = format
        self.transactions = transactions
        self.skipped = skipped
        self.notes = notes
        self.problem = problem
    }
}

/// One file's entry in a batch written by `StateStore.commitSources`.
public enum SourceUpdate: Sendable {
    /// The file was parsed: store its content and where it lives.
    case parsed(path: String, stamp: FileStamp, content: SourceContent)
    /// The file's stamp changed but its bytes hash to content the store already holds
    /// (touched, copied or renamed): only its location is recorded.
    case rehashed(path: String, stamp: FileStamp, sha256: String)

    public var path: String {
        switch self {
        case let .parsed(path, _, _), let .rehashed(path, _, _): return path
        }
    }
}
