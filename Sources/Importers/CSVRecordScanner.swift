/// The byte-level core of every CSV read: finds one record's fields as byte ranges of the
/// input and makes no String. `CSVReader` (String records) and `CSVByteReader` (byte rows)
/// both read through it, so they split records identically.
///
/// Tolerant in the ways statement exports need: CRLF, lone CR and LF line ends; quoted fields
/// with `""` escapes and line breaks; spaces or a tab between a closing quote and the
/// delimiter (WeChat's `"3985734"\t,`); a quote in the middle of an unquoted field is text.
enum CSVRecordScanner {
    struct Outcome {
        /// End of the record's text, without its line end.
        var recordEnd: Int
        /// Where the next record starts.
        var nextPosition: Int
        var linesConsumed: Int
        var unterminatedQuote: Bool
    }

    static let quote = UInt8(ascii: "\"")

    /// Scans the record starting at `position` (which must be inside `bytes`) into `fields`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, delimiter: UInt8, into fields: inout CSVFieldList) -> Outcome {
        fields.reset()
        let n = bytes.count
        var i = position
        var linesConsumed = 0

        @inline(__always) func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
        @inline(__always) func skipLineEnd(_ j: Int) -> Int {
            bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A ? j + 2 : j + 1
        }

        while true {
            if i < n && bytes[i] == quote {
                let fieldStart = i + 1
                var j = fieldStart
                var closed = false
                var innerLines = 0
                var hasEscape = false
                while j < n {
                    let b = bytes[j]
                    if b == quote {
                        if j + 1 < n && bytes[j + 1] == quote { hasEscape = true; j += 2; continue }
                        closed = true; break
                    }
                    if b == 0x0D || b == 0x0A {
                        innerLines += 1
                        // A CRLF inside quotes is one line break, kept as both bytes.
                        if b == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A { j += 2; continue }
                    }
                    j += 1
                }
                let contentEnd = j
                if closed { j += 1 }
                // A quote that "closes" only after a line break and is then followed by text
                // rather than a delimiter or line end was a stray quote pairing with the next
                // field's opening quote: treat it as unterminated so the damage stays on one line.
                if closed && innerLines > 0 {
                    var k = j
                    while k < n && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
                    if k < n && bytes[k] != delimiter && !isLineEnd(bytes[k]) { closed = false }
                }
                if !closed {
                    // Resynchronise: take the rest of the physical line as the field.
                    var k = fieldStart
                    while k < n && !isLineEnd(bytes[k]) { k += 1 }
                    fields.append(start: fieldStart, end: k)
                    return Outcome(recordEnd: k, nextPosition: k < n ? skipLineEnd(k) : n,
                                   linesConsumed: linesConsumed + 1, unterminatedQuote: true)
                }
                linesConsumed += innerLines
                // Text after the closing quote up to the delimiter: whitespace is dropped,
                // anything else is kept (a sloppy exporter's `"a"b`).
                let afterQuote = j
                var keptAfterQuote = false
                while j < n && bytes[j] != delimiter && !isLineEnd(bytes[j]) {
                    if bytes[j] != 0x20 && bytes[j] != 0x09 { keptAfterQuote = true }
                    j += 1
                }
                if hasEscape || keptAfterQuote {
                    // The text is not one run of the input: build it in the scratch buffer.
                    let start = fields.scratchCount
                    var k = fieldStart
                    while k < contentEnd {
                        fields.appendScratch(bytes[k])
                        k += bytes[k] == quote ? 2 : 1
                    }
                    for k in afterQuote..<j where bytes[k] != 0x20 && bytes[k] != 0x09 { fields.appendScratch(bytes[k]) }
                    fields.appendScratchField(start: start)
                } else {
                    fields.append(start: fieldStart, end: contentEnd)
                }
                i = j
            } else {
                let j = endOfUnquoted(bytes, from: i, delimiter: delimiter)
                fields.append(start: i, end: j)
                i = j
            }
            if i >= n { return Outcome(recordEnd: n, nextPosition: n, linesConsumed: linesConsumed + 1, unterminatedQuote: false) }
            if bytes[i] == delimiter {
                i += 1
                if i >= n {
                    fields.append(start: n, end: n)
                    return Outcome(recordEnd: n, nextPosition: n, linesConsumed: linesConsumed + 1, unterminatedQuote: false)
                }
                continue
            }
            return Outcome(recordEnd: i, nextPosition: skipLineEnd(i), linesConsumed: linesConsumed + 1, unterminatedQuote: false)
        }
    }

    /// The first delimiter, CR or LF at or after `i`, else `bytes.count`. Eight bytes at a
    /// time while none of them is one (padded cells run to dozens of spaces).
    @inline(__always)
    static func endOfUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> Int {
        let n = bytes.count
        var j = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let d = ones &* UInt64(delimiter), lf = ones &* 0x0A, cr = ones &* 0x0D
            while j + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let x = w ^ d, y = w ^ lf, z = w ^ cr
                let hit = ((x &- ones) & ~x) | ((y &- ones) & ~y) | ((z &- ones) & ~z)
                if hit & highs != 0 { break }
                j += 8
            }
        }
        while j < n {
            let b = bytes[j]
            if b == delimiter || b == 0x0A || b == 0x0D { break }
            j += 1
        }
        return j
    }
}

