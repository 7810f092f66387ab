import Detection
import Ledger
import Testing
import TestSupport

/// Scores the detection against generated people with planted ground truth.
@Suite struct EvaluationTests {
    static let seeds: [UInt64] = Array(1...24).map { UInt64($0) &* 0x9E37_79B9 &+ 11 }

    @Test func detectionMeetsTargetsOnGeneratedPeople() {
        var score = Scoreboard()
        for seed in Self.seeds {
            let person = PersonGenerator.generate(seed: seed)
            // The traps are really there: wallet/card twins and habits in every person.
            #expect(!person.truth.fundingTwinIDs.isEmpty && person.truth.habitIDs.count > 100, "seed \(seed)")
            let result = Detector.run(person.transactions, config: person.config, asOf: person.asOf)
            score.add(person, result)
        }
        print(score.markdownTable())
        for kind in FindingKind.allCases where kind.severity == .high {
            let k = score.kinds[kind, default: Scoreboard.Counts()]
            #expect(k.expected > 0, "the generator plants \(kind.rawValue)")
            #expect(k.precision >= 0.95, "\(kind.rawValue) precision \(k.precision)")
            #expect(k.recall >= 0.95, "\(kind.rawValue) recall \(k.recall)")
        }
        #expect(score.streams.f1 >= 0.95, "streams F1 \(score.streams.f1)")
        #expect(score.habitInStream.count == 0, "habitual purchases reported as subscriptions: \(Array(score.habitInStream.prefix(5)))")
        #expect(score.twinCounted.count == 0, "funding rows counted on their own: \(Array(score.twinCounted.prefix(5)))")
    }
}

/// Precision and recall per finding kind, and F1 for streams.
struct Scoreboard {
    struct Counts {
        var truePositive = 0, falsePositive = 0, falseNegative = 0, exact = 0
        var expected: Int { truePositive + falseNegative }
        var precision: Double { truePositive + falsePositive == 0 ? 1 : Double(truePositive) / Double(truePositive + falsePositive) }
        var recall: Double { expected == 0 ? 1 : Double(truePositive) / Double(expected) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    var kinds: [FindingKind: Counts] = [:]
    var streams = Counts()
    var habitInStream: [String] = []
    var twinCounted: [String] = []
    var misses: [String] = []

    mutating func add(_ person: GeneratedPerson, _ result: DetectionResult) {
        for kind in FindingKind.allCases {
            let expected = person.truth.findings.filter { $0.kind == kind }
            var detected = result.findings.filter { $0.kind == kind }.map { Set($0.transactions.map(\.id)) }
            var counts = kinds[kind, default: Counts()]
            for e in expected {
                let wanted = Set(e.transactionIDs)
                if let best = detected.indices.max(by: { detected[$0].intersection(wanted).count < detected[$1].intersection(wanted).count }),
                   !detected[best].intersection(wanted).isEmpty {
                    counts.truePositive += 1
                    if detected[best] == wanted { counts.exact += 1 }
                    detected.remove(at: best)
                } else {
                    counts.falseNegative += 1
                    misses.append("seed \(person.seed) missed \(kind.rawValue) \(e.label)")
                }
            }
            counts.falsePositive += detected.count
            if !detected.isEmpty { misses.append("seed \(person.seed) extra \(kind.rawValue) ×\(detected.count)") }
            kinds[kind] = counts
        }
        var found = result.subscriptions.map { (cadence: $0.cadence, ids: Set($0.transactions.map(\.id))) }
        for s in person.truth.streams {
            let wanted = Set(s.transactionIDs)
            if let i = found.firstIndex(where: { $0.cadence == s.cadence && Double($0.ids.intersection(wanted).count) >= 0.8 * Double(max(wanted.count, $0.ids.count)) }) {
                streams.truePositive += 1
                found.remove(at: i)
            } else {
                streams.falseNegative += 1
                misses.append("seed \(person.seed) missed stream \(s.label) \(s.cadence.name)")
            }
        }
        streams.falsePositive += found.count
        for f in found { misses.append("seed \(person.seed) extra stream \(f.cadence.name) ×\(f.ids.count)") }
        for sub in result.subscriptions {
            habitInStream += sub.transactions.map(\.id).filter { person.truth.habitIDs.contains($0) }
            twinCounted += sub.transactions.map(\.id).filter { person.truth.fundingTwinIDs.contains($0) }
        }
        for f in result.findings { twinCounted += f.transactions.map(\.id).filter { person.truth.fundingTwinIDs.contains($0) } }
    }

    func markdownTable() -> String {
        func pct(_ x: Double) -> String { String(Int((x * 1000).rounded())).padded() }
        var lines = ["| kind | expected | TP | FP | FN | exact cites | precision | recall |", "|---|---|---|---|---|---|---|---|"]
        for kind in FindingKind.allCases {
            let c = kinds[kind, default: Counts()]
            lines.append("| \(kind.rawValue) | \(c.expected) | \(c.truePositive) | \(c.falsePositive) | \(c.falseNegative) | \(c.exact) | \(fraction(c.precision)) | \(fraction(c.recall)) |")
        }
        lines.append("| **streams** | \(streams.expected) | \(streams.truePositive) | \(streams.falsePositive) | \(streams.falseNegative) | – | \(fraction(streams.precision)) | \(fraction(streams.recall)) |")
        lines.append("")
        lines.append("streams F1 = \(fraction(streams.f1)); habitual purchases in streams: \(habitInStream.count); funding twins counted: \(twinCounted.count)")
        if !misses.isEmpty { lines.append(""); lines += misses.prefix(60).map { "- " + $0 } }
        _ = pct
        return lines.joined(separator: "\n")
    }

    func fraction(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        let whole = thousandths / 1000, frac = thousandths % 1000
        return "\(whole)." + String(String(frac).padded())
    }
}

private extension String {
    func padded() -> String { count >= 3 ? self : String(repeating: "0", count: 3 - count) + self }
}
