import Config
import Detection
import Foundation
import Ledger
import Scanning
import Testing
import TestSupport
@testable import Store

/// The parse cache is written in the background while detection runs. When that write
/// fails (a full disk), the scan must still finish, say so, and quote every cited row.
@Suite struct CacheCommitTests {
    static var samples: URL { TestPaths.packageRoot.appendingPathComponent("samples") }

    func scan(store: StateStore?) throws -> ScanResult {
        let options = ScanOptions(folders: [Self.samples], asOf: CivilDate(year: 2025, month: 7, day: 5)!)
        let config = try ConfigResolution.load(explicit: nil, folders: options.folders)
        return try Scanner.scan(options, config: config, store: store)
    }

    func citedRows(_ r: ScanResult) -> [String] {
        r.detection.findings.flatMap { $0.transactions.map { "\($0.source) \($0.rawRow)" } }
    }

    @Test func aFailedCacheWriteStillQuotesEveryCitedRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StateStore.open(directory: dir)
        defer { try? store.close() }
        try store.execute("CREATE TRIGGER refuse BEFORE INSERT ON content BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")

        let failed = try scan(store: store)
        let stateless = try scan(store: nil)
        #expect(failed.diagnostics.contains { $0.contains("import cache could not be updated") && $0.contains("disk is full") })
        #expect(!stateless.detection.findings.isEmpty)
        #expect(citedRows(failed) == citedRows(stateless))
        #expect(citedRows(failed).allSatisfy { !$0.hasSuffix(" ") })
        #expect(try store.knownSourcePaths().isEmpty)
    }

    @Test func aSuccessfulWriteIsReadBackForTheEvidence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StateStore.open(directory: dir)
        defer { try? store.close() }
        let first = try scan(store: store)
        #expect(first.diagnostics.isEmpty)
        #expect(citedRows(first) == citedRows(try scan(store: nil)))
        #expect(try store.knownSourcePaths().count == first.outcomes.count)
    }
}
