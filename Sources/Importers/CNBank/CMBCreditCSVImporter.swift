import Ledger

/// 招商银行信用卡对账单 as CSV (converted from the PDF statement): dates `MM/DD` without a
/// year, positive amounts are spending.
public struct CMBCreditCSVImporter: StatementImporter {
    public let format = "cn-bank-csv"
    public let recognition = "招商银行信用卡 CSV: header 交易日, 记账日, 交易摘要, 人民币金额 (year from the title 招商银行信用卡对账单（…YYYY年MM月）)"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        !head.isZip && CNText.headHasRow(head.text, containing: ["交易日", "记账日", "交易摘要", "人民币金额"])
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        let bytes = try CNStatementFile.utf8Bytes(file)
        var result = ExtractResult()
        var statementMonth: (year: Int, month: Int)?
        var header: HeaderColumns?
        var columns: (trade: Int, posted: Int, text: Int, amount: Int, card: Int?) = (0, 0, 0, 0, nil)
        var ids = BankRowIdentity(layout: "cmb-credit")
        let facts = BankRowFacts(path: file.path, channel: .card)
        let pool = StringPool()

        try bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVByteReader(buffer)
            while let row = reader.next() {
                guard let h = header else {
                    let record = row.record
                    let first = CSVReader.trim(record.fields.first ?? "")
                    if first.contains("招商银行信用卡对账单") {
                        statementMonth = Self.statementMonth(in: first)
                        result.notes.append(CNText.note(first))
                    }
                    let candidate = HeaderColumns(record)
                    if let t = candidate.index("交易日"), let p = candidate.index("记账日"),
                       let x = candidate.index("交易摘要"), let a = candidate.index("人民币金额") {
                        header = candidate
                        columns = (t, p, x, a, candidate.index("卡号末四位"))
                        guard statementMonth != nil else {
                            throw ImportError(path: file.path, line: record.line,
                                              message: "no title 招商银行信用卡对账单（…YYYY年MM月） before the header: the MM/DD dates have no year")
                        }
                    }
                    continue
                }
                if row.isBlank { continue }
                guard h.matchesWidth(row) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "expected \(h.width) cells as in the header on line \(h.line), found \(row.count)"))
                    continue
                }
                func cell(_ i: Int) -> String { row.value(i, pool: pool) }
                let posted = cell(columns.posted)
                let trade = cell(columns.trade)
                let dateText = trade.isEmpty ? posted : trade
                guard let date = Self.date(dateText, statement: statementMonth!) else {
                    result.skipped.append(SkippedRow(line: row.line, reason: "交易日/记账日 \"\(dateText)\" is not a MM/DD date"))
                    continue
                }
                let amount: Money
                switch MoneyParser.parse(cell(columns.amount), currency: .cny) {
                // The statement shows spending as positive: money out is negative here.
                case .success(let m): amount = m.negated
                case .failure(let f):
                    result.skipped.append(SkippedRow(line: row.line, reason: "人民币金额 is not an amount: \(f)"))
                    continue
                }
                let text = cell(columns.text)
                let card = columns.card.map(cell) ?? ""
                let account = card.count == 4 && card.allSatisfy(\.isNumber) ? "****" + card : nil
                let id = ids.id([card, date.description, posted, amount.decimalString, "", text])
                result.transactions.append(facts.transaction(
                    id: id, line: row.line, date: date, amount: amount, counterparty: text, product: "",
                    sourceType: text, account: account, raw: row.raw))
            }
        }
        guard header != nil else {
            throw ImportError(path: file.path, line: 0, message: "no CMB credit header (交易日, 记账日, 交易摘要, 人民币金额) found")
        }
        return result
    }

    /// `…（个人消费卡账户 2024年01月）` → (2024, 1).
    static func statementMonth(in title: String) -> (year: Int, month: Int)? {
        var run = 0, runLength = 0
        var year: Int?
        for ch in title {
            if ch.isASCII, let d = ch.wholeNumberValue {
                // A digit run longer than a year (found by fuzzing) must not overflow Int.
                if runLength < 18 { run = run * 10 + d }
                runLength += 1
                continue
            }
            if ch == "年" {
                year = runLength == 4 ? run : nil
            } else if ch == "月" {
                if let y = year, (1...2).contains(runLength), (1...12).contains(run) { return (y, run) }
                year = nil
            } else if ch != " " {
                year = nil
            }
            run = 0; runLength = 0
        }
        return nil
    }

    /// `MM/DD` in the statement's year, or the year before when the month is later than the
    /// statement month (a January statement lists December purchases). Full dates pass too.
    static func date(_ text: String, statement: (year: Int, month: Int)) -> CivilDate? {
        if let full = CivilDate(text) { return full }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
        return CivilDate(year: m > statement.month ? statement.year - 1 : statement.year, month: m, day: d)
    }
}
