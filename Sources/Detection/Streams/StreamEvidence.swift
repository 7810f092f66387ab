/// When a run of charges is a subscription rather than a habit or a coincidence.
///
/// Thresholds (measured on the evaluation set in Tests/TestSupport, see EvaluationTests):
/// - weekly to semiannual cadences need 3 charges, 2 of them on schedule;
/// - yearly needs 2 charges a year apart; with only 2, their amounts must agree (exactly, or
///   within 2% for a foreign price billed in yuan) and either the text names a plan (会员, VIP,
///   续费, subscription …) or the merchant is otherwise quiet (a busy shop repeats an amount a
///   year apart by chance);
/// - charges-per-cycle: more than a fifth as many same-cycle repeats as charges, irregular gaps
///   beyond a fifth of all gaps, more than one stop, or under 70% of gaps on the rhythm, is a
///   habit (a canteen, daily coffee), not a plan;
/// - amounts that wander (under half of consecutive charges at the same price) need a
///   flawless schedule; an unusual period (every N days) needs 4 charges, 3 on schedule;
/// - at a busy merchant (over 2 other charges per cycle) without a plan word, a stream needs 4
///   charges on a flawless schedule, three quarters repeating the price (5 beyond 4 others per cycle).
enum StreamEvidence {
    static func isSubscription(_ fit: CadenceFit, events: [StreamEvent], hasPlanWord: Bool, otherChargesInSpan: Int) -> Bool {
        let kept = fit.kept
        let keptAmounts = zip(events, fit.classes).compactMap { e, c -> Int64? in
            if case .duplicate = c { return nil }
            return e.amount
        }
        if Intervals.establishedByTwoCharges(fit.cadence) {
            guard kept >= 2, fit.onCadence >= 1 else { return false }
            if kept == 2 {
                // Two charges a year apart: the same price (to exchange-rate drift) at a quiet
                // merchant, or a plan word.
                guard let lo = keptAmounts.min(), let hi = keptAmounts.max(), Double(hi - lo) <= Double(lo) * 0.02 else { return false }
                if !hasPlanWord && otherChargesInSpan > 2 { return false }
            }
        } else {
            guard kept >= 3, fit.onCadence >= 2 else { return false }
        }
        if fit.duplicates > max(2, kept / 5) { return false }
        if fit.irregular > max(1, (kept - 1) / 5) { return false }
        if fit.restarts > 1 || fit.missed > max(1, (kept - 1) / 4) { return false }
        // Most of the rhythm must be the cadence itself, not skips and restarts.
        let regular = fit.onCadence + (fit.earlyIsConsistent ? fit.early : 0)
        if Double(regular) < Double(kept - 1) * 0.7 { return false }

        // Share of consecutive charges at exactly the same price: a plan repeats its price
        // (changing it now and then); a habit's amounts wander.
        let repeats = zip(keptAmounts, keptAmounts.dropFirst()).filter { $0 == $1 }.count
        let repeatShare = kept > 1 ? Double(repeats) / Double(kept - 1) : 1
        let perfect = fit.irregular == 0 && fit.early == 0 && fit.missed == 0
        if case .days = fit.cadence {
            // An unusual period needs more proof than a calendar one.
            guard kept >= 4, fit.onCadence >= 3, fit.restarts == 0, repeatShare >= 0.5 else { return false }
        }
        if repeatShare < 0.5 {
            // A price that wanders a little every time (a foreign plan billed in yuan) is only a
            // plan when the timing is flawless; a habit's amounts wander too, its timing does not.
            guard perfect, kept >= 3, fit.restarts == 0 || kept >= 6 else { return false }
        }
        if let first = events.first, let last = events.last, !hasPlanWord {
            let cycles = max(1.0, Double(last.day - first.day) / fit.cadence.nominalDays)
            if repeatShare < 0.5 && Double(otherChargesInSpan) > cycles { return false }
            if Double(otherChargesInSpan) > 2 * cycles {
                // A shop visited more often than the cadence: only an exactly repeated price, on
                // a flawless schedule, seen enough times, is a plan there.
                guard repeatShare >= 0.75, kept >= 4, perfect, fit.restarts == 0 else { return false }
                if Double(otherChargesInSpan) > 4 * cycles && kept < 5 { return false }
            }
        }
        return true
    }

    /// Words that name a recurring plan in product or merchant text.
    static let planWords = [
        "会员", "vip", "续费", "续订", "订阅", "包月", "包年", "包季", "连续包", "年卡", "月卡", "季卡", "年费", "月费", "套餐",
        "网盘", "云盘", "云空间", "存储", "subscription", "subscr", "renewal", "recurring", "membership", "member", "premium",
        "monthly", "annual", "yearly", "plan", "storage", "icloud", "abo", "mitglied", "lastschrift",
    ]

    static func hasPlanWord(_ texts: [String]) -> Bool {
        var seen = Set<String>()
        for text in texts where seen.insert(text).inserted {
            if containsPlanWord(TextFolding.compactBytes(text)) { return true }
        }
        return false
    }

    /// One pass over the text: at each byte, only the plan words starting with that byte are
    /// compared (rather than a search of the whole text per word).
    static func containsPlanWord(_ folded: [UInt8]) -> Bool {
        folded.withUnsafeBufferPointer { text in
            for i in text.indices {
                for word in planWordsByFirstByte[Int(text[i])] where word.count <= text.count - i {
                    var k = 1
                    while k < word.count && text[i + k] == word[k] { k += 1 }
                    if k == word.count { return true }
                }
            }
            return false
        }
    }

    private static let planWordsByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in planWords { let bytes = Array(word.utf8); table[Int(bytes[0])].append(bytes) }
        return table
    }()
}

/// `StreamEvidence.hasPlanWord` of one text, remembered: a merchant's texts repeat in every chain.
struct PlanWordCache {
    private var known = TextMemo<Bool>()

    mutating func has(_ text: String) -> Bool {
        known.value(text) { StreamEvidence.hasPlanWord([$0]) }
    }
}

/// Substring search on UTF-8 bytes: the standard library's generic `contains` is far slower
/// and this runs for every candidate stream.
enum ByteSearch {
    /// In a string's own UTF-8 storage, without copying it into an array.
    static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        var text = haystack
        return text.withUTF8 { bytes in
            needle.withUnsafeBufferPointer { contains(bytes, $0) }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { contains(h, $0) } }
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
