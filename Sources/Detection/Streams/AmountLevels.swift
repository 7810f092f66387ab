/// Splits one merchant's charges into price levels. Amounts within 2% of their neighbour and
/// 5% of the level's lowest stay together (a foreign-currency plan billed in yuan drifts with
/// the exchange rate); anything further apart is another level, to be joined back only when
/// the time order says it is a price change of the same stream.
enum AmountLevels {
    static func cluster(_ events: [StreamEvent]) -> [[StreamEvent]] {
        guard !events.isEmpty else { return [] }
        // Events arrive in payment order (by day, then payment) from the stream search: then
        // the input position breaks amount ties as (day, payment) would, and each level can be
        // filled in input order without sorting it again.
        var chronological = true
        for k in events.indices.dropFirst() where !before(events[k - 1], events[k]) { chronological = false; break }
        var order = Array(events.indices)
        if chronological {
            order.sort { events[$0].amount != events[$1].amount ? events[$0].amount < events[$1].amount : $0 < $1 }
        } else {
            order.sort { a, b in
                let x = events[a], y = events[b]
                return x.amount != y.amount ? x.amount < y.amount : before(x, y)
            }
        }
        // Walk the amounts upwards, starting a level where the gap or the width gets too large.
        var levelOf = [Int](repeating: 0, count: events.count)
        var level = 0
        var lowest = events[order[0]].amount, last = lowest
        for index in order {
            let amount = events[index].amount
            let neighbour = Double(amount - last) <= Double(last) * 0.02 + 1
            let width = Double(amount - lowest) <= Double(lowest) * 0.05 + 1
            if !(neighbour && width) { level += 1; lowest = amount }
            last = amount
            levelOf[index] = level
        }
        var levels = [[StreamEvent]](repeating: [], count: level + 1)
        if chronological {
            for i in events.indices { levels[levelOf[i]].append(events[i]) }
        } else {
            for i in events.indices.sorted(by: { before(events[$0], events[$1]) }) { levels[levelOf[i]].append(events[i]) }
        }
        return levels
    }

    private static func before(_ a: StreamEvent, _ b: StreamEvent) -> Bool {
        a.day != b.day ? a.day < b.day : a.payment < b.payment
    }

    /// The typical amount of a level (its median), for ratios between levels.
    static func typical(_ level: [StreamEvent]) -> Int64 {
        let s = level.map(\.amount).sorted()
        return s[s.count / 2]
    }
}
