import Ledger

/// How one charge relates to the one before it, under a given cadence.
enum GapClass: Hashable, Sendable {
    /// The first charge of the stream.
    case start
    /// On schedule (within the cadence's tolerance).
    case onCadence
    /// Sooner than the cadence allows: a shortened interval.
    case early(gap: Int)
    /// A second charge inside the same cycle as `of` (index into the events).
    case duplicate(of: Int)
    /// On schedule after `missed` skipped cycles.
    case missed(Int)
    /// After a stop of `missed` (≥ 2) cycles: a reactivation.
    case restart(missed: Int, gap: Int)
    /// Later than the schedule and not a whole number of cycles: irregular.
    case late
}

/// The interval facts of a sequence of charges under one cadence.
struct CadenceFit: Sendable {
    let cadence: Cadence
    var classes: [GapClass]
    var onCadence = 0, early = 0, late = 0, missed = 0, restarts = 0, duplicates = 0
    /// Sum of days off schedule over the on-cadence charges: the closer period fits better.
    var deviation = 0
    /// Gap lengths of the early charges.
    var earlyGaps: [Int] = []
    /// Anchor day of month for each event's segment (month-based cadences).
    var anchors: [Int]

    var kept: Int { classes.count - duplicates }

    /// Early charges that keep one shortened rhythm (every 20 days …) rather than scatter: at
    /// most two runs of consecutive early charges, gaps alike, none absurdly short.
    var earlyIsConsistent: Bool {
        guard !earlyGaps.isEmpty else { return true }
        var runs = 0
        var inRun = false
        for c in classes {
            switch c {
            case .early: if !inRun { runs += 1; inRun = true }
            case .duplicate: continue
            default: inRun = false
            }
        }
        guard runs <= 2, Double(earlyGaps.min()!) >= cadence.nominalDays * 0.4 else { return false }
        return earlyGaps.count < 2 || Intervals.medianAbsoluteDeviation(earlyGaps.map(Double.init)) <= 2
    }

    /// Gaps that fit nothing: late ones, and early ones without a rhythm of their own.
    var irregular: Int { late + (earlyIsConsistent ? 0 : early) }
}

/// Interval arithmetic: tolerances, schedules and the classification of gaps.
enum Intervals {
    static let standard: [Cadence] = [.weekly, .biweekly, .monthly, .quarterly, .semiannual, .yearly]

    /// Days either side of the schedule still counted as on time (posting lags, retries).
    static func tolerance(_ c: Cadence) -> Int { c.toleranceDays }

    /// Alipay lets a merchant debit from 3 days before the agreed date: not early.
    static func earlyTolerance(_ c: Cadence, channel: Channel) -> Int {
        channel == .alipay ? max(3, tolerance(c)) : tolerance(c)
    }

    /// Two charges closer than this are in the same cycle.
    static func duplicateWindow(_ c: Cadence) -> Int {
        max(2, Int((c.nominalDays * 0.25).rounded(.down)))
    }

    /// A silence this long is a stop, not a missed charge.
    static func restartGap(_ c: Cadence) -> Int { Int((c.nominalDays * 2.5).rounded(.up)) }

    /// Yearly plans are established by two charges; shorter ones need three.
    static func establishedByTwoCharges(_ c: Cadence) -> Bool { c.nominalDays >= 300 }

