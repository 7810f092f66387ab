/// A profile's column names resolved to indices in one file's header.
struct CSVColumnMap {
    enum Amount {
        case signed(Int)
        case debitCredit(debit: Int, credit: Int)
        case indicator(amount: Int, column: Int, debitValues: Set<String>)
    }

    var date: Int
    var time: Int?
    var amount: Amount
    var payee: Int
    var memo: Int?
    var id: Int?
    var currency: Int?
    var mandate: Int?
    var creditorID: Int?
    var status: Int?
    /// The largest index a row must reach to hold the date and amount.
    var required: Int

    /// Header names that hold a SEPA mandate reference or creditor id in real exports.
    static let mandateNames = ["mandatsreferenz", "mandatsref", "mandate reference", "mandate id", "mandate identification",
                               "mandate", "mandaatreferentie", "référence du mandat", "rum"]
    static let creditorNames = ["glaeubiger id", "gläubiger id", "gläubiger-id", "glaeubiger-id", "gläubiger-identifikation",
                                "glaeubiger-identifikation", "creditor id", "creditor identifier", "originator identifier",
                                "incassant id", "identifiant créancier", "ics"]

    struct Missing: Error {
        let column: String
        let role: String
    }

    init(header: [String], profile: CSVProfile) throws {
        let keys = header.map(CSVDelimiterSniffer.normalized)
        func find(_ name: String, _ role: String) throws -> Int {
            guard let i = keys.firstIndex(of: CSVDelimiterSniffer.normalized(name)) else { throw Missing(column: name, role: role) }
            return i
        }
        func optional(_ name: String?, _ role: String) throws -> Int? {
            guard let name else { return nil }
            return try find(name, role)
        }
        func known(_ names: [String]) -> Int? {
            for name in names { if let i = keys.firstIndex(of: name) { return i } }
            return nil
        }
        date = try find(profile.dateColumn, "date_column")
        switch profile.amount {
        case .signed(let c):
            amount = .signed(try find(c, "amount_column"))
        case .debitCredit(let d, let c):
            amount = .debitCredit(debit: try find(d, "debit_column"), credit: try find(c, "credit_column"))
        case .indicator(let a, let c, let values):
            amount = .indicator(amount: try find(a, "amount_column"), column: try find(c, "indicator_column"),
                                debitValues: Set(values.map { CSVReader.trim($0).lowercased() }))
        }
        payee = try find(profile.payeeColumn, "payee_column")
        memo = try optional(profile.memoColumn, "memo_column")
        id = try optional(profile.idColumn, "id_column")
        currency = try optional(profile.currencyColumn, "currency_column")
        time = try optional(profile.timeColumn, "time_column")
        status = try optional(profile.statusColumn, "status_column")
        mandate = try profile.mandateColumn.map { try find($0, "mandate_column") } ?? known(Self.mandateNames)
        creditorID = try profile.creditorIDColumn.map { try find($0, "creditor_id_column") } ?? known(Self.creditorNames)
        switch amount {
        case .signed(let a): required = max(date, a)
        case .debitCredit(let d, let c): required = max(date, d, c)
        case .indicator(let a, let c, _): required = max(date, a, c)
        }
    }
}
