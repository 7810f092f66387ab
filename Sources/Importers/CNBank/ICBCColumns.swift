/// The ICBC web export's header, credit or debit (v1, or v2 with 交易详情 and 对方账户).
struct ICBCColumns {
    let header: HeaderColumns
    /// Credit cards have a 记账日期 column; debit exports have 钞/汇 instead.
    let isCredit: Bool
    let date: Int
    let summary: Int
    let detail: Int?
    let place: Int?
    let name: Int?
    let bookedIn: Int?, bookedOut: Int?, bookedCurrency: Int?
    let tradeIn: Int?, tradeOut: Int?, tradeCurrency: Int?
    let balance: Int?

    init?(_ record: CSVRecord) {
        let h = HeaderColumns(record)
        guard h.names.first == "交易日期", let summary = h.index("摘要"),
              h.index("记账金额(支出)") != nil || h.index("交易金额(支出)") != nil else { return nil }
        header = h
        isCredit = h.index("记账日期") != nil && h.index("钞/汇") == nil
        date = 0
        self.summary = summary
        detail = h.index("交易详情")
        place = h.index("交易场所")
        name = h.index("对方户名")
        bookedIn = h.index("记账金额(收入)"); bookedOut = h.index("记账金额(支出)"); bookedCurrency = h.index("记账币种")
        tradeIn = h.index("交易金额(收入)"); tradeOut = h.index("交易金额(支出)"); tradeCurrency = h.index("交易币种")
        balance = h.index("余额")
    }
}
