import Ledger

/// The cache's encoding of a run of transactions from one file: a table of the distinct
/// strings, then one compact record per transaction that refers to the table. Statements
/// repeat the same merchants, statuses and methods on every row, so each distinct string is
/// built once when loading; the fields unique to a row (id, order id, raw row) are written
/// inline; integers are varints. The file's own path is not stored: a
/// transaction whose `source.path` starts with it keeps only the rest, so the same content
/// serves a copied or renamed file.
enum TransactionCodec {
    static let magic: [UInt8] = Array("ADT1".utf8)

    private enum Flag {
        static let dateOnly: UInt8 = 1
        static let pathRelativeToFile: UInt8 = 2
        static let refunded: UInt8 = 4
        static let mandate: UInt8 = 8
    }

    // MARK: Encoding

    static func encode(_ transactions: ArraySlice<Transaction>, filePath: String) -> [UInt8] {
        var strings = StringTable()
        var records = ByteWriter(capacity: transactions.count * 48)
        // Rows of a file share one path String: its stored form is worked out once.
        var lastPath: (words: (UInt64, UInt64), source: String, stored: String, relative: Bool)?
        for t in transactions {
            var flags: UInt8 = t.dateOnly ? Flag.dateOnly : 0
            let words = unsafeBitCast(t.source.path, to: (UInt64, UInt64).self)
            if lastPath == nil || lastPath!.words != words {
                // Compared as bytes: String's hasPrefix follows canonical equivalence, which
                // would let an NFD path lose its exact spelling on the way back.
                let path = t.source.path
                let relative = path.utf8.starts(with: filePath.utf8)
                let stored = relative ? String(decoding: path.utf8.dropFirst(filePath.utf8.count), as: UTF8.self) : path
                lastPath = (words, path, stored, relative)
            }
            let path = lastPath!.stored
            if lastPath!.relative { flags |= Flag.pathRelativeToFile }
            if t.refundedAmount != nil { flags |= Flag.refunded }
            if t.mandate != nil { flags |= Flag.mandate }
            records.byte(flags)
            records.byte(enumCode(channel: t.channel) | enumCode(kind: t.kind) << 3 | enumCode(state: t.state) << 6)
            records.string(t.id)
            records.unsigned(strings.reference(t.format))
            records.unsigned(strings.reference(path))
            records.signed(Int64(t.source.line))
            records.signed(t.time.epochSeconds)
            records.signed(Int64(t.time.offsetSeconds))
            records.signed(t.amount.minorUnits)
            records.unsigned(strings.reference(t.amount.currency.code))
            records.unsigned(strings.reference(t.counterparty))
            records.unsigned(strings.reference(t.product))
            records.unsigned(strings.reference(t.paymentMethod))
            records.unsigned(strings.reference(t.status))
            records.optionalString(t.merchantOrderID)
            records.unsigned(strings.reference(t.sourceType))
            records.unsigned(strings.reference(t.account))
            records.unsigned(strings.reference(t.relatesTo))
            if let refunded = t.refundedAmount {
                records.signed(refunded.minorUnits)
                records.unsigned(strings.reference(refunded.currency.code))
            }
            if let mandate = t.mandate {
                records.unsigned(strings.reference(mandate.creditorID))
                records.unsigned(strings.reference(mandate.mandateID))
            }
            records.unsigned(strings.reference(t.payeeID))
            records.string(t.rawRow)
        }
        var out = ByteWriter(capacity: strings.byteCount + records.bytes.count + 16)
        out.raw(magic)
        out.unsigned(strings.ordered.count)
        for s in strings.ordered { out.string(s) }
        out.unsigned(transactions.count)
        out.raw(records.bytes)
        return out.bytes
    }

    /// Interns strings; reference 0 means nil, n means the (n-1)th distinct string.
    /// Keys compare bytes, not Characters: String's own == would merge an NFD spelling
    /// into an NFC one (and hashing would normalise every non-ASCII string, slowly).
    private struct StringTable {
        var index: [ExactString: UInt64] = [:]
        var ordered: [String] = []
        var byteCount = 0
        /// Strings recently seen, by the two words of their value: importers hand out one
        /// shared String for repeated cells, and small strings hold their bytes in those words,
        /// so most repeats are found by one compare instead of hashing the bytes. Equal words
        /// mean equal bytes (each String here is kept alive, so its storage cannot be freed and
        /// reused for other text); unequal words prove nothing, and the table is asked.
        var recent = [String](repeating: "", count: Self.recentSlots)
        var recentWords = [(UInt64, UInt64)](repeating: (0, 0), count: Self.recentSlots)
        var recentRef = [UInt64](repeating: 0, count: Self.recentSlots)
        static let recentSlots = 1024

        mutating func reference(_ s: String?) -> UInt64 {
            guard let s else { return 0 }
            let words = unsafeBitCast(s, to: (UInt64, UInt64).self)
            // Fibonacci hashing of both words: the storage address alone has its low bits zero.
            let mixed = (words.0 ^ words.1 &* 0x9E37_79B9_7F4A_7C15) &* 0x9E37_79B9_7F4A_7C15
            let i = Int(truncatingIfNeeded: mixed >> 54)
            if recentRef[i] != 0 && recentWords[i] == words { return recentRef[i] }
            let r = intern(s)
            recent[i] = s
            recentWords[i] = words
            recentRef[i] = r
            return r
        }

