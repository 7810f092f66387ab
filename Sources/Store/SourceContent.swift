import Foundation
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
    /// `transactions` already in the store's encoding (`StateStore.encode(_:filePath:)`), made
    /// where the file was parsed so that encoding runs on all cores, not inside the one
    /// writing transaction. Nil: the store encodes them when saving.
    public var encoded: EncodedTransactions?

    public init(sha256: String, format: String, transactions: [Transaction], skipped: [StoredSkippedRow] = [],
                notes: [String] = [], problem: String? = nil, encoded: EncodedTransactions? = nil) {
        self.sha256 = sha256
        self.format = format
        self.transactions = transactions
        self.skipped = skipped
        self.notes = notes
        self.problem = problem
        self.encoded = encoded
    }
}

/// A file's transactions in the store's encoding, cut into chunks.
public struct EncodedTransactions: Hashable, Sendable {
    /// The path they were encoded relative to: they are valid only for a file saved under it.
    public let filePath: String
    let chunks: [Chunk]

    struct Chunk: Hashable, Sendable {
        var count: Int
        var payload: Data
    }

    public var transactionCount: Int { chunks.reduce(0) { $0 + $1.count } }

    /// The size of the encoding in bytes.
    public var byteCount: Int { chunks.reduce(0) { $0 + $1.payload.count } }
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
