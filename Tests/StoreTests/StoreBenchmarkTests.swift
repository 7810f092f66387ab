import Foundation
import Ledger
import Testing
@testable import Store

/// Save and load times of a 1,000,000-transaction cache. Off by default (it takes a minute
/// in a debug build); run with
/// `AUTODEBIT_STORE_BENCH=1 swift test -c release --filter StoreBenchmarkTests`.
/// CPU seconds are printed as well as wall time: on a busy machine they are the steadier figure.
@Suite struct StoreBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["AUTODEBIT_STORE_BENCH"] != nil

    @Test(.enabled(if: enabled), arguments: [1, 100])
    func saveAndLoadAMillionTransactions(files: Int) throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let perFile = 1_000_000 / files
        let contents = (0..<files).map { f in
            Samples.content(Samples.batch(count: perFile, seed: f, path: "f\(f).csv"), sha: "sha-\(f)")
        }
        let paths = (0..<files).map { (path: "f\($0).csv", stamp: Samples.stamp(Int64($0))) }
        var store = try StateStore.open(directory: dir.stateURL)
        try measure("save \(files) file(s) x \(perFile)") {
            try store.commitSources(zip(paths, contents).map { .parsed(path: $0.path, stamp: $0.stamp, content: $1) }, parserKey: "k")
        }
        try store.close()
        store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let loaded = try measure("load") { try store.cachedImports(paths, parserKey: "k") }
        #expect(loaded.count == files)
        #expect(loaded["f0.csv"] == contents[0])
        let lite = try measure("load without raw rows") { try store.cachedImports(paths, parserKey: "k", rawRows: false) }
        #expect(lite.values.reduce(0) { $0 + $1.transactions.count } == 1_000_000)
        let cited: Set = [SourceLocation(path: "f0.csv", line: 18), SourceLocation(path: "f0.csv", line: 18 + perFile / 2)]
        let rows = try measure("raw rows of 2 cited transactions") { try store.rawRows(path: "f0.csv", parserKey: "k", at: cited) }
        #expect(rows.count == 2)
    }

    private func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let start = clock.now
        let result = try body()
        print("store benchmark: \(label): wall \(clock.now - start), cpu \(cpuSeconds() - cpuStart) s")
        return result
    }

    private func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}