        mutating func intern(_ s: String) -> UInt64 {
            let key = ExactString(s)
            if let found = index[key] { return found }
            ordered.append(s)
            byteCount += s.utf8.count + 2
            let r = UInt64(ordered.count)
            index[key] = r
            return r
        }
    }

    private struct ExactString: Hashable {
        let value: String
        init(_ value: String) { self.value = value }

        static func == (a: ExactString, b: ExactString) -> Bool { a.value.utf8.elementsEqual(b.value.utf8) }

        func hash(into hasher: inout Hasher) {
            var copy = value
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    // MARK: Decoding

    /// The number of transactions a chunk says it holds, read from its header.
    static func transactionCount(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        var reader = ByteReader(bytes)
        let strings = try readStrings(&reader)
        _ = strings
        return try reader.count(limit: bytes.count)
    }

    /// Decodes a chunk into `destination`, which must have room for `capacity` transactions.
    /// Returns how many it initialised. On a corrupt chunk it throws and leaves nothing
    /// initialised.
    /// With `rawRows` false every `rawRow` is left empty, which saves building the longest
    /// string of each row (see `rawRows(in:filePath:at:)`).
    static func decode(_ bytes: UnsafeRawBufferPointer, filePath: String,
                       into destination: UnsafeMutablePointer<Transaction>, capacity: Int, rawRows: Bool = true) throws -> Int {
        var reader = ByteReader(bytes)
        let strings = try readStrings(&reader)
        let count = try reader.count(limit: capacity)
        var cache = DecodeCache(strings: strings, filePath: filePath, rawRows: rawRows)
        var done = 0
        do {
            while done < count {
                (destination + done).initialize(to: try readTransaction(&reader, cache: &cache))
                done += 1
            }
            guard reader.isAtEnd else { throw CorruptEncoding() }
        } catch {
            (destination).deinitialize(count: done)
            throw error
        }
        return count
    }

    /// Decodes a whole chunk into a new array (tests and small files).
    static func decode(_ bytes: [UInt8], filePath: String) throws -> [Transaction] {
        try bytes.withUnsafeBytes { raw in
            let capacity = try transactionCount(raw)
            return try [Transaction](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = try decode(raw, filePath: filePath, into: buffer.baseAddress!, capacity: capacity)
            }
        }
    }

    /// The raw rows of the transactions at `locations`, without building any other string:
    /// for the evidence of a few findings after a load without raw rows.
    static func rawRows(in bytes: UnsafeRawBufferPointer, filePath: String, at locations: Set<SourceLocation>) throws -> [SourceLocation: String] {
        var reader = ByteReader(bytes)
        let strings = try readStrings(&reader)
        let count = try reader.count(limit: bytes.count)
        var cache = DecodeCache(strings: strings, filePath: filePath, rawRows: false)
        var found: [SourceLocation: String] = [:]
        for _ in 0..<count {
            let location = try skipToRawRow(&reader, cache: &cache)
            if locations.contains(location) { found[location] = try reader.string() } else { _ = try reader.skipString() }
        }
        guard reader.isAtEnd else { throw CorruptEncoding() }
        return found
    }

    /// Reads a record up to its raw row, keeping only its location. Must follow the same
    /// field order as `readTransaction` (a test compares the two).
    private static func skipToRawRow(_ r: inout ByteReader, cache: inout DecodeCache) throws -> SourceLocation {
        let flags = try r.byte()
        _ = try r.byte()
        _ = try r.skipString()
        _ = try cache.required(r.unsigned())
        let path = try cache.path(r.unsigned(), relative: flags & Flag.pathRelativeToFile != 0)
        guard let line = Int(exactly: try r.signed()) else { throw CorruptEncoding() }
        for _ in 0..<3 { _ = try r.signed() }              // epoch, offset, amount
        for _ in 0..<5 { _ = try r.unsigned() }            // currency, counterparty, product, method, status
        _ = try r.optionalSkip()                           // merchant order id
        for _ in 0..<3 { _ = try r.unsigned() }            // source type, account, relates to
        if flags & Flag.refunded != 0 { _ = try r.signed(); _ = try r.unsigned() }
        if flags & Flag.mandate != 0 { _ = try r.unsigned(); _ = try r.unsigned() }
        _ = try r.unsigned()                               // payee id
        return SourceLocation(path: path, line: line)
    }

    private static func readStrings(_ reader: inout ByteReader) throws -> [String] {
        guard reader.base.count >= magic.count, magic.indices.allSatisfy({ reader.base[$0] == magic[$0] }) else {
            throw CorruptEncoding()
        }
        reader.offset = magic.count
        let n = try reader.count(limit: reader.base.count)
        var strings: [String] = []
        strings.reserveCapacity(n)
        for _ in 0..<n { strings.append(try reader.string()) }
        return strings
    }

    /// Per-chunk memo of values built from table strings, so that each is built once.
    private struct DecodeCache {
        let strings: [String]
        let filePath: String
        let rawRows: Bool
        var currencies: [Currency?]
        var relativePaths: [String?]

        init(strings: [String], filePath: String, rawRows: Bool) {
            self.strings = strings
            self.filePath = filePath
            self.rawRows = rawRows
            currencies = Array(repeating: nil, count: strings.count + 1)
            relativePaths = Array(repeating: nil, count: strings.count + 1)
        }

        func optional(_ r: UInt64) throws -> String? {
            if r == 0 { return nil }
            guard r <= UInt64(strings.count) else { throw CorruptEncoding() }
            return strings[Int(r - 1)]
        }

        func required(_ r: UInt64) throws -> String {
            guard let s = try optional(r) else { throw CorruptEncoding() }
            return s
        }

        mutating func currency(_ r: UInt64) throws -> Currency {
            let code = try required(r)
            if let c = currencies[Int(r)] { return c }
            let c = Currency(code)
            currencies[Int(r)] = c
            return c
        }

        mutating func path(_ r: UInt64, relative: Bool) throws -> String {
            let stored = try required(r)
            guard relative else { return stored }
            if let p = relativePaths[Int(r)] { return p }
            let p = stored.isEmpty ? filePath : filePath + stored
            relativePaths[Int(r)] = p
            return p
        }
    }

    private static func readTransaction(_ r: inout ByteReader, cache: inout DecodeCache) throws -> Transaction {
        let flags = try r.byte()
        let enums = try r.byte()
        let id = try r.string()
        let format = try cache.required(r.unsigned())
        let path = try cache.path(r.unsigned(), relative: flags & Flag.pathRelativeToFile != 0)
        let line = try r.signed()
        let epoch = try r.signed()
        let offset = try r.signed()
        guard let offset32 = Int32(exactly: offset), let lineInt = Int(exactly: line) else { throw CorruptEncoding() }
        let minor = try r.signed()
        let currency = try cache.currency(r.unsigned())
        let counterparty = try cache.required(r.unsigned())
        let product = try cache.required(r.unsigned())
        let paymentMethod = try cache.required(r.unsigned())
        let status = try cache.required(r.unsigned())
        let merchantOrderID = try r.optionalString()
        let sourceType = try cache.required(r.unsigned())
        let account = try cache.optional(r.unsigned())
        let relatesTo = try cache.optional(r.unsigned())
        var refunded: Money?
        if flags & Flag.refunded != 0 {
            let m = try r.signed()
            refunded = Money(minorUnits: m, currency: try cache.currency(r.unsigned()))
        }
        var mandate: Mandate?
        if flags & Flag.mandate != 0 {
            mandate = Mandate(creditorID: try cache.optional(r.unsigned()), mandateID: try cache.optional(r.unsigned()))
        }
        let payeeID = try cache.optional(r.unsigned())
        let rawRow = cache.rawRows ? try r.string() : try r.skipString()
        return Transaction(
            id: id, format: format, source: SourceLocation(path: path, line: lineInt),
            time: Timestamp(epochSeconds: epoch, offsetSeconds: offset32), dateOnly: flags & Flag.dateOnly != 0,
            amount: Money(minorUnits: minor, currency: currency), counterparty: counterparty, product: product,
            paymentMethod: paymentMethod, status: status, merchantOrderID: merchantOrderID,
            channel: try channel(enums & 7), kind: try kind(enums >> 3 & 7), state: try state(enums >> 6),
            sourceType: sourceType, account: account, relatesTo: relatesTo, refundedAmount: refunded,
            mandate: mandate, payeeID: payeeID, rawRow: rawRow)
    }

    // MARK: Enum codes (fixed numbers: the cache must not depend on declaration order)

    static func enumCode(channel: Channel) -> UInt8 {
        switch channel {
        case .wechat: 0
        case .alipay: 1
        case .bank: 2
        case .card: 3
        case .sepaDirectDebit: 4
        case .other: 5
        }
    }

    static func channel(_ code: UInt8) throws -> Channel {
        switch code {
        case 0: .wechat
        case 1: .alipay
        case 2: .bank
        case 3: .card
        case 4: .sepaDirectDebit
        case 5: .other
        default: throw CorruptEncoding()
        }
    }

    static func enumCode(kind: TransactionKind) -> UInt8 {
        switch kind {
        case .payment: 0
        case .income: 1
        case .refund: 2
        case .transfer: 3
        case .reversal: 4
        }
    }

    static func kind(_ code: UInt8) throws -> TransactionKind {
        switch code {
        case 0: .payment
        case 1: .income
        case 2: .refund
        case 3: .transfer
        case 4: .reversal
        default: throw CorruptEncoding()
        }
    }

    static func enumCode(state: SettlementState) -> UInt8 {
        switch state {
        case .settled: 0
        case .pending: 1
        case .failed: 2
        }
    }

    static func state(_ code: UInt8) throws -> SettlementState {
        switch code {
        case 0: .settled
        case 1: .pending
        case 2: .failed
        default: throw CorruptEncoding()
        }
    }
}
