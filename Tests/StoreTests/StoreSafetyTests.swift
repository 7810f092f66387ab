import Foundation
import Testing
@testable import Store

@Suite struct StoreSafetyTests {
    @Test func filesArePrivate() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        _ = try store.beginRun(startedAt: "t", asOf: "2024-07-01", folders: [])
        let base = dir.stateURL.appendingPathComponent(StateStore.databaseName).path
        // While the store is open, the WAL and shared-memory files exist beside it.
        for path in [base, base + "-wal", base + "-shm", dir.stateURL.appendingPathComponent("lock").path] {
            #expect(try mode(path) == 0o600, "\(path)")
        }
        #expect(try mode(dir.stateURL.path) == 0o700)
    }

    @Test func existingLooseFilesAreTightened() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        try StateStore.open(directory: dir.stateURL).close()
        let db = dir.stateURL.appendingPathComponent(StateStore.databaseName).path
        chmod(db, 0o644)
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        #expect(try mode(db) == 0o600)
    }

    @Test func schemaIsMigratedAndVersioned() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        #expect(try store.schemaVersion() == "v2")
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.integer("PRAGMA foreign_keys") == 1)
        #expect(try store.text("PRAGMA journal_mode") == "wal")
    }

    @Test func aStoreFromANewerVersionIsRefusedNotDamaged() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        try store.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        try store.close()
        #expect(throws: StoreError.newerSchema(path: dir.stateURL.appendingPathComponent(StateStore.databaseName).path,
                                              unknownMigrations: ["v2-from-the-future"])) {
            try StateStore.open(directory: dir.stateURL)
        }
        // Refused again, not `locked`: the failed open released the lock.
        #expect(throws: StoreError.newerSchema(path: dir.stateURL.appendingPathComponent(StateStore.databaseName).path,
                                              unknownMigrations: ["v2-from-the-future"])) {
            try StateStore.open(directory: dir.stateURL, lockTimeout: .zero)
        }
    }

    @Test func anUnreadableDatabaseIsMovedAsideAndReplaced() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(at: dir.stateURL, withIntermediateDirectories: true)
        let db = dir.stateURL.appendingPathComponent(StateStore.databaseName).path
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: db))
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        #expect(store.quarantinedDatabase == db + ".corrupt-1")
        #expect(FileManager.default.fileExists(atPath: db + ".corrupt-1"))
        #expect(try store.integrityCheck() == "ok")
        #expect(try mode(db) == 0o600)
    }

    @Test func useAfterCloseThrows() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        try store.close()
        try store.close()
        #expect(throws: StoreError.closed) { try store.acknowledgedIDs() }
    }

    @Test func aFileWhereTheDirectoryShouldBeIsAClearError() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        try Data("x".utf8).write(to: dir.stateURL)
        #expect {
            try StateStore.open(directory: dir.stateURL)
        } throws: { error in
            guard case let .cannotCreate(path, reason)? = error as? StoreError else { return false }
            return path == dir.stateURL.path && reason.contains("exists")
        }
    }
}

func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
}
