import Ledger

/// Turns one WeChat data row into a Transaction, or says why it cannot.
struct WeChatRowReader {
    let path: String

    func read(_ record: CSVRecord, columns c: WeChatColumns) -> RowOutcome {
        func skip(_ reason: String) -> RowOutcome { .skipped(SkippedRow(line: record.line, reason: reason)) }
        let width = c.header.names.count
        var fields = record.fields
        if fields.count > width {
            guard let repaired = WeChatRowRepair.repair(fields, columns: c) else {
                return skip("expected \(width) cells as in the header on line \(c.header.line), found \(fields.count), and no reading of the extra commas places 收/支 before a ¥ amount")
            }
            fields = repaired
        } else if fields.count < width {
            // A trailing empty 备注 may be cut off; anything shorter is not a whole row.
            if fields.count == width - 1 && c.note == width - 1 {
                fields.append("")
            } else {
                return skip("expected \(width) cells as in the header on line \(c.header.line), found \(fields.count)")
            }
        }

        let timeText = CSVReader.trim(fields[c.time])
        guard let time = Timestamp.parseLocal(timeText, offsetSeconds: Timestamp.chinaOffset) else {
            return skip("交易时间 \"\(timeText)\" is not a yyyy-MM-dd HH:mm:ss time")
        }
        let amountText = CSVReader.trim(fields[c.amount])
        let magnitude: Money
        switch MoneyParser.parse(amountText, currency: .cny) {
        case .success(let m): magnitude = m.magnitude
        case .failure(let f): return skip("金额(元) is not an amount: \(f)")
        }
        let directionText = CSVReader.trim(fields[c.direction])
        guard let direction = Direction(rawValue: directionText) else {
            return skip("收/支 is \"\(directionText)\", expected 支出, 收入 or /")
        }

        let type = CNText.value(fields[c.type])
        let status = CNText.value(fields[c.status])
        let method = CNText.value(fields[c.method])
        let note = c.note.map { CNText.value(fields[$0]) } ?? ""
        var product = CNText.value(fields[c.product])
        // 零钱提现 amounts include the fee that 备注 states (服务费¥0.10): keep it readable.
        if product.isEmpty && !note.isEmpty { product = note }

        let kind: TransactionKind
        switch direction {
        case .out: kind = .payment
        case .in: kind = UTF8Text.contains(type, "退款") ? .refund : .income
        // Neutral rows move the user's own money (充值, 提现, 零钱通, 理财通, 信用卡还款).
        // A refund shown as neutral is still a refund.
        case .neutral: kind = UTF8Text.contains(type, "退款") ? .refund : .transfer
        }
        // Money out is negative; neutral moves are written as leaving the pot they came from.
        let amount = kind == .income || kind == .refund ? magnitude : magnitude.negated

        var id = CNText.value(fields[c.id])
        let merchantOrder = c.merchantOrder.map { CNText.value(fields[$0]) } ?? ""
        if id.isEmpty {
            // Never seen in real exports; a content id keeps the row rather than losing it.
            id = StableID.content(["wechat-csv", timeText, amount.decimalString, type, CNText.value(fields[c.counterparty]), merchantOrder])
        }

        return .transaction(Transaction(
            id: id, format: "wechat-csv", source: SourceLocation(path: path, line: record.line),
            time: time, amount: amount, counterparty: CNText.value(fields[c.counterparty]), product: product,
            paymentMethod: method, status: status, merchantOrderID: merchantOrder.isEmpty ? nil : merchantOrder,
            channel: .wechat, kind: kind, state: Self.state(of: status), sourceType: type,
            account: CNText.cardLastFour(in: method),
            refundedAmount: kind == .refund ? nil : Self.refunded(status: status, amount: magnitude),
            rawRow: record.raw))
    }

    enum Direction: String {
        case out = "支出", `in` = "收入", neutral = "/"

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
        if UTF8Text.contains(status, "失败") || UTF8Text.contains(status, "已关闭") || UTF8Text.contains(status, "已撤销") { return .failed }
        if UTF8Text.hasPrefix(status, "待") || UTF8Text.contains(status, "等待") || UTF8Text.contains(status, "处理中") || UTF8Text.contains(status, "待收") { return .pending }
        return .settled
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
