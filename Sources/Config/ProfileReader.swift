import Importers

/// `[[profile]]` → CSVProfile. Column names refer to header cells.
enum ProfileReader {
    static let keys: Set<String> = [
        "name", "match_header", "delimiter", "encoding", "skip_lines", "date_column", "date_format",
        "amount_column", "debit_column", "credit_column", "indicator_column", "debit_values",
        "payee_column", "memo_column", "id_column", "currency_column", "currency", "decimal_mark",
        "invert_sign", "channel", "mandate_column", "creditor_id_column", "time_column", "status_column", "pending_values",
    ]

    static func read(_ r: TableReader) throws -> CSVProfile {
        try r.rejectUnknownKeys(allowed: keys)
        let name = try r.string("name", required: true)!
        guard let header = try r.stringArray("match_header"), !header.isEmpty else {
            throw r.error("match_header", "required: the header cells that identify this layout, e.g. [\"Date\", \"Amount\"]")
        }
        var delimiter = UInt8(ascii: ",")
        if let d = try r.string("delimiter") {
            switch d {
            case ",": delimiter = UInt8(ascii: ",")
            case ";": delimiter = UInt8(ascii: ";")
            case "\t", "tab", "\\t": delimiter = 0x09
            case "|": delimiter = UInt8(ascii: "|")
            default: throw r.error("delimiter", "expected \",\", \";\", \"|\" or \"tab\", found \"\(d)\"")
            }
        }
        if let enc = try r.string("encoding") {
            let known = ["utf-8", "utf8", "gb18030", "gbk", "windows-1252", "cp1252", "iso-8859-1", "latin1", "utf-16", "utf-16le", "utf-16be"]
            guard known.contains(enc.lowercased()) else { throw r.error("encoding", "expected one of \(known.joined(separator: ", ")), found \"\(enc)\"") }
        }
        let amount: CSVProfile.AmountColumns
        let amountColumn = try r.string("amount_column")
        let debit = try r.string("debit_column")
        let credit = try r.string("credit_column")
        let indicator = try r.string("indicator_column")
        if let indicator {
            guard let amountColumn else { throw r.error("indicator_column", "needs amount_column too") }
            guard let values = try r.stringArray("debit_values"), !values.isEmpty else {
                throw r.error("debit_values", "required with indicator_column: the indicator values that mean money out, e.g. [\"D\"]")
            }
            amount = .indicator(amount: amountColumn, column: indicator, debitValues: values)
        } else if let amountColumn {
            if debit != nil || credit != nil { throw r.error("amount_column", "give either amount_column or debit_column + credit_column, not both") }
            amount = .signed(amountColumn)
        } else if let debit, let credit {
            amount = .debitCredit(debit: debit, credit: credit)
        } else {
            throw r.error("", "needs amount_column, or debit_column and credit_column, or amount_column + indicator_column")
        }
        var decimalComma = false
        if let mark = try r.string("decimal_mark") {
            guard mark == "," || mark == "." else { throw r.error("decimal_mark", "expected \".\" or \",\", found \"\(mark)\"") }
            decimalComma = mark == ","
        }
        let channel = try r.string("channel") ?? "bank"
        guard ["bank", "card", "wechat", "alipay", "sepa-dd", "other"].contains(channel) else {
            throw r.error("channel", "expected bank, card, wechat, alipay, sepa-dd or other, found \"\(channel)\"")
        }
        var profile = CSVProfile(
            name: name, matchHeader: header, delimiter: delimiter, encoding: try r.string("encoding"),
            skipLines: try r.int("skip_lines", range: 0...10_000) ?? 0,
            dateColumn: try r.string("date_column", required: true)!,
            dateFormat: try r.string("date_format") ?? "auto", amount: amount,
            payeeColumn: try r.string("payee_column", required: true)!, memoColumn: try r.string("memo_column"),
            idColumn: try r.string("id_column"), currencyColumn: try r.string("currency_column"),
            currency: try r.string("currency") ?? "CNY", decimalComma: decimalComma,
            invertSign: try r.bool("invert_sign") ?? false, channel: channel,
            declaredAt: "\(r.file):\(r.headerLine)")
        profile.mandateColumn = try r.string("mandate_column")
        profile.creditorIDColumn = try r.string("creditor_id_column")
        profile.timeColumn = try r.string("time_column")
        profile.statusColumn = try r.string("status_column")
        profile.pendingValues = try r.stringArray("pending_values") ?? []
        if !profile.pendingValues.isEmpty && profile.statusColumn == nil {
            throw r.error("pending_values", "needs status_column: the column whose values these are")
        }
        return profile
    }
}
