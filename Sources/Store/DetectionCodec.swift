import Detection
import Ledger

/// The store's encoding of a detection result, so that a scan of an unchanged folder can
/// skip detection. Every transaction the result cites (subscription charges, finding charges,
/// the original of a duplicate) is written once, with `TransactionCodec`, raw rows included:
/// the report's evidence appendix quotes them.
enum DetectionCodec {
    static let magic: [UInt8] = Array("ADR1".utf8)

    // MARK: Encoding

    static func encode(_ result: DetectionResult, period: ClosedRange<CivilDate>?) -> [UInt8] {
        var pool = TransactionPool()
        for s in result.subscriptions { for t in s.transactions { pool.add(t) } }
        for f in result.findings {
            for t in f.transactions { pool.add(t) }
            if case let .duplicate(original) = f.detail { pool.add(original) }
        }
        var w = ByteWriter(capacity: 4096)
        w.raw(magic)
        let pooled = TransactionCodec.encode(pool.items[...], filePath: "")
        w.unsigned(pooled.count)
        w.raw(pooled)
        if let period {
            w.byte(1)
            w.signed(Int64(period.lowerBound.dayNumber))
            w.signed(Int64(period.upperBound.dayNumber))
        } else {
            w.byte(0)
        }
        w.unsigned(result.subscriptions.count)
        for s in result.subscriptions {
            w.string(s.id)
            w.string(s.merchant)
            w.string(s.merchantKey)
            cadence(s.cadence, &w)
            money(s.amount, &w)
            w.string(s.status.rawValue)
            date(s.first, &w)
            date(s.last, &w)
            optionalDate(s.nextExpected, &w)
            w.unsigned(s.channels.count)
            for c in s.channels { w.string(c.rawValue) }
            references(s.transactions, pool, &w)
        }
        w.unsigned(result.findings.count)
        for f in result.findings {
            w.string(f.id)
            w.string(f.kind.rawValue)
            w.string(f.merchant)
            w.optionalString(f.subscriptionID)
            money(f.amount, &w)
            references(f.transactions, pool, &w)
            detail(f.detail, pool, &w)
            w.unsigned(f.deadlines.count)
            for d in f.deadlines {
                w.string(d.rule)
                date(d.date, &w)
            }
            optionalMoney(f.refunded, &w)
        }
        w.unsigned(result.links.count)
        for l in result.links {
            w.string(l.kind.rawValue)
            w.string(l.primary)
            w.string(l.secondary)
        }
        return w.bytes
    }

    /// Transactions by first appearance; equal values share one slot.
    /// Each distinct transaction once. Looked up by a cheap key (line, instant, amount and the
    /// id's bytes) and then compared whole: hashing every field of a `Transaction` normalises
    /// each non-ASCII string, and a big result holds a hundred thousand of them.
    private struct TransactionPool {
        var items: [Transaction] = []
        private var buckets: [Key: [Int]] = [:]

        private struct Key: Hashable {
            let line: Int, epoch: Int64, minor: Int64, id: Int

            init(_ t: Transaction) {
                line = t.source.line
                epoch = t.time.epochSeconds
                minor = t.amount.minorUnits
                var hasher = Hasher()
                var id = t.id
                id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                self.id = hasher.finalize()
            }
        }

        mutating func add(_ t: Transaction) {
            let key = Key(t)
            if let found = buckets[key], found.contains(where: { items[$0] == t }) { return }
            buckets[key, default: []].append(items.count)
            items.append(t)
        }

        func index(of t: Transaction) -> Int {
            buckets[Key(t)]!.first { items[$0] == t }!
        }
    }

    private static func references(_ transactions: [Transaction], _ pool: TransactionPool, _ w: inout ByteWriter) {
        w.unsigned(transactions.count)
        for t in transactions { w.unsigned(pool.index(of: t)) }
    }

    private static func detail(_ d: FindingDetail, _ pool: TransactionPool, _ w: inout ByteWriter) {
        switch d {
        case let .afterCancellation(c):
            w.byte(0)
            w.string(c.merchant)
            date(c.date, &w)
            if let time = c.time {
                w.byte(1)
                w.signed(time.epochSeconds)
                w.signed(Int64(time.offsetSeconds))
            } else {
                w.byte(0)
            }
            w.optionalString(c.reference)
            w.optionalString(c.channel)
            w.unsigned(c.evidence.count)
            for e in c.evidence { w.string(e) }
            w.optionalString(c.note)
            w.string(c.declaredAt)
        case let .shortenedInterval(expected, fromPlan, gaps):
            w.byte(1)
            cadence(expected, &w)
            w.byte(fromPlan ? 1 : 0)
            w.unsigned(gaps.count)
            for g in gaps { w.signed(Int64(g)) }
        case let .duplicate(original):
            w.byte(2)
            w.unsigned(pool.index(of: original))
        case let .priceIncrease(from, to, fromPlan):
            w.byte(3)
            money(from, &w)
            money(to, &w)
            w.byte(fromPlan ? 1 : 0)
        case let .trialConversion(trial, full):
            w.byte(4)
            money(trial, &w)
            money(full, &w)
        case let .reactivated(gap, missed):
            w.byte(5)
            w.signed(Int64(gap))
            w.signed(Int64(missed))
        case .newSubscription:
            w.byte(6)
        case let .upcoming(day, amount):
            w.byte(7)
            date(day, &w)
            money(amount, &w)
        }
    }

