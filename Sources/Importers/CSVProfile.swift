/// A mapping for a CSV layout the tool does not know, declared in `autodebit.toml`
/// (`[[profile]]`), in the manner of hledger's CSV rules. The `csv` importer applies it.
public struct CSVProfile: Sendable, Hashable {
    public enum AmountColumns: Sendable, Hashable {
        /// One signed amount column.
        case signed(String)
        /// Separate columns for money out and money in (either may be empty on a row).
        case debitCredit(debit: String, credit: String)
        /// An unsigned amount plus an indicator column whose listed values mean money out.
        case indicator(amount: String, column: String, debitValues: [String])
    }

    public var name: String
    /// Header cells that must all be present for the profile to apply.
    public var matchHeader: [String]
    public var delimiter: UInt8
    /// nil: detect; else `utf-8`, `gb18030`, `windows-1252`, `utf-16`.
    public var encoding: String?
    public var skipLines: Int
    public var dateColumn: String
    /// `yyyy-MM-dd`, `dd.MM.yyyy`, `MM/dd/yyyy`, `d/M/yyyy`, `dd.MM.yy`, `MMM d, yyyy`, with
    /// optional ` HH:mm[:ss]`; or `auto` (M/D against D/M decided over the whole file).
    public var dateFormat: String
    public var amount: AmountColumns
    public var payeeColumn: String
    public var memoColumn: String?
    public var idColumn: String?
    public var currencyColumn: String?
    public var currency: String
    public var decimalComma: Bool
    /// Multiply amounts by -1 (card exports where positive means a charge).
    public var invertSign: Bool
    public var channel: String
    /// Config file and line where the profile starts, for error messages.
    public var declaredAt: String
    /// SEPA mandate reference column. nil: use a column named like `Mandatsreferenz`,
    /// `Mandate Reference`, `Mandate Id` when the file has one.
    public var mandateColumn: String? = nil
    /// SEPA creditor id column. nil: use a column named like `Glaeubiger ID`, `Gläubiger-ID`,
    /// `Creditor ID`, `Originator Identifier` when the file has one.
    public var creditorIDColumn: String? = nil
    /// A separate time-of-day column (`14:05`, `06:50 PM`).
    public var timeColumn: String? = nil
    /// Booking-state column (`Info`, `Status`, `State`); with `pendingValues` it marks pending rows.
    public var statusColumn: String? = nil
    /// Status values (any case, contained in the cell) meaning not yet booked: `vorgemerkt`, `Pending`.
    public var pendingValues: [String] = []

    public init(name: String, matchHeader: [String], delimiter: UInt8 = UInt8(ascii: ","), encoding: String? = nil,
                skipLines: Int = 0, dateColumn: String, dateFormat: String, amount: AmountColumns,
                payeeColumn: String, memoColumn: String? = nil, idColumn: String? = nil,
                currencyColumn: String? = nil, currency: String = "CNY", decimalComma: Bool = false,
                invertSign: Bool = false, channel: String = "bank", declaredAt: String = "") {
        self.name = name; self.matchHeader = matchHeader; self.delimiter = delimiter; self.encoding = encoding
        self.skipLines = skipLines; self.dateColumn = dateColumn; self.dateFormat = dateFormat
        self.amount = amount; self.payeeColumn = payeeColumn; self.memoColumn = memoColumn
        self.idColumn = idColumn; self.currencyColumn = currencyColumn; self.currency = currency
        self.decimalComma = decimalComma; self.invertSign = invertSign; self.channel = channel
        self.declaredAt = declaredAt
    }
}
