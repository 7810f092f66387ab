import Ledger

/// Turns one WeChat data row into a Transaction, or says why it cannot.
struct WeChatRowReader {
    let path: String
    /// Texts that repeat from row to row (counterparty, product, method, status, type) share one String.
    let pool = StringPool()

    func read(_ record: CSVRecord, columns c: WeChatColumns) -> RowOutcome {
        read(cells: record, columns: c)
    }

    func read(cells record: some CSVCells, columns c: WeChatColumns) -> RowOutcome {
        func skip(_ reason: String) -> RowOutcome { .skipped(SkippedRow(line: record.line, reason: reason)) }
        let width = c.header.names.count
        if record.count > width {
            guard let repaired = WeChatRowRepair.repair(record.fieldStrings, columns: c) else {
                return skip("expected \(width) cells as in the header on line \(c.header.line), found \(record.count), and no reading of the extra commas places 收/支 before a ¥ amount")
            }
            return read(cells: CSVRecord(line: record.line, fields: repaired, raw: record.raw, unterminatedQuote: record.unterminatedQuote), columns: c)
        } else if record.count < width {
            // A trailing empty 备注 may be cut off (it then reads as ""); anything shorter is not a whole row.
            guard record.count == width - 1 && c.note == width - 1 else {
                return skip("expected \(width) cells as in the header on line \(c.header.line), found \(record.count)")
            }
        }

        guard let time = record.withTrimmedBytes(c.time, { Timestamp.parseLocal(utf8: $0, offsetSeconds: Timestamp.chinaOffset) }) else {
            return skip("交易时间 \"\(record.trimmed(c.time))\" is not a yyyy-MM-dd HH:mm:ss time")
        }
        let magnitude: Money
        switch record.withTrimmedBytes(c.amount, { MoneyParser.parse(utf8: $0, currency: .cny) }) {
        case .success(let m): magnitude = m.magnitude
        case .failure(let f): return skip("金额(元) is not an amount: \(f)")
        }
        guard let direction = record.withTrimmedBytes(c.direction, Direction.init(utf8:)) else {
            return skip("收/支 is \"\(record.trimmed(c.direction))\", expected 支出, 收入 or /")
        }

        let type = record.value(c.type, pool: pool)
        let status = record.value(c.status, pool: pool)
        let method = record.value(c.method, pool: pool)
        let note = record.value(c.note, pool: pool)
        let counterparty = record.value(c.counterparty, pool: pool)
        var product = record.value(c.product, pool: pool)
        // 零钱提现 amounts include the fee that 备注 states (服务费¥0.10): keep it readable.
        if product.isEmpty && !note.isEmpty { product = note }

        let kind: TransactionKind
        switch direction {
        case .out: kind = .payment
        case .in: kind = record.withTrimmedBytes(c.type, { UTF8Text.contains($0, "退款") }) ? .refund : .income
        // Neutral rows move the user's own money (充值, 提现, 零钱通, 理财通, 信用卡还款).
        // A refund shown as neutral is still a refund.
        case .neutral: kind = record.withTrimmedBytes(c.type, { UTF8Text.contains($0, "退款") }) ? .refund : .transfer
        }
        // Money out is negative; neutral moves are written as leaving the pot they came from.
        let amount = kind == .income || kind == .refund ? magnitude : magnitude.negated

        var id = record.value(c.id)
        let merchantOrder = record.value(c.merchantOrder)
        if id.isEmpty {
            // Never seen in real exports; a content id keeps the row rather than losing it.
            id = StableID.content(["wechat-csv", record.trimmed(c.time), amount.decimalString, type, counterparty, merchantOrder])
        }

        return .transaction(Transaction(
            id: id, format: "wechat-csv", source: SourceLocation(path: path, line: record.line),
            time: time, amount: amount, counterparty: counterparty, product: product,
            paymentMethod: method, status: status, merchantOrderID: merchantOrder.isEmpty ? nil : merchantOrder,
            channel: .wechat, kind: kind, state: record.withTrimmedBytes(c.status, Self.state(utf8:)), sourceType: type,
            // Read from the cells' bytes: the pooled Strings would each be copied to be scanned.
            account: record.withTrimmedBytes(c.method, CNText.cardLastFour(utf8:)),
            refundedAmount: kind == .refund || !record.withTrimmedBytes(c.status, Self.mayHoldRefund(utf8:))
                ? nil : Self.refunded(status: status, amount: magnitude),
            rawRow: record.raw))
    }

    enum Direction: String {
        case out = "支出", `in` = "收入", neutral = "/"

        /// Byte comparison first: `String ==` compares by canonical equivalence, slowly for CJK.
        init?(utf8 b: UnsafeBufferPointer<UInt8>) {
            if UTF8Text.equals(b, "支出") { self = .out }
            else if UTF8Text.equals(b, "收入") { self = .in }
            else if b.isEmpty || UTF8Text.equals(b, "/") { self = .neutral }
            else { self.init(rawValue: String(decoding: b, as: UTF8.self)) }
        }

        init?(rawValue: String) {
            switch rawValue {
            case "支出": self = .out
            case "收入": self = .in
            case "/", "": self = .neutral
            default: return nil
            }
        }
    }

    /// 当前状态 → whether money moved. Unknown statuses (new ones keep appearing) count as
    /// settled: WeChat lists completed bills, failures say 失败 and waits say 待/中.
    static func state(of status: String) -> SettlementState {
        var status = status
        return status.withUTF8(state(utf8:))
    }

    static func state(utf8 status: UnsafeBufferPointer<UInt8>) -> SettlementState {
        if UTF8Text.contains(status, "失败") || UTF8Text.contains(status, "已关闭") || UTF8Text.contains(status, "已撤销") { return .failed }
        if UTF8Text.hasPrefix(status, "待") || UTF8Text.contains(status, "等待") || UTF8Text.contains(status, "处理中") || UTF8Text.contains(status, "待收") { return .pending }
        return .settled
    }

    /// Whether `refunded(status:amount:)` can find anything: the status starts with one of its prefixes.
    static func mayHoldRefund(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Text.hasPrefix(b, "已全额退款") || UTF8Text.hasPrefix(b, "对方已退还") || UTF8Text.hasPrefix(b, "已退款")
    }

    /// What the original row's own status says came back: `已全额退款` and `对方已退还` (a
    /// transfer the friend returned) the whole amount, `已退款(￥x)` the amount x.
    static func refunded(status: String, amount: Money) -> Money? {
        if UTF8Text.hasPrefix(status, "已全额退款") || UTF8Text.hasPrefix(status, "对方已退还") { return amount }
        guard UTF8Text.hasPrefix(status, "已退款") else { return nil }
        // The amount sits in brackets, half- or full-width: 已退款(￥12.50) / 已退款（¥12.50）.
        let scalars = status.unicodeScalars
        guard let open = scalars.firstIndex(where: { $0 == "(" || $0 == "（" }),
              let close = scalars.lastIndex(where: { $0 == ")" || $0 == "）" }), open < close else { return nil }
        let inner = String(scalars[scalars.index(after: open)..<close])
        return try? MoneyParser.parse(inner, currency: .cny).get().magnitude
    }
}
