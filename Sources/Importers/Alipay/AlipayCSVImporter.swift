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
                    if columns == nil && AlipayColumns.isHeader(record) {
                        switch AlipayColumns.make(record) {
                        case .success(let found):
                            columns = found
                            result.transactions.reserveCapacity(max(0, CNStatementFile.lineBreaks(buffer) + 1 - record.line))
                        case .failure(let missing):
                            throw ImportError(path: file.path, line: record.line, message: "Alipay header has no \(missing.name) column")
                        }
                    } else if let note = Self.statementNote(record) {
                        result.notes.append(note)
                    }
                    continue
                }
                // A line of dashes ends the rows in the app and web layouts; facts follow it.
                if row.withTrimmedBytes(0, { UTF8Text.hasPrefix($0, "---") }) { inFooter = true; continue }
                if row.isBlank { continue }
                // Consumed, so that the transaction moves into the array instead of being copied.
                let outcome = rows.read(row, columns: c)
                switch consume outcome {
                case .transaction(let transaction): result.transactions.append(transaction)
                case .skipped(let skipped): result.skipped.append(skipped)
                }
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
