import Ledger

/// 招商银行 debit-card transactions as CSV (converted from the PDF statement): signed
/// amounts, negative = money out, with the running balance.
public struct CMBDebitCSVImporter: StatementImporter {
    public let format = "cn-bank-csv"
    public let recognition = "招商银行 debit CSV: header 记账日期, 货币, 交易金额, 联机余额, 交易摘要"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        !head.isZip && CNText.headHasRow(head.text, containing: ["记账日期", "货币", "交易金额", "联机余额", "交易摘要"])
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let bytes = try CNStatementFile.utf8Bytes(file)
        var result = ExtractResult()
        var header: HeaderColumns?
        var col = (date: 0, currency: 0, amount: 0, balance: 0, summary: 0, party: Int?.none, memo: Int?.none)
        var account: String?
        var ids = BankRowIdentity(layout: "cmb-debit")
        let facts = BankRowFacts(path: file.path, channel: .bank)
        let pool = StringPool()

        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVByteReader(buffer)
            while let row = reader.next() {
                guard let h = header else {
                    let record = row.record
                    let candidate = HeaderColumns(record)
                    if let d = candidate.index("记账日期"), let c = candidate.index("货币"), let a = candidate.index("交易金额"),
                       let b = candidate.index("联机余额"), let s = candidate.index("交易摘要") {
                        header = candidate
                        col = (d, c, a, b, s, candidate.index("对手信息"), candidate.index("客户摘要"))
                    } else if let masked = Self.accountNote(record) {
                        account = Masking.lastFour(masked.number)
                        result.notes.append(masked.note)
                    }
                    continue
                }
                if row.isBlank { continue }
                guard h.matchesWidth(row) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "expected \(h.width) cells as in the header on line \(h.line), found \(row.count)"))
                    continue
                }
                func cell(_ i: Int?) -> String { row.value(i, pool: pool) }
                guard let date = CivilDate(cell(col.date)) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "记账日期 \"\(cell(col.date))\" is not a yyyy-MM-dd date"))
                    continue
                }
                guard let currency = CNText.currency(named: cell(col.currency)) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "货币 \"\(cell(col.currency))\" is not a known currency"))
                    continue
                }
                let amount: Money
                switch MoneyParser.parse(cell(col.amount), currency: currency) {
                case .success(let m): amount = m
                case .failure(let f):
                    result.skipped.append(SkippedRow(line: row.line, reason: "交易金额 is not an amount: \(f)"))
                    continue
                }
                let summary = cell(col.summary), party = cell(col.party), memo = cell(col.memo)
                // A wallet payment names the wallet and merchant in 客户摘要 (`支付宝-…`): keep
                // that text so Detection can link it to the wallet's own row.
                let counterparty: String
                if CNText.isWalletFunded(memo) { counterparty = memo }
                else if !party.isEmpty { counterparty = party }
                else if !memo.isEmpty { counterparty = memo }
                else { counterparty = summary }
                let balance = Self.balanceText(cell(col.balance), currency: currency)
                let id = ids.id([account ?? "", date.description, amount.decimalString, balance, summary, party, memo])
                result.transactions.append(facts.transaction(
                    id: id, line: row.line, date: date, amount: amount, counterparty: counterparty,
                    product: counterparty == memo ? "" : memo, sourceType: summary, account: account, raw: row.raw))
            }
        }
        guard header != nil else {
            throw ImportError(path: file.path, line: 0, message: "no CMB debit header (记账日期, 货币, 交易金额, 联机余额, 交易摘要) found")
        }
        return result
    }

    /// A preamble line naming the account (`账号: 6214…`, `卡号：…`).
    static func accountNote(_ record: CSVRecord) -> (number: String, note: String)? {
        let first = CSVReader.trim(record.fields.first ?? "")
        guard first.hasPrefix("账号") || first.hasPrefix("卡号") else { return nil }
        let value = first.drop { $0 != ":" && $0 != "：" }.dropFirst()
        let number = value.filter { $0.isNumber || $0 == "*" }
        guard number.count >= 4 else { return nil }
        return (String(number), CNText.accountNote(first))
    }

    /// The balance normalised when it is an amount, else its text (some exports mask it).
    static func balanceText(_ text: String, currency: Currency) -> String {
        (try? MoneyParser.parse(text, currency: currency).get().decimalString) ?? text
    }
}
