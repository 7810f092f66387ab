import Ledger

/// 微信支付账单明细 as XLSX (the only export since 2025). Rows are read from the sheet
/// named `Sheet1` (else the first sheet with the header) and mapped exactly like the CSV's,
/// by `WeChatRowReader`. The source line of a row is its sheet row number.
public struct WeChatXLSXImporter: StatementImporter {
    public let format = "wechat-xlsx"
    public let recognition = "微信支付账单明细 XLSX: a zip holding xl/workbook.xml whose shared strings or sheet contain 微信支付账单明细 or the header 交易时间 + 交易类型"

    static let preferredSheet = "Sheet1"
    static let markers = ["微信支付账单明细", "交易时间"]

    public init() {}

    /// Decides from the head sample alone (the scan hands importers no file access here).
    /// When the sample ends before the shared strings and sheets can be seen, an XLSX is
    /// accepted on its part names: this is the only XLSX importer, and `extract` then says
    /// plainly when the workbook is not a WeChat bill.
    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        guard head.isZip else { return false }
        let probe = ZipHeadProbe(head.bytes, wanted: { $0 == "xl/sharedStrings.xml" || $0.hasPrefix("xl/worksheets/sheet") })
        guard probe.names.contains("xl/workbook.xml") || (probe.truncated && probe.names.contains { $0.hasPrefix("xl/") }) else {
            return false
        }
        func telling(_ text: String) -> Bool {
            UTF8Text.contains(text, Self.markers[0]) || (UTF8Text.contains(text, "交易时间") && UTF8Text.contains(text, "交易类型"))
        }
        if probe.parts.contains(where: { telling($0.text) }) { return true }
        guard probe.truncated else { return false }
        // The head ended before the telling parts: look into the file itself when we can.
        if let url = head.url, let workbook = try? XLSXWorkbook(bytes: [], url: url, path: head.path),
           let strings = try? workbook.sharedStrings() {
            return telling(strings.joined(separator: "\n"))
        }
        return true
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let workbook = try XLSXWorkbook(bytes: file.bytes, url: file.url, path: file.path)
        guard !workbook.sheets.isEmpty else {
            throw ImportError(path: file.path, line: 0, message: "the workbook lists no sheets")
        }
        let strings = try workbook.sharedStrings()
        // Sheet1 first; the others only when Sheet1 has no WeChat header (exports re-saved
        // with an extra sheet of the same rows must not be read twice).
        let ordered = workbook.sheets.filter { $0.name == Self.preferredSheet } + workbook.sheets.filter { $0.name != Self.preferredSheet }
        var missingColumn: (sheet: String, row: Int, name: String)?
        for sheet in ordered {
            var result = ExtractResult()
            var columns: WeChatColumns?
            var missing: (row: Int, name: String)?
            let rows = WeChatRowReader(path: file.path)
            try workbook.readRows(part: sheet.part, sharedStrings: strings) { rowNumber, cells in
                guard let c = columns else {
                    let record = Self.record(rowNumber, cells.map { $0?.text ?? "" })
                    if WeChatColumns.isHeader(record) {
                        switch WeChatColumns.make(record) {
                        case .success(let found): columns = found
                        case .failure(let m): missing = (rowNumber, m.name); return false
                        }
                    } else if let note = WeChatCSVImporter.preambleNote(record) {
                        result.notes.append(note)
                    }
                    return true
                }
                let record = Self.record(rowNumber, Self.fields(cells, columns: c))
                if CNStatementFile.isBlank(record) { return true }
                switch rows.read(record, columns: c) {
                case .transaction(var transaction):
                    transaction.format = format
                    result.transactions.append(transaction)
                case .skipped(let skipped):
                    result.skipped.append(skipped)
                }
                return true
            }
            if let missing { missingColumn = (sheet.name, missing.row, missing.name); continue }
            guard columns != nil else { continue }
            WeChatRefunds.link(&result.transactions)
            if ordered.count > 1 { result.notes.append("sheet \(sheet.name)") }
            return result
        }
        if let m = missingColumn {
            throw ImportError(path: file.path, line: m.row, message: "sheet \(m.sheet): the WeChat header row has no \(m.name) column")
        }
        throw ImportError(path: file.path, line: 0, message:
            "no sheet holds the WeChat header row (交易时间, 交易类型, …): not a 微信支付账单明细 workbook (sheets: \(workbook.sheets.map(\.name).joined(separator: ", ")))")
    }

    /// A sheet row as the CSV row reader expects it; `raw` is the cells joined by commas
    /// (an XLSX has no line text of its own).
    static func record(_ row: Int, _ fields: [String]) -> CSVRecord {
        CSVRecord(line: row, fields: fields, raw: fields.joined(separator: ","), unterminatedQuote: false)
    }

    /// Cell texts padded to the header's width. Numbers stay exact: the amount's literal is
    /// read as decimal text (`548.58000000000004` → `548.58`), a numeric time as an Excel
    /// date serial, and any other number (an id) as written.
    static func fields(_ cells: [XLSXCell?], columns c: WeChatColumns) -> [String] {
        var out: [String] = []
        out.reserveCapacity(max(cells.count, c.header.names.count))
        for (index, cell) in cells.enumerated() {
            switch cell {
            case nil: out.append("")
            case .text(let s)?: out.append(s)
            case .number(let n)?:
                if index == c.amount {
                    out.append(XLSXNumber.decimalText(n) ?? n)
                } else if index == c.time, let (date, second) = XLSXNumber.dateTime(serial: n),
                          let t = Timestamp(date: date, hour: second / 3600, minute: second / 60 % 60, second: second % 60, offsetSeconds: 0) {
                    out.append(t.localDisplay)
                } else {
                    out.append(n)
                }
            }
        }
        // Trailing empty cells are often not stored at all.
        while out.count < c.header.names.count { out.append("") }
        while out.count > c.header.names.count, out.last.map({ CSVReader.trim($0).isEmpty }) == true { out.removeLast() }
        return out
    }
}
