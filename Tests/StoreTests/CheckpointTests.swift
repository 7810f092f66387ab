import Foundation
import Ledger
import Testing
@testable import Store

/// A big import is committed to the write-ahead log and copied into the database file on
/// another thread, so the scan does not wait for the disk; the copy must still happen while
/// the store is open, and nothing may be lost when the store is closed right away.
@Suite struct CheckpointTests {
    let key = "checkpoint-test"

    func walSize(_ dir: TempDirectory) -> Int {
        let path = dir.stateURL.appendingPathComponent(StateStore.databaseName).path + "-wal"
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test func bigImportLeavesTheLogEmptiedWhileTheStoreIsOpen() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let content = Samples.content(Samples.batch(count: 3000, seed: 11, path: "big.csv"), sha: Samples.sha(7))
        try store.commitSources([.parsed(path: "big.csv", stamp: Samples.stamp(1), content: content)], parserKey: key)
        // The background copy empties the log; wait for it up to 20 s (a loaded CI machine).
        let deadline = Date().addingTimeInterval(20)
        while walSize(dir) > 0 && Date() < deadline { usleep(20_000) }
        #expect(walSize(dir) == 0)
        // The store is usable during and after the copy.
        #expect(try store.cachedImport(path: "big.csv", stamp: Samples.stamp(1), parserKey: key) == content)
    }

    @Test func closingRightAfterABigImportKeepsIt() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let content = Samples.content(Samples.batch(count: 3000, seed: 12, path: "big.csv"), sha: Samples.sha(8))
        var store = try StateStore.open(directory: dir.stateURL)
        try store.commitSources([.parsed(path: "big.csv", stamp: Samples.stamp(1), content: content)], parserKey: key)
        try store.close()
        #expect(walSize(dir) == 0)
        store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        #expect(try store.cachedImport(path: "big.csv", stamp: Samples.stamp(1), parserKey: key) == content)
        #expect(try store.integrityCheck() == "ok")
    }
}
