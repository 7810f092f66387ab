import Foundation
import Testing
@testable import Store

@Suite struct FindingMemoryTests {
    /// Opens a store, runs `body` with it and a run id, finishes the run, closes.
    private func run<T>(_ dir: TempDirectory, on day: String, finish: Bool = true,
                        _ body: (StateStore, Int64) throws -> T) throws -> T {
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let runID = try store.beginRun(startedAt: day + "T06:00:00+08:00", asOf: day, folders: ["/home/u/statements"])
        let result = try body(store, runID)
        if finish { try store.finishRun(runID, RunSummary(finishedAt: day + "T06:00:02+08:00")) }
        return result
    }

    @Test func findingsAreNewOnceThenSeen() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let first = try run(dir, on: "2024-07-01") { s, r in
            try s.recordFindings([FindingSighting(id: "f-aaaa1111", kind: "charge-after-cancellation", merchant: "九妹卡盟"),
                                  FindingSighting(id: "f-bbbb2222", kind: "duplicate-charge", merchant: "爱奇艺")],
                                 at: "2024-07-01", runID: r)
        }
        #expect(first.new == ["f-aaaa1111", "f-bbbb2222"])
        #expect(first.seenBefore.isEmpty)

        let second = try run(dir, on: "2024-07-02") { s, r in
            try s.recordFindings(["f-aaaa1111", "f-bbbb2222", "f-cccc3333"], at: "2024-07-02", runID: r)
        }
        #expect(second.new == ["f-cccc3333"])
        #expect(second.seenBefore == ["f-aaaa1111", "f-bbbb2222"])

        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let history = try #require(try store.findingHistory(id: "f-aaaa1111"))
        #expect(history.firstSeen == "2024-07-01")
        #expect(history.lastSeen == "2024-07-02")
        #expect(history.timesSeen == 2)
        #expect(history.reported)
        #expect(history.kind == "")  // the second run gave bare ids: the latest sighting wins
        #expect(try store.findingHistory(id: "f-dddd") == nil)
        let runs = try store.recentRuns()
        #expect(runs.map(\.asOf) == ["2024-07-02", "2024-07-01"])
        #expect(runs.allSatisfy { $0.summary?.outcome == "ok" && $0.folders == ["/home/u/statements"] })
    }

    @Test func aRunThatDiesBeforeFinishingLeavesItsFindingsNew() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        _ = try run(dir, on: "2024-07-01", finish: false) { s, r in
            try s.recordFindings(["f-aaaa1111"], at: "2024-07-01", runID: r)
        }
        let retry = try run(dir, on: "2024-07-01") { s, r in
            try s.recordFindings(["f-aaaa1111"], at: "2024-07-01", runID: r)
        }
        #expect(retry.new == ["f-aaaa1111"])
        let after = try run(dir, on: "2024-07-02") { s, r in try s.recordFindings(["f-aaaa1111"], at: "2024-07-02", runID: r) }
        #expect(after.new.isEmpty)
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let runs = try store.recentRuns()
        #expect(runs.count == 3)
        #expect(runs.last?.summary == nil)  // the dead run stays in the log, unfinished
    }

    @Test func acknowledgementByFullIDOrUniquePrefix() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        _ = try run(dir, on: "2024-07-01") { s, r in
            try s.recordFindings([FindingSighting(id: "f-3f9a0c1d22", kind: "charge-after-cancellation", merchant: "九妹卡盟"),
                                  FindingSighting(id: "f-3f9b77aa00"), FindingSighting(id: "f-8e0000ffff")], at: "2024-07-01", runID: r)
        }
        let store = try StateStore.open(directory: dir.stateURL)
        let acked = try store.acknowledge(id: "f-3f9a", at: "2024-07-03T09:00:00+08:00")
        #expect(acked.id == "f-3f9a0c1d22")
        #expect(acked.merchant == "九妹卡盟")
        #expect(try store.acknowledge(id: "f-8e0000ffff", at: "2024-07-04").acknowledgedAt == "2024-07-04")
        // Again: the first acknowledgement time stays.
        #expect(try store.acknowledge(id: "f-3f9a0c1d22", at: "2024-07-09").acknowledgedAt == "2024-07-03T09:00:00+08:00")
        #expect(try store.acknowledgedIDs() == ["f-3f9a0c1d22", "f-8e0000ffff"])

        #expect(throws: StoreError.unknownFinding(id: "f-3f9", candidates: ["f-3f9a0c1d22", "f-3f9b77aa00"])) {
            try store.acknowledge(id: "f-3f9", at: "2024-07-05")
        }
        #expect(throws: StoreError.unknownFinding(id: "f-3f9a0c1d2X", candidates: ["f-3f9a0c1d22"])) {
            try store.acknowledge(id: "f-3f9a0c1d2X", at: "2024-07-05")
        }
        #expect(throws: StoreError.unknownFinding(id: "zzz", candidates: [])) {
            try store.acknowledge(id: "zzz", at: "2024-07-05")
        }
        let message = StoreError.unknownFinding(id: "f-3f9", candidates: ["f-3f9a0c1d22", "f-3f9b77aa00"]).description
        #expect(message.contains("did you mean: f-3f9a0c1d22, f-3f9b77aa00"))
        try store.close()

        // Acknowledged findings are still remembered: seen before, and reported as acknowledged.
        let next = try run(dir, on: "2024-07-10") { s, r in
            try s.recordFindings(["f-3f9a0c1d22", "f-3f9b77aa00"], at: "2024-07-10", runID: r)
        }
        #expect(next.new.isEmpty)
        #expect(next.acknowledged == ["f-3f9a0c1d22"])
    }

    @Test func sightingsOutOfOrderKeepTheEarliestAndLatestDay() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        _ = try run(dir, on: "2024-07-05") { s, r in try s.recordFindings(["f-1"], at: "2024-07-05", runID: r) }
        // `--as-of` in the past, and the same id twice in one run.
        _ = try run(dir, on: "2024-06-01") { s, r in try s.recordFindings(["f-1", "f-1"], at: "2024-06-01", runID: r) }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let h = try #require(try store.findingHistory(id: "f-1"))
        #expect((h.firstSeen, h.lastSeen, h.timesSeen) == ("2024-06-01", "2024-07-05", 2))
    }
}
