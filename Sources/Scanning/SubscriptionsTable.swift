import Foundation

/// `autodebit subscriptions`: the streams as an aligned plain-text table.
public enum SubscriptionsTable {
    public static func render(_ options: ScanOptions) throws -> String {
        let config = try ConfigResolution.load(explicit: options.configFile, folders: options.folders)
        let result = try Scanner.scan(options, config: config)
        var rows: [[String]] = [["merchant", "cadence", "amount", "status", "first", "last", "next", "charges", "id"]]
        for s in result.detection.subscriptions {
            rows.append([s.merchant, s.cadence.name, s.amount.magnitude.decimalString + " " + s.amount.currency.code, s.status.rawValue,
                         s.first.description, s.last.description, s.nextExpected?.description ?? "-", String(s.transactions.count), s.id])
        }
        if rows.count == 1 { return "no recurring charges found\n" }
        return TextTable.format(rows)
    }
}

enum TextTable {
    /// Columns padded by display width (CJK characters take two cells in a terminal).
    static func format(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - displayWidth(cell) + 2) }
            }
            out += line + "\n"
        }
        return out
    }

    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }
}
