import Ledger
import Testing
import TestSupport
@testable import Detection

/// Price levels are filled in the events' own order when they come chronologically, and sorted
/// otherwise; either way they must equal sorting by amount and cutting at the gaps.
@Suite struct AmountLevelsTests {
    /// The levels by the definition: sort by amount (then day, payment), cut where the step from
    /// the neighbour passes 2% or the level's width 5%, then each level by day and payment.
    static func reference(_ events: [StreamEvent]) -> [[Int]] {
        let byAmount = events.sorted { a, b in a.amount != b.amount ? a.amount < b.amount : a.day != b.day ? a.day < b.day : a.payment < b.payment }
        var levels: [[StreamEvent]] = []
        var current: [StreamEvent] = []
        for e in byAmount {
            if let last = current.last, let lowest = current.first,
               !(Double(e.amount - last.amount) <= Double(last.amount) * 0.02 + 1 && Double(e.amount - lowest.amount) <= Double(lowest.amount) * 0.05 + 1) {
                levels.append(current); current = []
            }
            current.append(e)
        }
        if !current.isEmpty { levels.append(current) }
        return levels.map { $0.sorted { a, b in a.day != b.day ? a.day < b.day : a.payment < b.payment }.map(\.payment) }
    }

    @Test func chronologicalOrShuffledTheLevelsAreTheDefinedOnes() {
        var rng = SplitMix64(seed: 5)
        let start = CivilDate(year: 2024, month: 1, day: 1)!
        for _ in 0..<500 {
            let prices = (0..<rng.int(1...4)).map { _ in Int64(rng.int(100...20_000)) }
            var day = start.dayNumber
            var events: [StreamEvent] = []
            for payment in 0..<rng.int(0...60) {
                day += rng.int(0...20)
                let amount = rng.pick(prices) + Int64(rng.int(-3...3))
                events.append(StreamEvent(payment: payment, date: CivilDate(dayNumber: day), day: day, amount: amount,
                                          productKey: 0, channel: .wechat))
            }
            let expected = Self.reference(events)
            #expect(AmountLevels.cluster(events).map { $0.map(\.payment) } == expected)
            var shuffled = events
            shuffled.shuffle(using: &rng)
            #expect(AmountLevels.cluster(shuffled).map { $0.map(\.payment) } == expected)
        }
    }
}
