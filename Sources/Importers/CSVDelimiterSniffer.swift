/// Finds the header line of a profile's table and the delimiter that splits it.
///
/// The profile's delimiter is tried first; when its header cells do not all appear with it,
/// `,` `;` tab and `|` are tried, so a bank that switches its export from `,` to `;` (or a
/// profile written without a delimiter) still reads. The header is the first record, among
/// the first `limit` lines after `skipLines`, holding every `match_header` cell (trimmed,
/// any case); other cells may be present in any order.
public enum CSVDelimiterSniffer {
    public struct Header: Sendable {
        public var delimiter: UInt8
        /// 1-based line of the header record.
        public var line: Int
        public var cells: [String]
    }

    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    public static func findHeader(utf8 bytes: [UInt8], matching wanted: [String], preferred: UInt8,
                                  skipLines: Int = 0, limit: Int = 30) -> Header? {
        let wantedKeys = wanted.map(normalized)
        guard !wantedKeys.isEmpty else { return nil }
        let prefix = leadingLines(bytes, count: skipLines + limit)
        var order = [preferred]
        for c in candidates where c != preferred { order.append(c) }
        for delimiter in order {
            guard prefix.contains(delimiter) || wantedKeys.count == 1 else { continue }
            var reader = CSVReader(utf8: prefix, delimiter: delimiter)
            while let record = reader.next() {
                if record.line <= skipLines { continue }
                if record.line > skipLines + limit { break }
                let keys = Set(record.fields.map(normalized))
                if wantedKeys.allSatisfy(keys.contains) {
                    return Header(delimiter: delimiter, line: record.line, cells: record.fields.map { normalizedDisplay($0) })
                }
            }
        }
        return nil
    }

    /// The first `count` physical lines (at most 4 MiB), so that a huge one-line file cannot
    /// make the search read it all five times.
    static func leadingLines(_ bytes: [UInt8], count: Int) -> [UInt8] {
        var lines = 0
        var i = 0
        let n = Swift.min(bytes.count, 4 << 20)
        while i < n {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                lines += 1
                if lines >= count { return Array(bytes[..<(i + 1)]) }
            }
            i += 1
        }
        return Array(bytes[..<n])
    }

    /// Header cells compare trimmed (also of a BOM and surrounding quotes) and without case.
    static func normalized(_ cell: String) -> String { normalizedDisplay(cell).lowercased() }

    static func normalizedDisplay(_ cell: String) -> String {
        var s = CSVReader.trim(cell)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return CSVReader.trim(s)
    }
}
