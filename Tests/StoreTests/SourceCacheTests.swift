import Foundation
import Ledger
import Testing
@testable import Store

@Suite struct SourceCacheTests {
    let key = "autodebit 0.1 / profiles 1a2b"

    @Test func unchangedFileIsServedFromTheCacheExactly() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        var store = try StateStore.open(directory: dir.stateURL)
        let transactions = [Samples.everyField, Samples.sparse]
            .map { t -> Transaction in var t = t; t.source.path = "wechat/账单.csv"; return t }
            + Samples.batch(count: 500, seed: 3, path: "wechat/账单.csv")
        let content = Samples.content(transactions, sha: Samples.sha(1))
        try store.saveImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), content: content, parserKey: key)
        try store.close()

        store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let hit = try #require(try store.cachedImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), parserKey: key))
        #expect(hit == content)
        #expect(zip(hit.transactions, transactions).allSatisfy(sameBytes))
    }

    @Test func anyStampChangeIsAMissThenTheHashFindsTheContent() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let content = Samples.content(Samples.batch(count: 20, seed: 1, path: "a.csv"), sha: Samples.sha(1))
        try store.saveImport(path: "a.csv", stamp: Samples.stamp(1), content: content, parserKey: key)

        let base = Samples.stamp(1)
        var changes: [FileStamp] = []
        for field in 0..<5 {
            var s = base
            switch field {
            case 0: s.size += 1
            case 1: s.modifiedNanoseconds += 1
            case 2: s.changedNanoseconds += 1
            case 3: s.inode += 1
            default: s.device += 1
            }
            changes.append(s)
        }
        for s in changes {
            #expect(try store.cachedImport(path: "a.csv", stamp: s, parserKey: key) == nil)
        }
        // A touched file hashes to the known content: served without parsing, and the new
        // stamp is recorded so the next lookup is a stamp hit.
        let touched = changes[1]
        let bySHA = try #require(try store.cachedImport(sha256: Samples.sha(1), path: "a.csv", parserKey: key))
        #expect(bySHA == content)
        try store.commitSources([.rehashed(path: "a.csv", stamp: touched, sha256: Samples.sha(1))], parserKey: key)
        #expect(try store.cachedImport(path: "a.csv", stamp: touched, parserKey: key) == content)
        #expect(try store.cachedImport(path: "a.csv", stamp: base, parserKey: key) == nil)
        #expect(try store.cachedImport(sha256: Samples.sha(2), path: "a.csv", parserKey: key) == nil)
    }

    @Test func renamedFileReusesContentUnderItsNewPath() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let content = Samples.content(Samples.batch(count: 30, seed: 2, path: "inbox/old.csv"), sha: Samples.sha(4))
        try store.saveImport(path: "inbox/old.csv", stamp: Samples.stamp(1), content: content, parserKey: key)

        let moved = try #require(try store.cachedImport(sha256: Samples.sha(4), path: "2024/new.csv", parserKey: key))
        #expect(moved.transactions.allSatisfy { $0.source.path == "2024/new.csv" })
        #expect(moved.transactions.map(\.source.line) == content.transactions.map(\.source.line))
        #expect(moved.transactions.map(\.id) == content.transactions.map(\.id))
        try store.commitSources([.rehashed(path: "2024/new.csv", stamp: Samples.stamp(2), sha256: Samples.sha(4))],
                                parserKey: key, keeping: ["2024/new.csv"])
        #expect(try store.knownSourcePaths() == ["2024/new.csv"])
        let again = try #require(try store.cachedImport(path: "2024/new.csv", stamp: Samples.stamp(2), parserKey: key))
        #expect(again.transactions.first?.source.path == "2024/new.csv")
    }

    @Test func anotherParserKeyIsAMiss() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let content = Samples.content([Samples.sparse], sha: Samples.sha(1))
        try store.saveImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), content: content, parserKey: key)
        #expect(try store.cachedImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), parserKey: "autodebit 0.2") == nil)
        #expect(try store.cachedImport(sha256: Samples.sha(1), path: "wechat/账单.csv", parserKey: "autodebit 0.2") == nil)
        // Re-reading with the new key replaces the old content, which nothing refers to now.
        try store.saveImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), content: content, parserKey: "autodebit 0.2")
        #expect(try store.cachedImport(path: "wechat/账单.csv", stamp: Samples.stamp(1), parserKey: key) == nil)
        #expect(try store.contentRowCount() == 1)
    }

    @Test func forgettingDropsVanishedFilesAndTheirContent() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        for n in 1...3 {
            try store.saveImport(path: "f\(n).csv", stamp: Samples.stamp(Int64(n)),
                                 content: Samples.content(Samples.batch(count: 5, seed: n, path: "f\(n).csv"), sha: Samples.sha(n)),
                                 parserKey: key)
        }
        // f3 is a copy of f1: one content row serves both.
        try store.commitSources([.rehashed(path: "copy.csv", stamp: Samples.stamp(9), sha256: Samples.sha(1))], parserKey: key)
        #expect(try store.contentRowCount() == 3)
        try store.forgetSources(notIn: ["f2.csv", "copy.csv"])
        #expect(try store.knownSourcePaths() == ["copy.csv", "f2.csv"])
        #expect(try store.contentRowCount() == 2)
        #expect(try store.cachedImport(path: "f1.csv", stamp: Samples.stamp(1), parserKey: key) == nil)
        #expect(try store.cachedImport(path: "copy.csv", stamp: Samples.stamp(9), parserKey: key)?.transactions.count == 5)
    }

    @Test func manyChunksAndABrokenFileRoundTrip() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let count = StateStore.chunkSize * 2 + 17
        let big = Samples.content(Samples.batch(count: count, seed: 5, path: "big.csv"), sha: Samples.sha(5))
        let broken = SourceContent(sha256: Samples.sha(6), format: "alipay-csv", transactions: [],
                                   problem: "broken.csv:1: not a statement (expected the 支付宝交易明细 header)")
        try store.commitSources([.parsed(path: "big.csv", stamp: Samples.stamp(1), content: big),
                                 .parsed(path: "broken.csv", stamp: Samples.stamp(2), content: broken)], parserKey: key)
        let hits = try store.cachedImports([("big.csv", Samples.stamp(1)), ("broken.csv", Samples.stamp(2)),
                                            ("absent.csv", Samples.stamp(3))], parserKey: key)
        #expect(hits.keys.sorted() == ["big.csv", "broken.csv"])
        #expect(hits["big.csv"] == big)
        #expect(hits["broken.csv"] == broken)
    }

    @Test func loadingWithoutRawRowsThenFetchingTheCitedOnes() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        // Every optional field, in one of the chunks, so that the skipping reader walks them all.
        var transactions = Samples.batch(count: StateStore.chunkSize + 10, seed: 4, path: "a.zip")
        for (i, sample) in [Samples.everyField, Samples.sparse].enumerated() {
            var t = sample
            t.source = SourceLocation(path: "a.zip/inner.csv", line: 900_000 + i)
            transactions.insert(t, at: StateStore.chunkSize - 1 + i)
        }
        let content = Samples.content(transactions, sha: Samples.sha(3))
        try store.saveImport(path: "a.zip", stamp: Samples.stamp(1), content: content, parserKey: key)

        let lite = try #require(try store.cachedImport(path: "a.zip", stamp: Samples.stamp(1), parserKey: key, rawRows: false))
        #expect(lite.transactions.allSatisfy { $0.rawRow.isEmpty })
        var withoutRows = transactions
        for i in withoutRows.indices { withoutRows[i].rawRow = "" }
        #expect(lite.transactions == withoutRows)

        let cited = [0, StateStore.chunkSize - 1, StateStore.chunkSize, transactions.count - 1].map { transactions[$0] }
        let missing = SourceLocation(path: "a.zip", line: 5)
        let rows = try store.rawRows(path: "a.zip", parserKey: key, at: Set(cited.map(\.source) + [missing]))
        #expect(rows.count == cited.count)
        for t in cited { #expect(rows[t.source].map { Array($0.utf8) } == Array(t.rawRow.utf8), "\(t.source)") }
        #expect(try store.rawRows(path: "other.csv", parserKey: key, at: Set(cited.map(\.source))).isEmpty)
    }

    @Test func damagedChunkIsAMissNotACrash() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let store = try StateStore.open(directory: dir.stateURL)
        defer { try? store.close() }
        let content = Samples.content(Samples.batch(count: 100, seed: 8, path: "a.csv"), sha: Samples.sha(8))
        try store.saveImport(path: "a.csv", stamp: Samples.stamp(1), content: content, parserKey: key)
        try store.corruptChunksForTesting()
        #expect(try store.cachedImport(path: "a.csv", stamp: Samples.stamp(1), parserKey: key) == nil)
        // Parsing and saving the file again repairs the cache in place.
        try store.saveImport(path: "a.csv", stamp: Samples.stamp(1), content: content, parserKey: key)
        #expect(try store.cachedImport(path: "a.csv", stamp: Samples.stamp(1), parserKey: key) == content)
    }
}

extension StateStore {
    func contentRowCount() throws -> Int {
        try integer("SELECT count(*) FROM content") ?? -1
    }

    /// Cuts every payload in half, as a bad sector or a hand edit would.
    func corruptChunksForTesting() throws {
        try execute("UPDATE content_chunk SET payload = substr(payload, 1, length(payload) / 2)")
    }
}
