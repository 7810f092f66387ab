/// TOMLKit gives values without positions, so lines are found in the raw text: the n-th
/// `[[table]]` header (or `[table]`), then the first `key =` after it and before the next header.
struct KeyLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// 1-based line of the header of the `index`-th (0-based) occurrence of `table`; 0 if absent.
    func headerLine(table: String, index: Int = 0, arrayOfTables: Bool) -> Int {
        var seen = 0
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingSpaces()
            let header = arrayOfTables ? "[[\(table)]]" : "[\(table)]"
            if line.hasPrefix(header) {
                if seen == index { return i + 1 }
                seen += 1
            }
        }
        return 0
    }

    /// 1-based line of `key` inside the table whose header is on `headerLine` (0: top level).
    func keyLine(_ key: String, afterHeader headerLine: Int) -> Int {
        var i = headerLine  // index of the line after the header
        while i < lines.count {
            let line = lines[i].trimmingSpaces()
            if line.hasPrefix("[") && i != headerLine - 1 { break }
            if line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).trimmingSpaces()
                if rest.hasPrefix("=") { return i + 1 }
            }
            if line.hasPrefix("\"\(key)\"") { return i + 1 }
            i += 1
        }
        return headerLine
    }
}

extension StringProtocol {
    func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
