import Ledger

/// The signed amount of one row under a profile: negative is money out.
struct CSVAmountReader {
    let decimalMark: MoneyParser.DecimalMark
    let invert: Bool

    enum Outcome {
        case amount(Money)
        /// The amount cells are all empty: not a transaction row (a heading, subtotal label …).
        case empty
        case failure(String)
    }

    func read(_ record: some CSVCells, _ map: CSVColumnMap, currency: Currency) -> Outcome {
        let value: Money
        switch map.amount {
        case .signed(let i):
            let text = record.trimmed(i)
            if text.isEmpty { return .empty }
            switch parse(text, currency) {
            case .success(let m): value = m
            case .failure(let f): return .failure("amount: \(f.description)")
            }
        case .debitCredit(let d, let c):
            let debitText = record.trimmed(d), creditText = record.trimmed(c)
            if debitText.isEmpty && creditText.isEmpty { return .empty }
            var total: Int64 = 0
            // Some banks print the debit column signed (`-50,00`), others not: the column
            // decides the direction, the sign in it does not.
            for (text, sign, label) in [(debitText, Int64(-1), "debit"), (creditText, Int64(1), "credit")] where !text.isEmpty {
                switch parse(text, currency) {
                case .success(let m): total += sign * Int64(m.minorUnits.magnitude)
                case .failure(let f): return .failure("\(label) amount: \(f.description)")
                }
            }
            value = Money(minorUnits: total, currency: currency)
        case .indicator(let a, let c, let debitValues):
            let text = record.trimmed(a)
            if text.isEmpty { return .empty }
            let indicator = record.trimmed(c)
            guard !indicator.isEmpty else { return .failure("the debit/credit indicator is empty (expected one of \(debitValues.sorted().joined(separator: ", ")) or a credit mark)") }
            switch parse(text, currency) {
            case .success(let m):
                let out = debitValues.contains(indicator.lowercased())
                value = Money(minorUnits: (out ? -1 : 1) * Int64(m.minorUnits.magnitude), currency: currency)
            case .failure(let f): return .failure("amount: \(f.description)")
            }
        }
        return .amount(invert ? value.negated : value)
    }

    private func parse(_ text: String, _ currency: Currency) -> Result<Money, MoneyParser.Failure> {
        MoneyParser.parse(text, currency: currency, decimalMark: decimalMark)
    }
}
