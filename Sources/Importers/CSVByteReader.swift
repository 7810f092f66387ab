/// Reads CSV records as byte rows over a buffer the caller keeps alive (inside its
/// `withUnsafeBufferPointer`): no String is made until a row reader asks for a cell.
/// A row is valid until the next call to `next()`.
struct CSVByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private let storage = CSVFieldStorage()
    private var position: Int
    private var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> CSVByteRow? {
        guard position < bytes.count else { return nil }
        let start = position
        let (outcome, fields) = storage.scan(bytes, from: position, delimiter: delimiter)
        let row = CSVByteRow(line: line, unterminatedQuote: outcome.unterminatedQuote, bytes: bytes, fields: fields,
                             raw: start..<outcome.recordEnd)
        position = outcome.nextPosition
        line += outcome.linesConsumed
        return row
    }
}

/// One record as byte ranges of the file. Cells become Strings only when asked for.
struct CSVByteRow {
    let line: Int
    let unterminatedQuote: Bool
    private let bytes: UnsafeBufferPointer<UInt8>
    private let fields: UnsafePointer<CSVFieldList.Field>
    let count: Int
    private let scratch: UnsafePointer<UInt8>
    private let rawRange: Range<Int>

    init(line: Int, unterminatedQuote: Bool, bytes: UnsafeBufferPointer<UInt8>, fields: CSVFieldList, raw: Range<Int>) {
        self.line = line; self.unterminatedQuote = unterminatedQuote; self.bytes = bytes
        self.fields = UnsafePointer(fields.fields); self.count = fields.count
        self.scratch = UnsafePointer(fields.scratch); self.rawRange = raw
    }

    /// The cell's text as it was read (quotes removed, padding kept); empty past the row's end.
    @inline(__always) func cell(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0 && i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let f = fields[i]
        let base = f.inScratch ? scratch : bytes.baseAddress!
        return UnsafeBufferPointer(start: base + f.start, count: f.end - f.start)
    }

    /// The record's text as the file has it, without the line end.
    var raw: String { String(decoding: UnsafeBufferPointer(rebasing: bytes[rawRange]), as: UTF8.self) }

    /// The row with every cell as a String, for the rare paths (headers, preambles, repairs).
    var record: CSVRecord {
        CSVRecord(line: line, fields: fieldStrings, raw: raw, unterminatedQuote: unterminatedQuote)
    }
}

extension CSVByteRow: CSVCells {
    var fieldStrings: [String] { (0..<count).map { String(decoding: cell($0), as: UTF8.self) } }

    @inline(__always) func withTrimmedBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(CSVTrim.bytes(cell(i)))
    }

    func trimmed(_ i: Int) -> String { String(decoding: CSVTrim.bytes(cell(i)), as: UTF8.self) }

    @inline(__always) func value(_ i: Int, pool: StringPool?) -> String {
        let t = CSVTrim.bytes(cell(i))
        if t.count == 1 && (t[0] == UInt8(ascii: "/") || t[0] == UInt8(ascii: "-")) { return "" }
        if let pool { return pool.string(t) }
        return String(decoding: t, as: UTF8.self)
    }
}

/// What the row readers need of a record, whether its cells are Strings (`CSVRecord`: XLSX
/// rows, tests) or byte ranges (`CSVByteRow`: the CSV importers' fast path).
protocol CSVCells {
    var line: Int { get }
    var count: Int { get }
    var unterminatedQuote: Bool { get }
    /// The record's text as in the (decoded) file; made on each call.
    var raw: String { get }
    /// Every cell as a String, untrimmed.
    var fieldStrings: [String] { get }
    /// The cell trimmed like `CSVReader.trim`, as UTF-8; empty past the row's end.
    func withTrimmedBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    /// The cell trimmed like `CSVReader.trim`; "" past the row's end.
    func trimmed(_ i: Int) -> String
    /// `CNText.value` of the cell ("" past the row's end), shared through `pool` when given.
    func value(_ i: Int, pool: StringPool?) -> String
}

extension CSVCells {
    @inline(__always) func value(_ i: Int) -> String { value(i, pool: nil) }

    /// `value` for an optional column: "" when the layout has none.
    @inline(__always) func value(_ i: Int?, pool: StringPool? = nil) -> String {
        guard let i else { return "" }
        return value(i, pool: pool)
    }

    /// A record with nothing but empty cells (blank lines, comma padding).
    var isBlank: Bool {
        for i in 0..<count where !withTrimmedBytes(i, { $0.isEmpty }) { return false }
        return true
    }
}

@inline(__always) func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var k = 0
    while k < n { if a[k] != b[k] { return false }; k += 1 }
    return true
}

extension CSVRecord: CSVCells {
    var count: Int { fields.count }
    var fieldStrings: [String] { fields }

    func withTrimmedBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var t = i >= 0 ? trimmed(i) : ""
        return try t.withUTF8(body)
    }

    func value(_ i: Int, pool: StringPool?) -> String {
        i >= 0 && i < fields.count ? CNText.value(fields[i]) : ""
    }
}

/// `CSVReader.trim` on UTF-8 bytes: ASCII spaces, tabs, CR/LF, NBSP (C2 A0), the ideographic
/// space (E3 80 80) and a stray BOM (EF BB BF) at either end. UTF-8 resynchronises at every
/// lead byte, so trimming the bytes and then decoding equals decoding and then trimming.
enum CSVTrim {
    @inline(__always) static func bytes(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi {
            let c = b[lo]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { lo += 1; continue }
            if c == 0xC2 && lo + 1 < hi && b[lo + 1] == 0xA0 { lo += 2; continue }
            if c == 0xE3 && lo + 2 < hi && b[lo + 1] == 0x80 && b[lo + 2] == 0x80 { lo += 3; continue }
            if c == 0xEF && lo + 2 < hi && b[lo + 1] == 0xBB && b[lo + 2] == 0xBF { lo += 3; continue }
            break
        }
        while hi > lo {
            let c = b[hi - 1]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { hi -= 1; continue }
            if c == 0xA0 && hi - 2 >= lo && b[hi - 2] == 0xC2 { hi -= 2; continue }
            if c == 0x80 && hi - 3 >= lo && b[hi - 2] == 0x80 && b[hi - 3] == 0xE3 { hi -= 3; continue }
            if c == 0xBF && hi - 3 >= lo && b[hi - 2] == 0xBB && b[hi - 3] == 0xEF { hi -= 3; continue }
            break
        }
        guard let base = b.baseAddress else { return b }
        return UnsafeBufferPointer(start: base + lo, count: hi - lo)
    }
}
