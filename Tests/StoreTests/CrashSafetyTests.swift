import Foundation
import Ledger
import Testing
@testable import Store

/// What the child writes: generation `n` is one file `big-n.csv` with its own transactions
/// and finding, replacing generation n-1; `base.csv` is there from the start and must
/// survive every kill untouched.
enum CrashWorkload {
    static let key = "crash-test"
    static let transactionsPerGeneration = 4_000

    static func path(_ n: Int) -> String { "big-\(n).csv" }

    static func content(_ n: Int) -> SourceContent {
        Samples.content(Samples.batch(count: transactionsPerGeneration, seed: n, path: path(n)), sha: "gen-\(n)")
    }

    static let base = Samples.content(Samples.batch(count: 3000, seed: 0, path: "base.csv"), sha: "base")

    /// The generation now stored (0 for none), from the paths the store knows.
    static func storedGeneration(_ store: StateStore) throws -> Int {
        try store.knownSourcePaths().compactMap { p -> Int? in
            guard p.hasPrefix("big-"), p.hasSuffix(".csv") else { return nil }
            return Int(p.dropFirst(4).dropLast(4))
        }.max() ?? 0
    }

    static func writeForever(stateDirectory: URL) throws {
        let store = try StateStore.open(directory: stateDirectory, lockTimeout: .seconds(10))
        var n = try storedGeneration(store)
        try ChildProcess.report(n, stateDirectory: stateDirectory)
        while true {
            n += 1
            let run = try store.beginRun(startedAt: "gen \(n)", asOf: "2024-07-01", folders: ["crash"])
            try store.commitSources([.parsed(path: path(n), stamp: Samples.stamp(Int64(n)), content: content(n))],
                                    parserKey: key, keeping: ["base.csv", path(n)])
            _ = try store.recordFindings(["f-gen-\(n)"], at: "2024-07-01", runID: run)
            try store.finishRun(run, RunSummary(finishedAt: "gen \(n) done", transactions: transactionsPerGeneration))
            try ChildProcess.report(n, stateDirectory: stateDirectory)
        }
    }
}

@Suite struct CrashSafetyTests {
    /// Kills a writing child with SIGKILL at random moments (during encoding, inside a
    /// commit, during a WAL checkpoint), then checks that the store opens, is sound, holds
    /// exactly the last committed generation and the untouched base, and takes a new write.
    @Test(.enabled(if: ChildProcess.isAvailable)) func killedWritersLeaveACompleteStore() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        do {
            let store = try StateStore.open(directory: dir.stateURL)
            try store.saveImport(path: "base.csv", stamp: Samples.stamp(0), content: CrashWorkload.base, parserKey: CrashWorkload.key)
            try store.close()
        }
        var rng = SystemRandomNumberGenerator()
        var known = 0
        var killsAfterACommit = 0
        for iteration in 0..<6 {
            let delay = Duration.milliseconds(Int.random(in: 100...2500, using: &rng))
            let child = try ChildProcess.start(.crashWriter, stateDirectory: dir.stateURL)
            defer { child.kill() }
            try child.waitUntilReady()
            try Task.checkCancellation()
            usleep(UInt32(delay.components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000))
            child.kill()
            let reported = max(known, child.progress ?? known)
            if reported > known { killsAfterACommit += 1 }

            let store = try StateStore.open(directory: dir.stateURL, lockTimeout: .seconds(5))
            defer { try? store.close() }
            let context = "iteration \(iteration), killed after \(delay), child reported generation \(reported)"
            #expect(try store.integrityCheck() == "ok", "\(context)")
            let generation = try CrashWorkload.storedGeneration(store)
            // The commit of `reported + 1` may have landed just before the kill.
            #expect(generation == reported || generation == reported + 1, "\(context): store has \(generation)")
            let base = try store.cachedImport(path: "base.csv", stamp: Samples.stamp(0), parserKey: CrashWorkload.key)
            #expect(base == CrashWorkload.base, "\(context): base damaged")
            if generation > 0 {
                let stored = try store.cachedImport(path: CrashWorkload.path(generation), stamp: Samples.stamp(Int64(generation)),
                                                    parserKey: CrashWorkload.key)
                #expect(stored == CrashWorkload.content(generation), "\(context): generation \(generation) damaged")
                // A generation this child reported was finished, so its finding counts as
                // reported; one committed just before the kill may have died before
                // `finishRun`, leaving its finding new (or not yet recorded).
                if generation == child.progress, generation > known {
                    #expect(try store.findingHistory(id: "f-gen-\(generation)")?.reported == true, "\(context)")
                }
                #expect(try store.knownSourcePaths() == ["base.csv", CrashWorkload.path(generation)], "\(context)")
            }
            // The next run completes a write of its own.
            let extra = Samples.content(Samples.batch(count: 10, seed: 99, path: "after.csv"), sha: "after-\(iteration)")
            try store.saveImport(path: "after.csv", stamp: Samples.stamp(99), content: extra, parserKey: CrashWorkload.key)
            #expect(try store.cachedImport(path: "after.csv", stamp: Samples.stamp(99), parserKey: CrashWorkload.key) == extra)
            try store.forgetSources(notIn: Set(["base.csv"] + (generation > 0 ? [CrashWorkload.path(generation)] : [])))
            known = generation
        }
        // Random delays could in principle all land before the first commit; the run is
        // only meaningful if some kills hit a child that had committed.
        #expect(killsAfterACommit > 0 || known > 0)
    }
}
