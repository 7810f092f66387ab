import Ledger

/// Turns one Alipay data row (any layout) into a Transaction, or says why it cannot.
struct AlipayRowReader {
    let path: String

    func read(_ record: CSVRecord, columns c: AlipayColumns) -> RowOutcome {
        func skip(_ reason: String) -> RowOutcome { .skipped(SkippedRow(line: record.line, reason: reason)) }
        let fields = record.fields
        guard c.header.matchesWidth(fields) else {
            return skip("expected \(c.header.width) cells as in the header on line \(c.header.line), found \(fields.count)")
        }
        func cell(_ i: Int?) -> String { i.map { $0 < fields.count ? CNText.value(fields[$0]) : "" } ?? "" }

        var timeText = cell(c.time)
        if timeText.isEmpty { timeText = cell(c.createdTime) }
        guard let time = Timestamp.parseLocal(timeText, offsetSeconds: Timestamp.chinaOffset) else {
            return skip("交易时间 \"\(timeText)\" is not a yyyy-MM-dd HH:mm[:ss] time")
        }
        let amountText = cell(c.amount)
        let magnitude: Money
        switch MoneyParser.parse(amountText, currency: .cny) {
        case .success(let m): magnitude = m.magnitude
        case .failure(let f): return skip("金额 is not an amount: \(f)")
        }

        let category = cell(c.category)
        let product = cell(c.product)
        let status = cell(c.status)
        let direction = cell(c.direction)
        let method = cell(c.method)
        let isRefund = UTF8Text.equals(category, "退款") || UTF8Text.hasPrefix(product, "退款-") || UTF8Text.equals(status, "退款成功")
        let closed = UTF8Text.equals(status, "交易关闭")

        let kind: TransactionKind
        var outflow: Bool
        if isRefund {
            kind = .refund; outflow = false
        } else if closed {
            // An order closed unpaid, or paid and then refunded (AlipayRefunds decides):
            // either way an attempted payment, never a transfer of one's own money.
            kind = .payment; outflow = true
        } else {
            switch direction {
            case "支出": kind = .payment; outflow = true
            case "收入": kind = .income; outflow = false
            case "不计收支", "其他", "":
                // The web layout leaves 收/支 empty on some rows; its 资金状态 still says.
                switch cell(c.fundState) {
                case "已支出": kind = .payment; outflow = true
                case "已收入": kind = .income; outflow = false
                // Own money moving (余额宝, funds, top-ups): written as leaving its pot.
                default: kind = .transfer; outflow = true
                }
            default:
                return skip("收/支 is \"\(direction)\", expected 支出, 收入, 不计收支 or 其他")
            }
        }

        var id = cell(c.id)
        let merchantOrder = cell(c.merchantOrder)
        if id.isEmpty {
            id = StableID.content(["alipay-csv", timeText, magnitude.decimalString, cell(c.counterparty), product, merchantOrder])
        }
        var refunded: Money?
        if !isRefund, c.refunded != nil, case .success(let r) = MoneyParser.parse(cell(c.refunded), currency: .cny), !r.isZero {
            refunded = r.magnitude
        }
        let note = cell(c.note)

        return .transaction(Transaction(
            id: id, format: "alipay-csv", source: SourceLocation(path: path, line: record.line),
            time: time, amount: outflow ? magnitude.negated : magnitude, counterparty: cell(c.counterparty),
            product: product.isEmpty ? note : product, paymentMethod: method, status: status,
            merchantOrderID: merchantOrder.isEmpty ? nil : merchantOrder, channel: .alipay, kind: kind,
            state: Self.state(of: status, refunded: refunded), sourceType: category,
            account: CNText.cardLastFour(in: method), refundedAmount: refunded, rawRow: record.raw))
    }

    /// 交易状态 → whether money moved. 交易关闭 is `.failed` until a refund shows the order
    /// was paid (the web layout's 成功退款 here, a refund row in AlipayRefunds).
    static func state(of status: String, refunded: Money?) -> SettlementState {
        if UTF8Text.equals(status, "交易关闭") { return refunded == nil ? .failed : .settled }
        if UTF8Text.contains(status, "失败") || UTF8Text.contains(status, "关闭") { return .failed }
        if UTF8Text.hasPrefix(status, "等待") || UTF8Text.contains(status, "处理中") || UTF8Text.hasPrefix(status, "待") { return .pending }
        return .settled
    }
}
