import Foundation
import GRDB
import Ledger

/// The parse cache: what each file produced, found by (path, stat stamp) first and by the
/// SHA-256 of its bytes second. `parserKey` names everything that changes how a file is
/// read (program version, CSV profiles, default time zone): content stored under another
/// key is a miss, so an upgrade or a config change re-reads every file once.
///
/// A scan uses it like this:
/// 1. `FileStamp.of(path:)` for every file, then one `cachedImports(_:parserKey:)` call;
/// 2. for each miss, hash the file: `cachedImport(sha256:path:parserKey:)` finds touched,
///    copied and renamed files (record them as `.rehashed`); parse the rest (`.parsed`);
/// 3. one `commitSources(_:parserKey:keeping:)` with every update and the set of paths that
///    exist, which also forgets vanished files. Until that commit nothing is written, so a
///    killed scan leaves the previous cache exactly as it was.
///
/// Paths are the keys the caller chooses, normally the path relative to the scanned folder
/// that `SourceLocation` uses (prefix it with the folder when one state directory serves
/// several). The cache holds what the files hold: transactions present in two files are in
/// both entries; deduplicating by source id is done on the merged set, as on a first scan.
extension StateStore {
    /// Transactions per stored chunk: chunks decode in parallel and stay far below SQLite's
    /// 1 GB blob limit whatever the file size.
    static let chunkSize = 65_536

    /// The content of the file at `path` when its stamp is exactly the one recorded.
    public func cachedImport(path: String, stamp: FileStamp, parserKey: String, rawRows: Bool = true) throws -> SourceContent? {
        try cachedImports([(path, stamp)], parserKey: parserKey, rawRows: rawRows)[path]
    }