    private static func cadence(_ c: Cadence, _ w: inout ByteWriter) {
        switch c {
        case .weekly: w.byte(0)
        case .biweekly: w.byte(1)
        case .monthly: w.byte(2)
        case .quarterly: w.byte(3)
        case .semiannual: w.byte(4)
        case .yearly: w.byte(5)
        case let .days(n):
            w.byte(6)
            w.signed(Int64(n))
        }
    }

    private static func money(_ m: Money, _ w: inout ByteWriter) {
        w.signed(m.minorUnits)
        w.string(m.currency.code)
    }

    private static func optionalMoney(_ m: Money?, _ w: inout ByteWriter) {
        guard let m else { return w.byte(0) }
        w.byte(1)
        money(m, &w)
    }

    private static func date(_ d: CivilDate, _ w: inout ByteWriter) { w.signed(Int64(d.dayNumber)) }

    private static func optionalDate(_ d: CivilDate?, _ w: inout ByteWriter) {
        guard let d else { return w.byte(0) }
        w.byte(1)
        date(d, &w)
    }

    // MARK: Decoding

    /// Throws `CorruptEncoding` on anything unexpected; the caller then runs detection again.
    static func decode(_ bytes: [UInt8]) throws -> (result: DetectionResult, period: ClosedRange<CivilDate>?) {
        try bytes.withUnsafeBytes { raw in try decodeBody(raw) }
    }

    private static func decodeBody(_ raw: UnsafeRawBufferPointer) throws -> (result: DetectionResult, period: ClosedRange<CivilDate>?) {
        guard raw.count >= magic.count, magic.indices.allSatisfy({ raw[$0] == magic[$0] }) else { throw CorruptEncoding() }
        var r = ByteReader(raw)
        r.offset = magic.count
        let pooledLength = try r.count(limit: raw.count)
        guard pooledLength <= raw.count - r.offset else { throw CorruptEncoding() }
        let pooledBytes = UnsafeRawBufferPointer(rebasing: raw[r.offset..<(r.offset + pooledLength)])
        let capacity = try TransactionCodec.transactionCount(pooledBytes)
        var failed = false
        let pool = [Transaction](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            if let n = try? TransactionCodec.decode(pooledBytes, filePath: "", into: base, capacity: capacity) {
                initialized = n
            } else {
                failed = true
            }
        }
        guard !failed, pool.count == capacity else { throw CorruptEncoding() }
        r.offset += pooledLength
        var period: ClosedRange<CivilDate>?
        if try r.byte() == 1 {
            let low = try date(&r), high = try date(&r)
            guard low <= high else { throw CorruptEncoding() }
            period = low...high
        }
        var subscriptions: [Subscription] = []
        for _ in 0..<(try r.count(limit: raw.count)) {
            let id = try r.string(), merchant = try r.string(), key = try r.string()
            let cadence = try cadence(&r)
            let amount = try money(&r)
            guard let status = SubscriptionStatus(rawValue: try r.string()) else { throw CorruptEncoding() }
            let first = try date(&r), last = try date(&r), next = try optionalDate(&r)
            var channels: [Channel] = []
            for _ in 0..<(try r.count(limit: raw.count)) {
                guard let c = Channel(rawValue: try r.string()) else { throw CorruptEncoding() }
                channels.append(c)
            }
            subscriptions.append(Subscription(id: id, merchant: merchant, merchantKey: key, cadence: cadence, amount: amount,
                                              status: status, first: first, last: last, nextExpected: next, channels: channels,
                                              transactions: try references(&r, pool)))
        }
        var findings: [Finding] = []
        for _ in 0..<(try r.count(limit: raw.count)) {
            let id = try r.string()
            guard let kind = FindingKind(rawValue: try r.string()) else { throw CorruptEncoding() }
            let merchant = try r.string()
            let subscriptionID = try r.optionalString()
            let amount = try money(&r)
            let transactions = try references(&r, pool)
            let detail = try detail(&r, pool)
            var deadlines: [Deadline] = []
            for _ in 0..<(try r.count(limit: raw.count)) {
                let rule = try r.string()
                deadlines.append(Deadline(rule: rule, date: try date(&r)))
            }
            let refunded = try optionalMoney(&r)
            findings.append(Finding(id: id, kind: kind, merchant: merchant, subscriptionID: subscriptionID, amount: amount,
                                    transactions: transactions, detail: detail, deadlines: deadlines, refunded: refunded))
        }
        var links: [Link] = []
        for _ in 0..<(try r.count(limit: raw.count)) {
            guard let kind = Link.Kind(rawValue: try r.string()) else { throw CorruptEncoding() }
            let primary = try r.string()
            links.append(Link(kind: kind, primary: primary, secondary: try r.string()))
        }
        guard r.isAtEnd else { throw CorruptEncoding() }
        return (DetectionResult(subscriptions: subscriptions, findings: findings, links: links), period)
    }

