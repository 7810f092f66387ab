import Ledger

/// Turns one Alipay data row (any layout) into a Transaction, or says why it cannot.
struct AlipayRowReader {
    let path: String
    /// Texts that repeat from row to row (counterparty, product, method, status, category) share one String.
    let pool = StringPool()

    func read(_ record: some CSVCells, columns c: AlipayColumns) -> RowOutcome {
        func skip(_ reason: String) -> RowOutcome { .skipped(SkippedRow(line: record.line, reason: reason)) }
        guard c.header.matchesWidth(record) else {
            return skip("expected \(c.header.width) cells as in the header on line \(c.header.line), found \(record.count)")
        }
        func cell(_ i: Int?) -> String { record.value(i, pool: pool) }
        /// The column to read the time from: 付款时间 (web) falls back to 交易创建时间 when empty.
        let timeColumn = c.createdTime != nil && record.value(c.time).isEmpty ? c.createdTime! : c.time
        guard let time = record.withTrimmedBytes(timeColumn, { Timestamp.parseLocal(utf8: $0, offsetSeconds: Timestamp.chinaOffset) }) else {
            return skip("交易时间 \"\(record.value(timeColumn))\" is not a yyyy-MM-dd HH:mm[:ss] time")
        }
        let magnitude: Money
        switch record.withTrimmedBytes(c.amount, { Self.parseAmount($0) }) {
        case .success(let m): magnitude = m.magnitude
        case .failure(let f): return skip("金额 is not an amount: \(f)")
        }

        let category = cell(c.category)
        let product = cell(c.product)
        let status = cell(c.status)
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
            switch record.withTrimmedBytes(c.direction, Direction.init(utf8:)) {
            case .out: kind = .payment; outflow = true
            case .in: kind = .income; outflow = false
            case .neutral:
                // The web layout leaves 收/支 empty on some rows; its 资金状态 still says.
                switch c.fundState.map({ record.withTrimmedBytes($0, Direction.init(fundState:)) }) {
                case .out: kind = .payment; outflow = true
                case .in: kind = .income; outflow = false
                // Own money moving (余额宝, funds, top-ups): written as leaving its pot.
                default: kind = .transfer; outflow = true
                }
            case nil:
                return skip("收/支 is \"\(record.value(c.direction))\", expected 支出, 收入, 不计收支 or 其他")
            }
        }

        var id = cell(c.id)
        let merchantOrder = cell(c.merchantOrder)
        let counterparty = cell(c.counterparty)
        if id.isEmpty {
            id = StableID.content(["alipay-csv", record.value(timeColumn), magnitude.decimalString, counterparty, product, merchantOrder])
        }
        var refunded: Money?
        if !isRefund, let refundedColumn = c.refunded,
           case .success(let r) = record.withTrimmedBytes(refundedColumn, { Self.parseAmount($0) }), !r.isZero {
            refunded = r.magnitude
        }
        let note = cell(c.note)

        return .transaction(Transaction(
            id: id, format: "alipay-csv", source: SourceLocation(path: path, line: record.line),
            time: time, amount: outflow ? magnitude.negated : magnitude, counterparty: counterparty,
            product: product.isEmpty ? note : product, paymentMethod: method, status: status,
            merchantOrderID: merchantOrder.isEmpty ? nil : merchantOrder, channel: .alipay, kind: kind,
            state: record.withTrimmedBytes(c.status, { Self.state(utf8: $0, refunded: refunded) }), sourceType: category,
            account: CNText.cardLastFour(in: method), refundedAmount: refunded, rawRow: record.raw))
    }

    /// An amount cell; a lone `/` or `-` placeholder reads as empty.
    static func parseAmount(_ b: UnsafeBufferPointer<UInt8>) -> Result<Money, MoneyParser.Failure> {
        if b.count == 1 && (b[0] == UInt8(ascii: "/") || b[0] == UInt8(ascii: "-")) { return MoneyParser.parse("", currency: .cny) }
        return MoneyParser.parse(utf8: b, currency: .cny)
    }

    /// 收/支 (and the web layout's 资金状态), compared as bytes: `String ==` compares by
    /// canonical equivalence, slowly for CJK.
    enum Direction {
        case out, `in`, neutral

        init?(utf8 b: UnsafeBufferPointer<UInt8>) {
            if UTF8Text.equals(b, "支出") { self = .out }
            else if UTF8Text.equals(b, "收入") { self = .in }
            else if UTF8Text.equals(b, "不计收支") || UTF8Text.equals(b, "其他") || Self.isEmptyCell(b) { self = .neutral }
            else {
                switch String(decoding: b, as: UTF8.self) {
                case "支出": self = .out
                case "收入": self = .in
                case "不计收支", "其他": self = .neutral
                default: return nil
                }
            }
        }

        /// 资金状态: 已支出 / 已收入, anything else neither.
        init(fundState b: UnsafeBufferPointer<UInt8>) {
            if UTF8Text.equals(b, "已支出") { self = .out }
            else if UTF8Text.equals(b, "已收入") { self = .in }
            else {
                switch String(decoding: b, as: UTF8.self) {
                case "已支出": self = .out
                case "已收入": self = .in
                default: self = .neutral
                }
            }
        }

        /// Empty, or the `/` / `-` placeholder for empty.
        static func isEmptyCell(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            b.isEmpty || (b.count == 1 && (b[0] == UInt8(ascii: "/") || b[0] == UInt8(ascii: "-")))
        }
    }

    /// 交易状态 → whether money moved. 交易关闭 is `.failed` until a refund shows the order
    /// was paid (the web layout's 成功退款 here, a refund row in AlipayRefunds).
    static func state(of status: String, refunded: Money?) -> SettlementState {
        var status = status
        return status.withUTF8 { state(utf8: $0, refunded: refunded) }
    }

    static func state(utf8 status: UnsafeBufferPointer<UInt8>, refunded: Money?) -> SettlementState {
        if UTF8Text.equals(status, "交易关闭") { return refunded == nil ? .failed : .settled }
        if UTF8Text.contains(status, "失败") || UTF8Text.contains(status, "关闭") { return .failed }
        if UTF8Text.hasPrefix(status, "等待") || UTF8Text.contains(status, "处理中") || UTF8Text.hasPrefix(status, "待") { return .pending }
        return .settled
    }
}
