import Ledger

/// 支付宝交易明细 CSV, GBK/GB18030, in its 2023+, 2021–22 app and web layouts.
/// Facts: FORMATS.md, "Alipay".
public struct AlipayCSVImporter: StatementImporter {
    public let format = "alipay-csv"
    public let recognition = "支付宝交易明细 CSV (GBK): a banner with 电子客户回单 or the title 支付宝交易记录明细查询, then a header with 交易订单号/交易号 and 交易状态"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        guard !head.isZip else { return false }
        let t = head.text
        // The banner's company name changed in late 2025; 电子客户回单 stayed.
        // Byte-level search: Foundation's `contains` folds every character of the 64 KB head.
        if UTF8Text.contains(t, "电子客户回单") && (UTF8Text.contains(t, "支付宝") || UTF8Text.contains(t, "交易订单号")) { return true }
        if UTF8Text.contains(t, "支付宝交易记录明细查询") { return true }
        // 2023+ preamble, should the head stop before the banner.
        return UTF8Text.contains(t, "导出信息：") && UTF8Text.contains(t, "支付宝账户：")
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let bytes = try CNStatementFile.utf8Bytes(file)
        var result = ExtractResult()
        let rows = AlipayRowReader(path: file.path)
        let columns = try bytes.withUnsafeBufferPointer { buffer throws -> AlipayColumns? in
            var reader = CSVByteReader(buffer)
            var columns: AlipayColumns?
            var inFooter = false
            while let row = reader.next() {
                guard let c = columns, !inFooter else {
                    // Preamble, header and footer lines are few: read as Strings.
                    let record = row.record
                    if let found = try WalletPreamble.line(record, isHeader: columns == nil && AlipayColumns.isHeader(record), wallet: "Alipay",
                                                           path: file.path, buffer: buffer, make: AlipayColumns.make,
                                                           note: Self.statementNote, into: &result) {
                        columns = found
                    }
                    continue
                }
                // A line of dashes ends the rows in the app and web layouts; facts follow it.
                if row.withTrimmedBytes(0, { UTF8Text.hasPrefix($0, "---") }) { inFooter = true; continue }
                if row.isBlank { continue }
                result.add(rows.read(row, columns: c))
            }
            return columns
        }
        guard let c = columns else {
            throw ImportError(path: file.path, line: 0, message: "no Alipay header row (交易订单号/交易号, 交易状态, 金额) found")
        }
        AlipayRefunds.link(&result.transactions, statusGivesRefunds: c.refunded != nil)
        return result
    }

    /// Holder, account and period, from the preamble or the footer, in the source's words.
    static func statementNote(_ record: CSVRecord) -> String? {
        let first = CSVReader.trim(record.fields.first ?? "")
        if first.hasPrefix("支付宝账户") || first.hasPrefix("账号") { return CNText.accountNote(first) }
        if first.hasPrefix("姓名") || first.hasPrefix("起始时间") || first.hasPrefix("起始日期") { return CNText.note(first) }
        return nil
    }
}
