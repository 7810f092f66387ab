/// When a run of charges is a subscription rather than a habit or a coincidence.
///
/// Thresholds (measured on the evaluation set in Tests/TestSupport, see EvaluationTests):
/// - weekly to bimonthly cadences need 3 charges, 2 of them on schedule;
/// - quarterly and longer need 2 charges on schedule; with only 2, their amounts must be exactly
///   equal and either the text names a plan (会员, VIP, 续费, subscription …) or the merchant is
///   otherwise quiet (a busy shop repeats an amount a year apart by chance);
/// - charges-per-cycle: more than a third as many same-cycle repeats as charges, or irregular
///   gaps beyond a fifth of all gaps, is a habit (a canteen, daily coffee), not a plan;
/// - at a busy merchant (over 4 other charges per cycle) a short run needs 5 charges or a plan word.
enum StreamEvidence {
    static func isSubscription(_ fit: CadenceFit, events: [StreamEvent], hasPlanWord: Bool, otherChargesInSpan: Int) -> Bool {
        let kept = fit.kept
        let long = Intervals.isLong(fit.cadence)
        if long {
            guard kept >= 2, fit.onCadence >= 1 else { return false }
            if kept == 2 {
                let amounts = Set(zip(events, fit.classes).filter { if case .duplicate = $0.1 { return false }; return true }.map(\.0.amount))
                guard amounts.count == 1 else { return false }
                if !hasPlanWord && otherChargesInSpan > 2 { return false }
            }
        } else {
            guard kept >= 3, fit.onCadence >= 2 else { return false }
        }
        if fit.duplicates > max(2, kept / 3) { return false }
        if fit.irregular > max(1, (kept - 1) / 5) { return false }
        // Most of the rhythm must be the cadence itself, not skips and restarts.
        let regular = fit.onCadence + (fit.earlyIsConsistent ? fit.early : 0)
        if Double(regular) < Double(kept - 1) * 0.5 { return false }
        if let first = events.first, let last = events.last {
            let cycles = max(1.0, Double(last.day - first.day) / fit.cadence.nominalDays)
            if Double(otherChargesInSpan) > 4 * cycles && kept < 5 && !hasPlanWord { return false }
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
        texts.contains { text in
            let folded = TextFolding.compact(text)
            return planWords.contains { folded.contains($0) }
        }
    }
}
