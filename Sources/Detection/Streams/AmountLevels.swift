/// Splits one merchant's charges into price levels. Amounts within 2% of their neighbour and
/// 5% of the level's lowest stay together (a foreign-currency plan billed in yuan drifts with
/// the exchange rate); anything further apart is another level, to be joined back only when
/// the time order says it is a price change of the same stream.
enum AmountLevels {
    static func cluster(_ events: [StreamEvent]) -> [[StreamEvent]] {
        let byAmount = events.sorted { a, b in a.amount != b.amount ? a.amount < b.amount : a.day != b.day ? a.day < b.day : a.payment < b.payment }
        var levels: [[StreamEvent]] = []
        var current: [StreamEvent] = []
        for e in byAmount {
            if let last = current.last, let lowest = current.first {
                let neighbour = Double(e.amount - last.amount) <= Double(last.amount) * 0.02 + 1
                let width = Double(e.amount - lowest.amount) <= Double(lowest.amount) * 0.05 + 1
                if !(neighbour && width) {
                    levels.append(current); current = []
                }
            }
            current.append(e)
        }
        if !current.isEmpty { levels.append(current) }
        return levels.map { $0.sorted { a, b in a.day != b.day ? a.day < b.day : a.payment < b.payment } }
    }

    /// The typical amount of a level (its median), for ratios between levels.
    static func typical(_ level: [StreamEvent]) -> Int64 {
        let s = level.map(\.amount).sorted()
        return s[s.count / 2]
    }
}
