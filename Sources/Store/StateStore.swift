import Foundation
import GRDB

/// What autodebit remembers about one folder between runs: parsed files (a cache keyed by
/// content hash), the findings already reported and acknowledged, and a log of runs. All of
/// it except that memory can be rebuilt from the statements, so deleting the directory is
/// always safe.
///
/// Opening takes an exclusive lock held until `close()`, so two runs on one folder never
/// interleave. SQLite in WAL mode with one transaction per batch of writes means that a run
/// killed at any moment leaves the last committed state, which the next open reads.
public final class StateStore: @unchecked Sendable {
    public static let databaseName = "state.sqlite"
    public static let lockName = "lock"

    /// The folder's default state directory, `FOLDER/.autodebit`.
    public static func defaultDirectory(for folder: URL) -> URL {
        folder.appendingPathComponent(".autodebit", isDirectory: true)
    }

    public let directory: URL
    public let databasePath: String
    /// Where an unreadable database was moved before a fresh one was created, if that
    /// happened on open; the CLI should say so (only the memory of reported findings is lost).
    public let quarantinedDatabase: String?

    private let queue: DatabaseQueue
    private let lock: FileLock
    private let closeLock = NSLock()
    private var isClosed = false

    private init(directory: URL, queue: DatabaseQueue, lock: FileLock, quarantined: String?) {
        self.directory = directory
        self.databasePath = queue.path
        self.queue = queue
        self.lock = lock
        self.quarantinedDatabase = quarantined
    }

    /// Creates the directory (0700), the lock file and the database (0600) as needed, waits
    /// up to `lockTimeout` for the lock, and brings the schema up to date.
    public static func open(directory: URL, lockTimeout: Duration = .seconds(5)) throws -> StateStore {
        let dir = directory.standardizedFileURL
        try createDirectory(dir.path)
        let lock = try FileLock.acquire(path: dir.appendingPathComponent(lockName).path, timeout: lockTimeout)
        let dbPath = dir.appendingPathComponent(databaseName).path
        do {
            let queue = try openDatabase(dbPath, busyTimeout: lockTimeout)
            return StateStore(directory: dir, queue: queue, lock: lock, quarantined: nil)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            // The file is not a database any more (truncated by a full disk, overwritten by
            // hand): keep it for inspection and start afresh rather than fail every cron run.
            let aside = try quarantine(dbPath)
            do {
                let queue = try openDatabase(dbPath, busyTimeout: lockTimeout)
                return StateStore(directory: dir, queue: queue, lock: lock, quarantined: aside)
            } catch {
                lock.release()
                throw storeError(error, path: dbPath)
            }
        } catch {
            lock.release()
            throw storeError(error, path: dbPath)
        }
    }

    /// Closes the database and releases the lock. Later calls on this store throw `closed`.
    public func close() throws {
        closeLock.lock()
        defer { closeLock.unlock() }
        guard !isClosed else { return }
        isClosed = true
        defer { lock.release() }
        do { try queue.close() } catch { throw Self.storeError(error, path: databasePath) }
    }

    deinit {
        try? close()
    }

    /// The identifier of the last schema migration applied (`v1` …).
    public func schemaVersion() throws -> String {
        try read { db in try Schema.migrator.appliedMigrations(db).last ?? "" }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    // MARK: Access

    /// One integer from `sql` (tests and diagnostics).
    func integer(_ sql: String) throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: sql) }
    }

    /// One text value from `sql` (tests and diagnostics).
    func text(_ sql: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: sql) }
    }

    /// Runs `sql` in its own transaction (tests and diagnostics).
    func execute(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try checkOpen()
        do { return try queue.read(body) } catch { throw Self.storeError(error, path: databasePath) }
    }

    /// Copies the write-ahead log into the database file and empties it, on another thread:
    /// the disk writes and their flush overlap the scan's detection instead of holding it up.
    /// Later calls on this store wait for it, and so does `close()`.
    func checkpointInBackground() {
        BackgroundThread.start { [self] in
            guard (try? checkOpen()) != nil else { return }
            _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
    }

    /// One write transaction: everything in `body` is committed together or not at all.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try checkOpen()
        do { return try queue.write(body) } catch { throw Self.storeError(error, path: databasePath) }
    }

    private func checkOpen() throws {
        closeLock.lock()
        defer { closeLock.unlock() }
        if isClosed { throw StoreError.closed }
    }

    // MARK: Opening

    private static func createDirectory(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw StoreError.cannotCreate(path: path, reason: "a file with that name exists") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotCreate(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private static func openDatabase(_ path: String, busyTimeout: Duration) throws -> DatabaseQueue {
        try createPrivateFiles(path)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds) + 1)
        config.prepareDatabase { db in
            // NORMAL is durable against a killed process in WAL mode (only power loss can
            // drop the last commit); a size limit stops a big import leaving a huge -wal.
            // No automatic checkpoint: it would run inside the commit of a big import and make
            // the scan wait for hundreds of MB to reach the disk. Big writes checkpoint on a
            // background thread instead (`checkpointInBackground`), and closing checkpoints the rest.
            try db.execute(sql: """
                PRAGMA page_size = 65536; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;
                PRAGMA wal_autocheckpoint = 0
                """)
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        let migrator = Schema.migrator
        let superseded = try queue.read { db -> [String]? in
            guard try migrator.hasBeenSuperseded(db) else { return nil }
            return try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        }
        if let unknown = superseded {
            try? queue.close()
            throw StoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
        try migrator.migrate(queue)
        return queue
    }

    /// SQLite creates -wal and -shm with the database file's mode, so creating the file
    /// ourselves with 0600 keeps all three private whatever the umask; existing files made
    /// by a careless copy are tightened too.
    private static func createPrivateFiles(_ path: String) throws {
        let fd = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, reason: errnoText()) }
        fchmod(fd, 0o600)
        Foundation.close(fd)
        for suffix in ["-wal", "-shm"] { chmod(path + suffix, 0o600) }
    }

    private static func quarantine(_ path: String) throws -> String {
        var n = 1
        while FileManager.default.fileExists(atPath: "\(path).corrupt-\(n)") { n += 1 }
        let aside = "\(path).corrupt-\(n)"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, aside + suffix) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: "cannot move the unreadable database aside: \(errnoText())")
            }
        }
        return aside
    }

    static func storeError(_ error: any Error, path: String) -> any Error {
        if error is StoreError { return error }
        if let db = error as? DatabaseError {
            return StoreError.database(path: path, message: db.message ?? "\(db.resultCode)")
        }
        return StoreError.database(path: path, message: "\(error)")
    }
}
