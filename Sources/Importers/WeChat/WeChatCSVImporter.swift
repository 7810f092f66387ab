import Ledger

/// 微信支付账单明细 as CSV (the export until mid-2025). Facts: FORMATS.md, "WeChat Pay".
public struct WeChatCSVImporter: StatementImporter {
    public let format = "wechat-csv"
    public let recognition = "微信支付账单明细 CSV: text with the title 微信支付账单明细, or a header row with 交易时间, 交易类型, 交易单号 and 金额(元)"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        guard !head.isZip else { return false }
        let rows = CNText.headRows(head.text, limit: 40)
        if let first = rows.first?.first, first == "微信支付账单明细" { return true }
        return rows.contains { row in
            row.contains("交易时间") && row.contains("交易类型") && row.contains("交易单号")
                && row.contains(where: { $0.hasPrefix("金额") })
        }
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let bytes = try CNStatementFile.utf8Bytes(file)
        var result = ExtractResult()
        let rows = WeChatRowReader(path: file.path)
        let columns = try bytes.withUnsafeBufferPointer { buffer throws -> WeChatColumns? in
            var reader = CSVByteReader(buffer)
            var columns: WeChatColumns?
            while let row = reader.next() {
                guard let c = columns else {
                    // The few lines before the header are read as Strings.
                    let record = row.record
                    columns = try WalletPreamble.line(record, isHeader: WeChatColumns.isHeader(record), wallet: "WeChat", path: file.path,
                                                      buffer: buffer, make: WeChatColumns.make, note: Self.preambleNote, into: &result)
                    continue
                }
                if row.isBlank { continue }
                result.add(rows.read(cells: row, columns: c))
            }
            return columns
        }
        guard columns != nil else {
            throw ImportError(path: file.path, line: 0, message: "no WeChat header row (交易时间, 交易类型, …) found")
        }
        WeChatRefunds.link(&result.transactions)
        return result
    }

    /// The holder's nickname and the period, as the preamble words them.
    static func preambleNote(_ record: CSVRecord) -> String? {
        let first = CSVReader.trim(record.fields.first ?? "")
        return first.hasPrefix("微信昵称") || first.hasPrefix("起始时间") ? CNText.note(first) : nil
    }
}