    // Indices are read first and looked up after: a throwing function returning a whole
    // Transaction from the pool was miscompiled by Swift 6.3.1 in release builds (it returned a
    // garbage error), crashing every reuse of a snapshot.
    private static func references(_ r: inout ByteReader, _ pool: [Transaction]) throws -> [Transaction] {
        var indices: [Int] = []
        for _ in 0..<(try r.count(limit: r.base.count)) { indices.append(try index(&r, pool.count)) }
        return indices.map { pool[$0] }
    }

    private static func index(_ r: inout ByteReader, _ poolCount: Int) throws -> Int {
        let i = try r.unsigned()
        guard i < UInt64(poolCount) else { throw CorruptEncoding() }
        return Int(i)
    }

    private static func detail(_ r: inout ByteReader, _ pool: [Transaction]) throws -> FindingDetail {
        switch try r.byte() {
        case 0:
            let merchant = try r.string()
            let day = try date(&r)
            var time: Timestamp?
            if try r.byte() == 1 {
                let epoch = try r.signed()
                guard let offset = Int32(exactly: try r.signed()) else { throw CorruptEncoding() }
                time = Timestamp(epochSeconds: epoch, offsetSeconds: offset)
            }
            let reference = try r.optionalString(), channel = try r.optionalString()
            var evidence: [String] = []
            for _ in 0..<(try r.count(limit: r.base.count)) { evidence.append(try r.string()) }
            let note = try r.optionalString()
            return .afterCancellation(Cancellation(merchant: merchant, date: day, time: time, reference: reference, channel: channel,
                                                   evidence: evidence, note: note, declaredAt: try r.string()))
        case 1:
            let expected = try cadence(&r)
            let fromPlan = try r.byte() == 1
            var gaps: [Int] = []
            for _ in 0..<(try r.count(limit: r.base.count)) { gaps.append(try int(&r)) }
            return .shortenedInterval(expected: expected, fromPlan: fromPlan, gapsInDays: gaps)
        case 2:
            let original = try index(&r, pool.count)
            return .duplicate(original: pool[original])
        case 3:
            let from = try money(&r), to = try money(&r)
            return .priceIncrease(from: from, to: to, fromPlan: try r.byte() == 1)
        case 4:
            let trial = try money(&r)
            return .trialConversion(trialAmount: trial, fullAmount: try money(&r))
        case 5:
            let gap = try int(&r)
            return .reactivated(gapInDays: gap, missedCycles: try int(&r))
        case 6: return .newSubscription
        case 7:
            let day = try date(&r)
            return .upcoming(date: day, amount: try money(&r))
        default: throw CorruptEncoding()
        }
    }

    private static func cadence(_ r: inout ByteReader) throws -> Cadence {
        switch try r.byte() {
        case 0: return .weekly
        case 1: return .biweekly
        case 2: return .monthly
        case 3: return .quarterly
        case 4: return .semiannual
        case 5: return .yearly
        case 6: return .days(try int(&r))
        default: throw CorruptEncoding()
        }
    }

    private static func int(_ r: inout ByteReader) throws -> Int {
        guard let v = Int(exactly: try r.signed()) else { throw CorruptEncoding() }
        return v
    }

    private static func money(_ r: inout ByteReader) throws -> Money {
        let minor = try r.signed()
        return Money(minorUnits: minor, currency: Currency(try r.string()))
    }

    private static func optionalMoney(_ r: inout ByteReader) throws -> Money? {
        try r.byte() == 1 ? try money(&r) : nil
    }

    private static func date(_ r: inout ByteReader) throws -> CivilDate {
        // Far outside any statement: a corrupt day number must not reach date arithmetic.
        let n = try r.signed()
        guard (-1_000_000...3_000_000).contains(n) else { throw CorruptEncoding() }
        return CivilDate(dayNumber: Int(n))
    }

    private static func optionalDate(_ r: inout ByteReader) throws -> CivilDate? {
        try r.byte() == 1 ? try date(&r) : nil
    }
}