    /// `cachedImport(path:stamp:parserKey:)` for many files at once, decoding in parallel.
    /// Returns the hits only, by path. With `rawRows` false every `rawRow` is empty: about a
    /// quarter faster for big folders; fetch the few rows a report cites with
    /// `rawRows(path:parserKey:at:)`.
    public func cachedImports(_ files: [(path: String, stamp: FileStamp)], parserKey: String,
                              rawRows: Bool = true) throws -> [String: SourceContent] {
        let found: [(String, StoredContent)] = try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT s.size, s.modified_ns, s.changed_ns, s.inode, s.device, c.id, c.sha256, c.format, c.problem,
                       c.transaction_count, c.details
                FROM source s JOIN content c ON c.id = s.content_id
                WHERE s.path = ? AND c.parser_key = ?
                """)
            var hits: [(String, StoredContent)] = []
            for (path, stamp) in files {
                guard let row = try Row.fetchOne(statement, arguments: [path, parserKey]),
                      Self.stamp(row) == stamp else { continue }
                hits.append((path, try StoredContent.load(row, offset: 5, db: db)))
            }
            return hits
        }
        return decodeAll(found, rawRows: rawRows)
    }

    /// The content whose bytes hash to `sha256`, read with `parserKey`, with its
    /// transactions' paths moved to `path`: for a file that was touched, copied or renamed.
    /// Record the new location with `commitSources([.rehashed …])`.
    public func cachedImport(sha256: String, path: String, parserKey: String) throws -> SourceContent? {
        let found: StoredContent? = try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, sha256, format, problem, transaction_count, details FROM content
                WHERE sha256 = ? AND parser_key = ?
                """, arguments: [sha256, parserKey]) else { return nil }
            return try StoredContent.load(row, offset: 0, db: db)
        }
        guard let found else { return nil }
        return decodeAll([(path, found)], rawRows: true)[path]
    }

    /// The raw rows of the transactions at `locations` in the file recorded at `path`
    /// (whatever its stamp), as loaded with `rawRows: true`. Locations not found are absent.
    public func rawRows(path: String, parserKey: String, at locations: Set<SourceLocation>) throws -> [SourceLocation: String] {
        let payloads: [Data] = try read { db in
            try Data.fetchAll(db, sql: """
                SELECT k.payload FROM source s JOIN content c ON c.id = s.content_id
                JOIN content_chunk k ON k.content_id = c.id
                WHERE s.path = ? AND c.parser_key = ? ORDER BY k.seq
                """, arguments: [path, parserKey])
        }
        var found: [SourceLocation: String] = [:]
        for payload in payloads {
            let part = try payload.withUnsafeBytes { raw in
                do { return try TransactionCodec.rawRows(in: raw, filePath: path, at: locations) } catch {
                    throw StoreError.database(path: databasePath, message: "cached rows of \(path) are damaged; rescan to rebuild them")
                }
            }
            found.merge(part) { first, _ in first }
        }
        return found
    }

    /// Stores one parsed file (its own transaction). Prefer `commitSources` for a batch.
    public func saveImport(path: String, stamp: FileStamp, content: SourceContent, parserKey: String) throws {
        try commitSources([.parsed(path: path, stamp: stamp, content: content)], parserKey: parserKey)
    }

    /// Records a scan's changed files in one transaction; when `keeping` is given, every
    /// other path is forgotten in the same transaction. Content no path refers to any more
    /// is dropped.
    public func commitSources(_ updates: [SourceUpdate], parserKey: String, keeping: Set<String>? = nil) throws {
        var pending = updates
        try commitSources(draining: &pending, parserKey: parserKey, keeping: keeping)
    }

    /// `commitSources`, taking the updates out of `updates` one by one so that each file's
    /// encoding is freed once written (a first scan hands over hundreds of MB). `updates` is
    /// left empty, also when the commit fails.
    public func commitSources(draining updates: inout [SourceUpdate], parserKey: String, keeping: Set<String>? = nil) throws {
        defer { updates = [] }
        var wroteContent = false
        try write { db in
            // Content first: a rehashed path may refer to content parsed in this batch.
            var rehashed: [(path: String, stamp: FileStamp, sha256: String)] = []
            while let update = updates.popLast() {
                switch update {
                case let .parsed(path, stamp, content):
                    let id = try Self.insertContent(content, filePath: path, parserKey: parserKey, db: db)
                    try Self.upsertSource(path: path, stamp: stamp, contentID: id, db: db)
                    wroteContent = true
                case let .rehashed(path, stamp, sha256):
                    rehashed.append((path, stamp, sha256))
                }
            }
            for (path, stamp, sha256) in rehashed {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM content WHERE sha256 = ? AND parser_key = ?",
                                                  arguments: [sha256, parserKey]) else {
                    throw StoreError.database(path: databasePath, message: "no stored content \(sha256) for \(path)")
                }
                try Self.upsertSource(path: path, stamp: stamp, contentID: id, db: db)
            }
            if let keeping { try Self.deleteSources(notIn: keeping, db: db) }
            try db.execute(sql: "DELETE FROM content WHERE id NOT IN (SELECT content_id FROM source)")
        }
        if wroteContent { checkpointInBackground() }
    }

    /// Forgets files that are gone from the folder (and content no file refers to).
    public func forgetSources(notIn paths: Set<String>) throws {
        try commitSources([], parserKey: "", keeping: paths)
    }

    /// Every path the cache knows, sorted.
    public func knownSourcePaths() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT path FROM source ORDER BY path") }
    }

    // MARK: Writing

    private static func insertContent(_ content: SourceContent, filePath: String, parserKey: String, db: Database) throws -> Int64 {
        // Upsert: a file parsed again (its cache entry was damaged, or the same bytes
        // appear twice in one scan) replaces the stored rows in place, keeping the id that
        // other paths may refer to.
        let encoded = Self.payloads(of: content, filePath: filePath)
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO content (sha256, parser_key, format, problem, transaction_count, details) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256, parser_key) DO UPDATE SET format = excluded.format, problem = excluded.problem,
                transaction_count = excluded.transaction_count, details = excluded.details
            RETURNING id
            """, arguments: [content.sha256, parserKey, content.format, content.problem, encoded.transactionCount,
                             Data(DetailsCodec.encode(skipped: content.skipped, notes: content.notes))])!
        try db.execute(sql: "DELETE FROM content_chunk WHERE content_id = ?", arguments: [id])
        let insert = try db.cachedStatement(sql: "INSERT INTO content_chunk (content_id, seq, transaction_count, payload) VALUES (?, ?, ?, ?)")
        for (seq, chunk) in encoded.chunks.enumerated() {
            try insert.execute(arguments: [id, seq, chunk.count, chunk.payload])
        }
        return id
    }

    /// The content's own encoding when it was made for this path (and, when the transactions
    /// are given too, for as many of them), else a fresh one.
    private static func payloads(of content: SourceContent, filePath: String) -> EncodedTransactions {
        if let e = content.encoded, e.filePath == filePath, content.transactions.isEmpty || e.transactionCount == content.transactions.count {
            return e
        }
        return encode(content.transactions, filePath: filePath)
    }

    /// Encodes a file's transactions for `SourceContent.encoded`; `filePath` is the path the
    /// content will be saved under.
    public static func encode(_ transactions: [Transaction], filePath: String) -> EncodedTransactions {
        var chunks: [EncodedTransactions.Chunk] = []
        var start = 0
        while start < transactions.count {
            let end = min(start + chunkSize, transactions.count)
            chunks.append(.init(count: end - start, payload: Data(TransactionCodec.encode(transactions[start..<end], filePath: filePath))))
            start = end
        }
        return EncodedTransactions(filePath: filePath, chunks: chunks)
    }

    private static func upsertSource(path: String, stamp: FileStamp, contentID: Int64, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO source (path, size, modified_ns, changed_ns, inode, device, content_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified_ns = excluded.modified_ns,
                changed_ns = excluded.changed_ns, inode = excluded.inode, device = excluded.device,
                content_id = excluded.content_id
            """, arguments: [path, stamp.size, stamp.modifiedNanoseconds, stamp.changedNanoseconds,
                             Int64(bitPattern: stamp.inode), Int64(bitPattern: stamp.device), contentID])
    }

    private static func deleteSources(notIn keep: Set<String>, db: Database) throws {
        let known = try String.fetchAll(db, sql: "SELECT path FROM source")
        let delete = try db.cachedStatement(sql: "DELETE FROM source WHERE path = ?")
        for path in known where !keep.contains(path) {
            try delete.execute(arguments: [path])
        }
    }

    static func stamp(_ row: Row) -> FileStamp {
        FileStamp(size: row[0], modifiedNanoseconds: row[1], changedNanoseconds: row[2],
                  inode: UInt64(bitPattern: row[3] as Int64), device: UInt64(bitPattern: row[4] as Int64))
    }

    // MARK: Reading

    /// A content row and its chunks as stored, before decoding.
    struct StoredContent: Sendable {
        var sha256: String
        var format: String
        var problem: String?
        var transactionCount: Int
        var details: Data
        var chunks: [(count: Int, payload: Data)]

        static func load(_ row: Row, offset o: Int, db: Database) throws -> StoredContent {
            let id: Int64 = row[o]
            let chunks = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT transaction_count, payload FROM content_chunk WHERE content_id = ? ORDER BY seq
                """), arguments: [id]).map { (count: $0[0] as Int, payload: $0[1] as Data) }
            return StoredContent(sha256: row[o + 1], format: row[o + 2], problem: row[o + 3],
                                 transactionCount: row[o + 4], details: row[o + 5], chunks: chunks)
        }
    }

    /// Decodes the contents, in parallel: the chunks of a big file one file at a time, the
    /// small files (one chunk) side by side. (libdispatch runs a nested concurrentPerform
    /// serially, so the two levels are not nested.) A content that does not decode is left
    /// out: the caller parses the file again.
    func decodeAll(_ items: [(String, StoredContent)], rawRows: Bool) -> [String: SourceContent] {
        var out: [String: SourceContent] = [:]
        let small = items.filter { $0.1.chunks.count <= 1 }
        let results = UnsafeResults<SourceContent>(count: small.count)
        DispatchQueue.concurrentPerform(iterations: small.count) { i in
            results.set(i, Self.decode(small[i].1, filePath: small[i].0, parallel: false, rawRows: rawRows))
        }
        for (i, item) in small.enumerated() {
            if let content = results.take(i) { out[item.0] = content }
        }
        for (path, stored) in items where stored.chunks.count > 1 {
            if let content = Self.decode(stored, filePath: path, parallel: true, rawRows: rawRows) { out[path] = content }
        }
        return out
    }

    private static func decode(_ stored: StoredContent, filePath: String, parallel: Bool, rawRows: Bool) -> SourceContent? {
        guard stored.chunks.reduce(0, { $0 + $1.count }) == stored.transactionCount,
              let details = try? DetailsCodec.decode([UInt8](stored.details)) else { return nil }
        let offsets = stored.chunks.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var failed = false
        let transactions = [Transaction](unsafeUninitializedCapacity: stored.transactionCount) { buffer, initialized in
            let base = UnsafeSendablePointer(pointer: buffer.baseAddress)
            let decodedCounts = UnsafeResults<Int>(count: stored.chunks.count)
            let decodeChunk = { @Sendable (c: Int) in
                let chunk = stored.chunks[c]
                let n = chunk.payload.withUnsafeBytes { raw in
                    try? TransactionCodec.decode(raw, filePath: filePath, into: base.pointer! + offsets[c], capacity: chunk.count,
                                                   rawRows: rawRows)
                }
                decodedCounts.set(c, n)
            }
            if parallel {
                DispatchQueue.concurrentPerform(iterations: stored.chunks.count, execute: decodeChunk)
            } else {
                for c in stored.chunks.indices { decodeChunk(c) }
            }
            // Keep only a whole result: on any failure deinitialise the chunks that worked.
            let counts = (0..<stored.chunks.count).map { decodedCounts.take($0) }
            if counts.enumerated().allSatisfy({ $0.element == stored.chunks[$0.offset].count }) {
                initialized = stored.transactionCount
            } else {
                for (c, n) in counts.enumerated() { if let n { (buffer.baseAddress! + offsets[c]).deinitialize(count: n) } }
                failed = true
                initialized = 0
            }
        }
        if failed { return nil }
        return SourceContent(sha256: stored.sha256, format: stored.format, transactions: transactions,
                             skipped: details.skipped, notes: details.notes, problem: stored.problem)
    }
}

/// Slots written by `concurrentPerform` iterations, each by exactly one iteration, and read
/// after it returns.
final class UnsafeResults<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>

    init(count: Int) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: nil, count: max(count, 1))
        self.count = count
    }

    let count: Int

    func set(_ i: Int, _ value: T?) { base[i] = value }
    func take(_ i: Int) -> T? { base[i].take() }

    deinit {
        base.deinitialize(count: max(count, 1))
        base.deallocate()
    }
}

/// A buffer address handed to parallel iterations that write disjoint ranges of it.
struct UnsafeSendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>?
}