    /// Classifies every event (sorted by date) under cadence `c`.
    static func fit(_ events: [StreamEvent], cadence c: Cadence) -> CadenceFit {
        let n = events.count
        let anchors = segmentAnchors(events, cadence: c)
        var fit = CadenceFit(cadence: c, classes: Array(repeating: .start, count: n), anchors: anchors)
        guard n > 1 else { return fit }
        let tol = tolerance(c)
        // Per-cadence limits, worked out once rather than for every charge.
        let sameCycle = duplicateWindow(c), stop = restartGap(c)
        let earlyAlipay = earlyTolerance(c, channel: .alipay), earlyOther = earlyTolerance(c, channel: .other)
        var prev = 0
        var prevWasEarly = false
        var base = events[0].date   // the schedule date the previous charge stood for
        for i in 1..<n {
            let e = events[i]
            let g = e.day - events[prev].day
            if g <= sameCycle && e.couldDuplicate(events[prev]) {
                fit.classes[i] = .duplicate(of: prev); fit.duplicates += 1
                continue
            }
            if g >= stop {
                let missed = max(2, Int((Double(g) / c.nominalDays).rounded()) - 1)
                fit.classes[i] = .restart(missed: missed, gap: g); fit.restarts += 1
                prev = i; base = e.date; prevWasEarly = false
                continue
            }
            // After an early charge the schedule restarts from it (a 20-day rhythm is not
            // pulled back to the old anchor day).
            let from = prevWasEarly ? events[prev].date : base
            let anchor = prevWasEarly ? events[prev].date.day : anchors[i]
            let expected = nextScheduled(after: from, cadence: c, anchor: anchor, steps: 1)
            let dev = e.day - expected.dayNumber
            if dev >= -(e.channel == .alipay ? earlyAlipay : earlyOther) && dev <= tol {
                fit.classes[i] = .onCadence; fit.onCadence += 1; fit.deviation += abs(dev)
                base = expected; prevWasEarly = false
            } else if dev < 0 {
                fit.classes[i] = .early(gap: g); fit.early += 1; fit.earlyGaps.append(g)
                base = e.date; prevWasEarly = true
            } else {
                let k = max(2, Int((Double(g) / c.nominalDays).rounded()))
                let expectedK = nextScheduled(after: from, cadence: c, anchor: anchor, steps: k)
                if abs(e.day - expectedK.dayNumber) <= tol + 1 {
                    fit.classes[i] = .missed(k - 1); fit.missed += 1
                    base = expectedK
                } else {
                    fit.classes[i] = .late; fit.late += 1
                    base = e.date
                }
                prevWasEarly = false
            }
            prev = i
        }
        return fit
    }

    /// The schedule date `steps` cycles after `date`; month-based cadences aim at the anchor day.
    static func nextScheduled(after date: CivilDate, cadence c: Cadence, anchor: Int, steps: Int) -> CivilDate {
        if let m = c.months {
            // A charge posted a day or two into the next month (31st → 2nd) still belongs to
            // the anchor day nearest to it, not to the anchor day of the month it landed in.
            let raw = date.adding(months: m * steps)
            let best = raw.adding(months: 0, anchorDay: anchor)
            // The anchor day of the month before is at least `raw.day` days back, that of the
            // month after at least `daysIn - raw.day + 1` ahead: mid-month, neither is within 7.
            if raw.day > 7 && raw.day < CivilDate.daysIn(month: raw.month, year: raw.year) - 6 { return best }
            let rawDay = raw.dayNumber
            var nearest = best, distance = abs(best.dayNumber - rawDay)
            for shift in stride(from: -1, through: 1, by: 2) {
                let other = raw.adding(months: shift, anchorDay: anchor)
                let d = abs(other.dayNumber - rawDay)
                if d <= 7 && d < distance { nearest = other; distance = d }
            }
            return nearest
        }
        var d = date
        for _ in 0..<steps { d = c.next(after: d) }
        return d
    }

