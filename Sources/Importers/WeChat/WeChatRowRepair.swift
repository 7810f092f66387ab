/// WeChat writes some names unquoted, so a comma inside one (`WALMART HONG KONG CO.,LIMITED`)
/// splits the row into more than 11 fields. The columns right of 商品 have fixed shapes
/// (收/支 is 支出/收入/`/`, then a `¥` amount), so the true 收/支 position is found by
/// anchoring on them; the extra fields on its left belong to 交易对方 or 商品, those past the
/// ids to 备注.
enum WeChatRowRepair {
    /// The fields rejoined to the header's width, or nil when no reading fits.
    static func repair(_ fields: [String], columns c: WeChatColumns) -> [String]? {
        let width = c.header.names.count
        let extra = fields.count - width
        guard extra > 0, c.supportsRepair else { return nil }
        // The first position from the expected one where a direction meets an amount.
        var anchor: Int?
        for k in c.direction...(c.direction + extra) where k + 1 < fields.count {
            if isDirection(fields[k]) && isYenAmount(fields[k + 1]) { anchor = k; break }
        }
        guard let k = anchor else { return nil }
        let leftExtra = k - c.direction
        var rightExtra = extra - leftExtra
        // An unquoted `¥1,288.00` splits after the `¥1`: rejoin three-digit groups.
        var amountEnd = k + 1
        while rightExtra > 0 && amountEnd + 1 < fields.count && isDigitGroup(fields[amountEnd + 1]) {
            amountEnd += 1; rightExtra -= 1
        }
        // Extra fields after that can only be commas in 备注, the last column.
        if rightExtra > 0 && c.note != width - 1 { return nil }

        var out: [String] = []
        out.reserveCapacity(width)
        out.append(contentsOf: fields[0..<c.counterparty])
        let pieces = Array(fields[c.counterparty..<k])
        let split = counterpartyPieceCount(pieces)
        out.append(pieces[0..<split].joined(separator: ","))
        out.append(pieces[split...].joined(separator: ","))
        out.append(fields[k])
        out.append(fields[(k + 1)...amountEnd].joined(separator: ","))
        let rest = fields[(amountEnd + 1)...]
        if rightExtra > 0 {
            let noteStart = fields.count - rightExtra - 1
            out.append(contentsOf: fields[(amountEnd + 1)..<noteStart])
            out.append(fields[noteStart...].joined(separator: ","))
        } else {
            out.append(contentsOf: rest)
        }
        return out.count == width ? out : nil
    }

    /// How many of the pieces between 交易类型 and 收/支 form 交易对方; the rest are 商品.
    /// A `/` marks the empty column; a piece that is a company-form word (`LIMITED`,
    /// `Ltd.`, `Inc`, `有限公司` …) continues the name before it; otherwise 交易对方 keeps
    /// one piece and 商品, the usual home of listed items, takes the rest.
    static func counterpartyPieceCount(_ pieces: [String]) -> Int {
        let n = pieces.count
        if n <= 2 { return 1 }
        if CSVReader.trim(pieces[n - 1]) == "/" { return n - 1 }
        if CSVReader.trim(pieces[0]) == "/" { return 1 }
        var s = 1
        while s < n - 1 && continuesCompanyName(pieces[s]) { s += 1 }
        return s
    }

    static let companyForms: Set<String> = [
        "LIMITED", "LTD", "INC", "INCORPORATED", "LLC", "LLP", "LP", "CO", "CORP", "CORPORATION", "COMPANY",
        "PTE", "PTY", "GMBH", "AG", "SA", "SAS", "SARL", "SPA", "SRL", "BV", "NV", "PLC", "KK", "OY", "AB", "LTDA",
    ]

    static func continuesCompanyName(_ piece: String) -> Bool {
        let t = CSVReader.trim(piece)
        if UTF8Text.hasPrefix(t, "有限公司") || UTF8Text.hasPrefix(t, "股份有限公司") { return true }
        let firstWord = t.prefix { $0 != " " && $0 != "(" && $0 != "（" }
        let letters = firstWord.filter { $0 != "." }.uppercased()
        return companyForms.contains(letters)
    }

    static func isDirection(_ field: String) -> Bool {
        let t = CSVReader.trim(field)
        return UTF8Text.equals(t, "支出") || UTF8Text.equals(t, "收入") || UTF8Text.equals(t, "/")
    }

    /// `288` or `288.00`: what follows a thousands comma.
    static func isDigitGroup(_ field: String) -> Bool {
        let u = Array(field.utf8)
        guard u.count >= 3, u[0...2].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        if u.count == 3 { return true }
        return u[3] == UInt8(ascii: ".") && u[4...].allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isYenAmount(_ field: String) -> Bool {
        let t = CSVReader.trim(field)
        return UTF8Text.hasPrefix(t, "¥") || UTF8Text.hasPrefix(t, "￥")
    }
}
