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

/// A CSV reader over UTF-8 text that hands out records of Strings. The splitting rules are
/// `CSVRecordScanner`'s; the importers' hot paths read `CSVByteRow`s through `CSVByteReader`
/// instead and make Strings only for the cells they keep.
public struct CSVReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private let storage = CSVFieldStorage()
    private var position: Int
    private var line: Int

    public init(utf8 bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.line = 1
    }

    public mutating func next() -> CSVRecord? {
        guard position < bytes.count else { return nil }
        let (start, line, delimiter, storage) = (position, line, delimiter, storage)
        let (record, outcome) = bytes.withUnsafeBufferPointer { buffer in
            let (outcome, fields) = storage.scan(buffer, from: start, delimiter: delimiter)
            let row = CSVByteRow(line: line, unterminatedQuote: outcome.unterminatedQuote, bytes: buffer, fields: fields,
                                 raw: start..<outcome.recordEnd)
            return (row.record, outcome)
        }
        position = outcome.nextPosition
        self.line = line + outcome.linesConsumed
        return record
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
