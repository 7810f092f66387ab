import Ledger

/// 工商银行 web export (`明细查询文件下载`), credit and debit (v1 and v2): UTF-8, every cell
/// padded with spaces and a tab, `-` placeholders, separate income and spending columns,
/// a `合计金额` / `人民币合计` footer.
public struct ICBCCSVImporter: StatementImporter {
    public let format = "cn-bank-csv"
    public let recognition = "工商银行 CSV: title 明细查询文件下载, header from 交易日期 with 摘要 and 记账金额(支出)"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        guard !head.isZip else { return false }
        let rows = CNText.headRows(head.text, limit: 40)
        guard rows.contains(where: { $0.first == "明细查询文件下载" }) else { return false }
        return rows.contains { $0.first == "交易日期" && $0.contains("摘要") }
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let bytes = try CNStatementFile.utf8Bytes(file)
        var result = ExtractResult()
        var columns: ICBCColumns?
        var account: String?
        var inFooter = false
        var ids = BankRowIdentity(layout: "icbc")
        var rows: ICBCRowReader?

        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVByteReader(buffer)
            while let row = reader.next() {
                guard let c = columns else {
                    let record = row.record
                    let first = CSVReader.trim(record.fields.first ?? "")
                    if let found = ICBCColumns(record) {
                        columns = found
                        rows = ICBCRowReader(columns: found, account: account, facts: BankRowFacts(
                            path: file.path, channel: found.isCredit ? .card : .bank))
                    } else if first.hasPrefix("卡号") {
                        // `卡号: 1234****5678` (already masked by the bank; masked again to be sure).
                        let number = first.drop { $0 != ":" && $0 != "：" }.dropFirst()
                        account = Masking.lastFour(String(number))
                        result.notes.append(CNText.accountNote(first))
                    }
                    continue
                }
                if inFooter || row.withTrimmedBytes(0, { UTF8Text.contains($0, "合计") }) { inFooter = true; continue }
                if row.isBlank { continue }
                guard c.header.matchesWidth(row) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "expected \(c.header.width) cells as in the header on line \(c.header.line), found \(row.count)"))
                    continue
                }
                switch rows!.read(row, ids: &ids) {
                case .transaction(let t): result.transactions.append(t)
                case .skipped(let s): result.skipped.append(s)
                }
            }
        }
        guard columns != nil else {
            throw ImportError(path: file.path, line: 0, message: "no ICBC header (交易日期, 摘要, 记账金额(支出) …) found")
        }
        return result
    }
}

/// One ICBC data row → Transaction.
struct ICBCRowReader {
    let columns: ICBCColumns
    let account: String?
    let facts: BankRowFacts
    /// Texts that repeat from row to row share one String.
    let pool = StringPool()

    func read(_ record: some CSVCells, ids: inout BankRowIdentity) -> RowOutcome {
        func skip(_ reason: String) -> RowOutcome { .skipped(SkippedRow(line: record.line, reason: reason)) }
        let c = columns
        func cell(_ i: Int?) -> String { record.value(i, pool: pool) }

        let dateText = cell(c.date)
        guard let date = CivilDate(dateText) else { return skip("交易日期 \"\(dateText)\" is not a yyyy-MM-dd date") }
        // The booked amount is what hit the account; the trade amount is the fallback
        // (credit exports fill both, debit exports often put `-` in the trade columns).
        var amount: Money?
        for (inCol, outCol, curCol) in [(c.bookedIn, c.bookedOut, c.bookedCurrency), (c.tradeIn, c.tradeOut, c.tradeCurrency)] {
            let inText = cell(inCol), outText = cell(outCol)
            if inText.isEmpty && outText.isEmpty { continue }
            guard inText.isEmpty || outText.isEmpty else {
                return skip("both 收入 and 支出 hold an amount (\(inText), \(outText)); expected one")
            }
            guard let currency = CNText.currency(named: cell(curCol)) else {
                return skip("currency \"\(cell(curCol))\" is not a known currency")
            }
            switch MoneyParser.parse(inText.isEmpty ? outText : inText, currency: currency) {
            case .success(let m): amount = inText.isEmpty ? m.magnitude.negated : m.magnitude
            case .failure(let f): return skip("amount is not an amount: \(f)")
            }
            break
        }
        guard let amount else { return skip("no amount in 记账金额 or 交易金额 (收入/支出)") }

        let summary = cell(c.summary), place = cell(c.place), name = cell(c.name), detail = cell(c.detail)
        // A wallet-funded row names the wallet and merchant in 交易场所 (`财付通-美团平台商户`):
        // keep that text so Detection links it to the wallet row. Otherwise the named
        // counterparty, unless it is only the processor that carried the money.
        let counterparty: String
        if CNText.isWalletFunded(place) { counterparty = place }
        else if !name.isEmpty && !BankRowKind.isPaymentProcessor(name) { counterparty = name }
        else if !place.isEmpty { counterparty = place }
        else if !name.isEmpty { counterparty = name }
        else { counterparty = summary }
        let product = [summary, detail].filter { !$0.isEmpty }.joined(separator: " ")

        let balanceRaw = cell(c.balance)
        let balance = (try? MoneyParser.parse(balanceRaw, currency: amount.currency).get().decimalString) ?? balanceRaw
        let id = ids.id([account ?? "", date.description, amount.decimalString, balance, summary, place, name, detail])
        return .transaction(facts.transaction(
            id: id, line: record.line, date: date, amount: amount, counterparty: counterparty, product: product,
            sourceType: summary, account: account, raw: record.raw))
    }
}