    /// Per event, the day of month its segment (between stops) renews on: the most common day,
    /// the later one on a tie, so a 31st plan stays on the 31st through short months.
    static func segmentAnchors(_ events: [StreamEvent], cadence c: Cadence) -> [Int] {
        guard c.months != nil, !events.isEmpty else { return events.map(\.date.day) }
        var anchors = [Int](repeating: 0, count: events.count)
        var start = 0
        let stop = restartGap(c)
        for i in 1...events.count {
            if i == events.count || events[i].day - events[i - 1].day >= stop {
                // The most common day, the later one on a tie (days of month are 1…31).
                var counts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                var best = events[start].date.day, bestCount = 0
                var monthEnds = 0, latestMonthEnd = 0
                withUnsafeMutableBytes(of: &counts) { raw in
                    let count = raw.bindMemory(to: Int.self)
                    for e in events[start..<i] {
                        let day = e.date.day
                        count[day] += 1
                        // A month's last day may stand for any later anchor (28 Feb for the 31st).
                        if day == CivilDate.daysIn(month: e.date.month, year: e.date.year) {
                            monthEnds += 1
                            latestMonthEnd = max(latestMonthEnd, day)
                        }
                    }
                    for day in 1...31 where count[day] > 0 && count[day] >= bestCount {
                        best = day
                        bestCount = count[day]
                    }
                }
                if monthEnds * 2 > (i - start) { best = max(best, latestMonthEnd) }
                for j in start..<i { anchors[j] = best }
                start = i
            }
        }
        return anchors
    }

    /// The cadence the charges established: judged on the first charges, so that a plan later
    /// shortened to 20 days is still recognised as the monthly plan it was.
    static func bestFit(_ events: [StreamEvent]) -> CadenceFit? {
        guard events.count >= 2 else { return nil }
        var candidates = standard
        // A 28-day rhythm is its own cadence (it drifts through the calendar); only periods
        // within a day of a standard one are left to it.
        if let n = medianGapCandidate(events) {
            // The median of jittered gaps can be a day off the true period: try its neighbours.
            for m in (n - 2)...(n + 2) where m >= 5 && !standard.contains(where: { abs(Double(m) - $0.nominalDays) < 1 }) {
                candidates.append(.days(m))
            }
        }
        let prefix = Array(events.prefix(5))
        let meanGap = events.count > 1 ? Double(events.last!.day - events[0].day) / Double(events.count - 1) : nil
        func better(_ a: CadenceFit, _ b: CadenceFit) -> Bool {
            if a.onCadence != b.onCadence { return a.onCadence > b.onCadence }
            if a.irregular != b.irregular { return a.irregular < b.irregular }
            if a.missed != b.missed { return a.missed < b.missed }
            let aStandard = standard.contains(a.cadence), bStandard = standard.contains(b.cadence)
            if aStandard != bStandard { return aStandard }
            if a.deviation != b.deviation { return a.deviation < b.deviation }
            if let mean = meanGap, case .days(let x) = a.cadence, case .days(let y) = b.cadence,
               abs(Double(x) - mean) != abs(Double(y) - mean) { return abs(Double(x) - mean) < abs(Double(y) - mean) }
            return a.cadence.nominalDays > b.cadence.nominalDays
        }
        let prefixFits = candidates.map { fit(prefix, cadence: $0) }.sorted(by: better)
        if let established = prefixFits.first,
           established.onCadence >= (establishedByTwoCharges(established.cadence) ? 1 : 2) || (prefix.count == 2 && established.onCadence == 1) {
            // Candidates the first charges cannot tell apart are judged on all of them.
            let tied = prefixFits.filter { $0.onCadence == established.onCadence && $0.irregular == established.irregular }
            // `min` keeps the first of equals, as the first of a stable sort would.
            return tied.map { fit(events, cadence: $0.cadence) }.min(by: better)
        }
        return candidates.map { fit(events, cadence: $0) }.min(by: better)
    }

    /// The median gap between charges more than a few days apart, as an irregular period.
    static func medianGapCandidate(_ events: [StreamEvent]) -> Int? {
        var gaps: [Double] = []
        for i in 1..<events.count {
            let g = events[i].day - events[i - 1].day
            if g > 3 { gaps.append(Double(g)) }
        }
        guard gaps.count >= 2 else { return nil }
        let m = Int(median(gaps).rounded())
        return (5...400).contains(m) ? m : nil
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func medianAbsoluteDeviation(_ values: [Double]) -> Double {
        let m = median(values)
        return median(values.map { abs($0 - m) })
    }
}
