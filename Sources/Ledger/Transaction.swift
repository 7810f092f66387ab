/// Where a transaction came from: the file (relative to the scanned folder) and the line.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    public var description: String { "\(path):\(line)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        a.path != b.path ? a.path < b.path : a.line < b.line
    }
}

/// The rail the money moved on; the report uses it to pick complaint channels and deadlines.
public enum Channel: String, Hashable, Comparable, Sendable, CaseIterable, Codable {
    case wechat, alipay, bank, card, sepaDirectDebit = "sepa-dd", other

    public static func < (a: Channel, b: Channel) -> Bool { a.rawValue < b.rawValue }
}

/// What a row is, economically. Detection looks at `.payment` rows for subscriptions and
/// uses the others to link, refund and explain.
public enum TransactionKind: String, Hashable, Sendable, Codable {
    /// Money out to a merchant or person.
    case payment
    /// Money in that is not a refund (salary, red packet, transfer received).
    case income
    /// Money back for an earlier payment.
    case refund
    /// Moving one's own money (top-up, withdrawal, card repayment, savings, investment).
    case transfer
    /// A bank reversing or returning an earlier debit (camt RvslInd, SEPA return).
    case reversal
}

/// Whether the money actually moved.
public enum SettlementState: String, Hashable, Sendable, Codable {
    /// Booked / succeeded.
    case settled
    /// Not yet final (等待确认收货, PDNG).
    case pending
    /// Closed without money moving, or failed (交易关闭 on a never-paid order, 提现失败).
    case failed
}

/// A SEPA direct-debit mandate: the pair identifies one subscription exactly.
public struct Mandate: Hashable, Sendable {
    public var creditorID: String?
    public var mandateID: String?

    public init(creditorID: String?, mandateID: String?) {
        self.creditorID = creditorID
        self.mandateID = mandateID
    }
}

/// One row of one statement, normalised. Amount is signed: negative is money out.
public struct Transaction: Hashable, Sendable {
    /// The source's own id (交易单号, 交易订单号, FITID, AcctSvcrRef …), trimmed, or `h:` + a
    /// content hash that stays the same when the same rows are exported again.
    public var id: String
    public var format: String
    public var source: SourceLocation
    public var time: Timestamp
    /// True when the source gives only a date; `time` is then local midnight.
    public var dateOnly: Bool
    public var amount: Money
    public var counterparty: String
    public var product: String
    public var paymentMethod: String
    public var status: String
    public var merchantOrderID: String?
    public var channel: Channel
    public var kind: TransactionKind
    public var state: SettlementState
    /// The source's own type text (交易类型, 交易分类, TRNTYPE, bank transaction code).
    public var sourceType: String
    /// The statement account, masked to its last four characters where it is a number.
    public var account: String?
    /// The id of the transaction this one refunds or reverses, when the source says so.
    public var relatesTo: String?
    /// Amount already refunded according to the original row's own status (`已退款(￥x)`).
    public var refundedAmount: Money?
    public var mandate: Mandate?
    /// A payee identifier from the source (OFX PAYEEID, ACH company id …).
    public var payeeID: String?
    /// The row exactly as it appears in the file (decoded to UTF-8), for the evidence appendix.
    public var rawRow: String

    public init(
        id: String, format: String, source: SourceLocation, time: Timestamp, dateOnly: Bool = false,
        amount: Money, counterparty: String, product: String = "", paymentMethod: String = "",
        status: String = "", merchantOrderID: String? = nil, channel: Channel, kind: TransactionKind,
        state: SettlementState = .settled, sourceType: String = "", account: String? = nil,
        relatesTo: String? = nil, refundedAmount: Money? = nil, mandate: Mandate? = nil,
        payeeID: String? = nil, rawRow: String = ""
    ) {
        self.id = id; self.format = format; self.source = source; self.time = time
        self.dateOnly = dateOnly; self.amount = amount; self.counterparty = counterparty
        self.product = product; self.paymentMethod = paymentMethod; self.status = status
        self.merchantOrderID = merchantOrderID; self.channel = channel; self.kind = kind
        self.state = state; self.sourceType = sourceType; self.account = account
        self.relatesTo = relatesTo; self.refundedAmount = refundedAmount; self.mandate = mandate
        self.payeeID = payeeID; self.rawRow = rawRow
    }

    public var date: CivilDate { time.localDate }
    public var isOutflow: Bool { amount.minorUnits < 0 }
}
