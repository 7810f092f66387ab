/// One CSV record: its fields, the line it starts on (1-based) and its raw text.
public struct CSVRecord: Sendable {
    public let line: Int
    public var fields: [String]
    /// The record's bytes as they were in the (decoded) file, without the line end.
    public let raw: String
    /// An opening quote that never closed: fields were read up to the end of the line.
    public let unterminatedQuote: Bool

    /// The field at `index`, trimmed of spaces and tabs; "" when the row is shorter.
    public func trimmed(_ index: Int) -> String {
        index < fields.count ? CSVReader.trim(fields[index]) : ""
    }
}

/// A byte-level CSV reader over UTF-8 text. Tolerant in the ways statement exports need:
/// CRLF, lone CR and LF line ends; quoted fields with `""` escapes and line breaks; spaces or a
/// tab between a closing quote and the delimiter (WeChat's `"3985734"\t,`); a quote in the
/// middle of an unquoted field is kept as text.
public struct CSVReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private var position: Int
    private var line: Int

    public init(utf8 bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.line = 1
    }

    public mutating func next() -> CSVRecord? {
        let n = bytes.count
        guard position < n else { return nil }
        let startLine = line
        let start = position
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(32)
        var i = position
        var unterminated = false
        var recordEnd = n
        var nextPosition = n
        var linesConsumed = 0

        func isLineEnd(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
        func skipLineEnd(_ j: Int) -> Int {
            if bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A { return j + 2 }
            return j + 1
        }

        fieldLoop: while true {
            let quotedField = i < n && bytes[i] == UInt8(ascii: "\"")
            if quotedField {
                // Quoted field.
                var j = i + 1
                var closed = false
                var innerLines = 0
                let fieldStart = j
                while j < n {
                    let b = bytes[j]
                    if b == UInt8(ascii: "\"") {
                        if j + 1 < n && bytes[j + 1] == UInt8(ascii: "\"") {
                            field.append(b); j += 2; continue
                        }
                        closed = true; j += 1; break
                    }
                    if b == 0x0D || b == 0x0A {
                        innerLines += 1
                        // A CRLF inside quotes is one line break, kept as both bytes.
                        if b == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A {
                            field.append(0x0D); field.append(0x0A); j += 2; continue
                        }
                    }
                    field.append(b)
                    j += 1
                }
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
                    unterminated = true
                    field.removeAll(keepingCapacity: true)
                    var k = fieldStart
                    while k < n && !isLineEnd(bytes[k]) { k += 1 }
                    field.append(contentsOf: bytes[fieldStart..<k])
                    fields.append(String(decoding: field, as: UTF8.self))
                    recordEnd = k
                    nextPosition = k < n ? skipLineEnd(k) : n
                    linesConsumed += 1
                    break fieldLoop
                }
                linesConsumed += innerLines
                // Text after the closing quote up to the delimiter: whitespace is dropped,
                // anything else is kept (a sloppy exporter's `"a"b`).
                while j < n && bytes[j] != delimiter && !isLineEnd(bytes[j]) {
                    if bytes[j] != 0x20 && bytes[j] != 0x09 { field.append(bytes[j]) }
                    j += 1
                }
                i = j
            } else {
                var j = i
                while j < n {
                    let b = bytes[j]
                    if b == delimiter || b == 0x0A || b == 0x0D { break }
                    j += 1
                }
                // Unquoted: decode straight from the input, no intermediate copy.
                fields.append(String(decoding: bytes[i..<j], as: UTF8.self))
                i = j
            }
            if quotedField {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            if i >= n { recordEnd = n; nextPosition = n; linesConsumed += 1; break }
            if bytes[i] == delimiter { i += 1; if i >= n { fields.append(""); recordEnd = n; nextPosition = n; linesConsumed += 1; break }; continue }
            recordEnd = i
            nextPosition = skipLineEnd(i)
            linesConsumed += 1
            break
        }
        position = nextPosition
        line = startLine + linesConsumed
        return CSVRecord(line: startLine, fields: fields,
                         raw: String(decoding: bytes[start..<recordEnd], as: UTF8.self),
                         unterminatedQuote: unterminated)
    }

    /// Trims ASCII spaces, tabs, CR/LF, NBSP and ideographic spaces.
    public static func trim(_ s: String) -> String {
        // Byte pre-check (it runs on every cell): a space-like scalar starts with one of these
        // bytes and ends with one of those; most cells need no trimming at all.
        guard let firstByte = s.utf8.first, let lastByte = s.utf8.last else { return s }
        let mayStart = firstByte <= 0x20 || firstByte == 0xC2 || firstByte == 0xE3 || firstByte == 0xEF
        let mayEnd = lastByte <= 0x20 || lastByte == 0xA0 || lastByte == 0x80 || lastByte == 0xBF
        guard mayStart || mayEnd else { return s }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              isSpace(first) || isSpace(last) else { return s }
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi && isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo && isSpace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r" || s == "\n" || s == "\u{00A0}" || s == "\u{3000}" || s == "\u{FEFF}"
    }
}