/// One record's field ranges, reused from record to record so that scanning allocates
/// nothing. A field is a range of the input, or of `scratch` when its text had to be
/// rebuilt (`""` escapes, text after a closing quote). A value type scanned `inout`: a
/// class's stored properties would be checked for exclusive access on every field.
/// `CSVFieldStorage` owns the memory.
struct CSVFieldList {
    struct Field {
        var start: Int
        var end: Int
        var inScratch: Bool
    }

    private(set) var fields: UnsafeMutablePointer<Field>
    private(set) var count = 0
    private var fieldCapacity: Int
    private(set) var scratch: UnsafeMutablePointer<UInt8>
    private(set) var scratchCount = 0
    private var scratchCapacity: Int

    fileprivate init() {
        fieldCapacity = 32
        fields = .allocate(capacity: fieldCapacity)
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
    }

    fileprivate func deallocate() {
        fields.deallocate()
        scratch.deallocate()
    }

    @inline(__always) mutating func reset() { count = 0; scratchCount = 0 }

    @inline(__always) mutating func append(start: Int, end: Int) {
        if count == fieldCapacity { growFields() }
        (fields + count).initialize(to: Field(start: start, end: end, inScratch: false))
        count += 1
    }

    mutating func appendScratchField(start: Int) {
        if count == fieldCapacity { growFields() }
        (fields + count).initialize(to: Field(start: start, end: scratchCount, inScratch: true))
        count += 1
    }

    @inline(__always) mutating func appendScratch(_ b: UInt8) {
        if scratchCount == scratchCapacity { growScratch() }
        scratch[scratchCount] = b
        scratchCount += 1
    }

    private mutating func growFields() {
        let bigger = UnsafeMutablePointer<Field>.allocate(capacity: fieldCapacity * 2)
        bigger.moveInitialize(from: fields, count: count)
        fields.deallocate()
        fields = bigger
        fieldCapacity *= 2
    }

    private mutating func growScratch() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity * 2)
        bigger.moveInitialize(from: scratch, count: scratchCount)
        scratch.deallocate()
        scratch = bigger
        scratchCapacity *= 2
    }
}

/// Owns a `CSVFieldList`'s memory for a reader: taken out for each record's scan and put
/// back, so the list is freed once whatever it grew to.
final class CSVFieldStorage {
    var list = CSVFieldList()

    deinit { list.deallocate() }

    /// Scans one record with the stored list; the list's pointers stay valid until the next scan.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, delimiter: UInt8) -> (CSVRecordScanner.Outcome, CSVFieldList) {
        var fields = list
        let outcome = CSVRecordScanner.scan(bytes, from: position, delimiter: delimiter, into: &fields)
        list = fields
        return (outcome, fields)
    }
}
