import Detection
import Ledger
import Testing
import TestSupport

/// Properties of the interval logic over many random cases (seeded, so failures reproduce).
@Suite struct IntervalPropertyTests {
    @Test func iteratingNextFromTheAnchorEqualsAddingMonths() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let anchorDay = rng.int(1...31)
            let year = rng.int(1990...2090), month = rng.int(1...12)
            let start = CivilDate(year: year, month: month, day: min(anchorDay, CivilDate.daysIn(month: month, year: year)))!
            let cadence = rng.pick([Cadence.monthly, .quarterly, .semiannual, .yearly])
            let n = rng.int(0...40)
            var d = start
            for _ in 0..<n { d = cadence.next(after: d, anchorDay: anchorDay) }
            #expect(d == start.adding(months: n * cadence.months!, anchorDay: anchorDay), "\(start) \(cadence.name) ×\(n) anchor \(anchorDay)")
        }
    }

    @Test func aPerfectStreamWithSmallJitterIsFoundWithItsCadence() {
        var rng = SplitMix64(seed: 7)
        let cadences: [Cadence] = [.biweekly, .monthly, .quarterly, .semiannual, .yearly, .days(20), .days(28), .days(45)]
        for round in 0..<300 {
            let cadence = cadences[round % cadences.count]
            let anchor = rng.int(1...31)
            let first = CivilDate(year: 2020, month: rng.int(1...12), day: 1)!.adding(months: 0, anchorDay: anchor)
            // Unusual periods need enough charges for the jitter to average out (±2 days over
            // 5 gaps puts the mean within half a day).
            let count = cadence == .yearly ? rng.int(2...4) : rng.int((cadence.months == nil && cadence != .biweekly ? 6 : 4)...14)
            var schedule = first
            var txs: [Transaction] = []
            for i in 0..<count {
                let date = schedule.adding(days: rng.int(0...2))
                txs.append(B.tx("p\(round)-\(i)", date.description, 0, "Stream \(round)", channel: .card, minor: 1234))
                schedule = cadence.next(after: schedule, anchorDay: anchor)
            }
            let asOf = txs.last!.date.adding(days: 1)
            let result = Detector.run(txs, config: DetectionConfig(), asOf: asOf)
            #expect(result.subscriptions.count == 1, "round \(round) \(cadence.name)")
            #expect(result.subscriptions.first?.cadence == cadence, "round \(round): \(result.subscriptions.first?.cadence.name ?? "none") for \(cadence.name)")
            #expect(result.subscriptions.first?.transactions.count == count)
            #expect(result.findings.allSatisfy { $0.severity == .info }, "round \(round): \(result.findings.map(\.kind))")
        }
    }

    @Test(arguments: [UInt64(3), 11, 29])
    func shufflingTheInputNeverChangesTheResult(seed: UInt64) {
        let person = PersonGenerator.generate(seed: seed)
        var shuffled = person.transactions
        var rng = SplitMix64(seed: seed)
        shuffled.shuffle(using: &rng)
        let a = Detector.run(person.transactions, config: person.config, asOf: person.asOf)
        let b = Detector.run(shuffled, config: person.config, asOf: person.asOf)
        #expect(a.subscriptions == b.subscriptions)
        #expect(a.findings == b.findings)
        #expect(a.links == b.links)
    }

    @Test func addingUnrelatedNoiseNeverRemovesAStream() {
        var rng = SplitMix64(seed: 99)
        for round in 0..<40 {
            let stream = B.monthly("s\(round)-", start: "2023-0\(rng.int(1...9))", day: rng.int(1...28), count: rng.int(4...12), yuan: 25, merchant: "Plan \(round)")
            let asOf = stream.last!.date.adding(days: 3)
            let alone = Detector.run(stream, config: DetectionConfig(), asOf: asOf).subscriptions
            var noisy = stream
            for i in 0..<rng.int(50...400) {
                let day = stream[0].date.adding(days: rng.int(-30...400))
                noisy.append(B.tx("n\(round)-\(i)", day.description, 0, rng.pick(["饭店", "超市", "Plan \(round + 1000)", "打车"]), minor: Int64(rng.int(100...20_000))))
            }
            let withNoise = Detector.run(noisy, config: DetectionConfig(), asOf: asOf).subscriptions
            #expect(alone.count == 1)
            for s in alone {
                #expect(withNoise.contains { $0.id == s.id && $0.transactions == s.transactions }, "round \(round)")
            }
        }
    }
}
