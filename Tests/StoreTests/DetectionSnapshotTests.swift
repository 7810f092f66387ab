import Detection
import Foundation
import Ledger
@testable import Store
import Testing
import TestSupport

/// The detection snapshot gives back exactly the result it was given: every finding kind and
/// detail, subscriptions with their charges and raw rows, links and the period.
@Suite struct DetectionSnapshotTests {
    /// Generated people whose results together hold every finding kind.
    static let results: [DetectionResult] = {
        (1...6).map { n in
            let person = PersonGenerator.generate(seed: UInt64(n) &* 0x9E37_79B9 &+ 11)
            return Detector.run(person.transactions, config: person.config, asOf: person.asOf)
        }
    }()

    @Test func codecRoundTripsEveryKind() throws {
        var kinds: Set<FindingKind> = []
        for result in Self.results {
            let period = CivilDate(year: 2024, month: 1, day: 3)!...CivilDate(year: 2025, month: 6, day: 30)!
            let bytes = DetectionCodec.encode(result, period: period)
            let back = try DetectionCodec.decode(bytes)
            #expect(back.result.findings == result.findings)
            #expect(back.result.subscriptions == result.subscriptions)
            #expect(back.result.links == result.links)
            #expect(back.period == period)
            // Raw rows survive: the evidence appendix quotes them.
            #expect(back.result.findings.flatMap(\.transactions).map(\.rawRow) == result.findings.flatMap(\.transactions).map(\.rawRow))
            kinds.formUnion(result.findings.map(\.kind))
        }
        #expect(kinds == Set(FindingKind.allCases), "the sample misses \(Set(FindingKind.allCases).subtracting(kinds))")
    }

    @Test func damagedSnapshotsAreRefusedNotTrusted() throws {
        let result = try #require(Self.results.first)
        let bytes = DetectionCodec.encode(result, period: nil)
        // Every truncation and a sample of single-byte flips: decode throws or gives a result,
        // never traps. Truncations must always throw (the codec checks it read everything).
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect(throws: (any Error).self) { try DetectionCodec.decode(Array(bytes.prefix(length))) }
        }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            _ = try? DetectionCodec.decode(damaged)
        }
    }

    @Test func storeKeepsOnlyTheLatestSnapshot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StateStore.open(directory: dir)
        defer { try? store.close() }
        let result = try #require(Self.results.first)
        try store.saveDetectionSnapshot(DetectionSnapshot(result: result, period: nil), key: "a")
        #expect(try store.detectionSnapshot(key: "a")?.result.findings == result.findings)
        try store.saveDetectionSnapshot(DetectionSnapshot(result: DetectionResult(subscriptions: [], findings: [], links: []), period: nil), key: "b")
        #expect(try store.detectionSnapshot(key: "a") == nil)
        #expect(try store.detectionSnapshot(key: "b")?.result.findings.isEmpty == true)

        // A damaged entry is a miss, so the scan detects again instead of trusting it.
        try store.write { db in try db.execute(sql: "UPDATE detection_snapshot SET payload = X'414452310203'") }
        #expect(try store.detectionSnapshot(key: "b") == nil)
    }
}
