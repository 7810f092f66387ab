/// Where each WeChat column sits, found from the header row by name.
struct WeChatColumns {
    let header: HeaderColumns
    let time: Int
    let type: Int
    let counterparty: Int
    let product: Int
    let direction: Int
    let amount: Int
    let method: Int
    let status: Int
    let id: Int
    let merchantOrder: Int?
    let note: Int?

    /// The header row holds `交易时间` and `交易类型`; nil for any other row.
    static func isHeader(_ record: CSVRecord) -> Bool {
        var hasTime = false, hasType = false
        for f in record.fields {
            let t = CSVReader.trim(f)
            if t == "交易时间" { hasTime = true } else if t == "交易类型" { hasType = true }
        }
        return hasTime && hasType
    }

    /// Maps the header, or names the first required column it lacks.
    static func make(_ record: CSVRecord) -> Result<WeChatColumns, MissingColumn> {
        let h = HeaderColumns(record)
        func need(_ names: String...) throws(MissingColumn) -> Int {
            for n in names { if let i = h.names.firstIndex(of: n) { return i } }
            throw MissingColumn(name: names[0])
        }
        do throws(MissingColumn) {
            return .success(WeChatColumns(
                header: h, time: try need("交易时间"), type: try need("交易类型"),
                counterparty: try need("交易对方"), product: try need("商品"), direction: try need("收/支"),
                amount: try need("金额(元)", "金额（元）", "金额"), method: try need("支付方式"),
                status: try need("当前状态"), id: try need("交易单号"),
                merchantOrder: h.index("商户单号"), note: h.index("备注")))
        } catch {
            return .failure(error)
        }
    }

    struct MissingColumn: Error { let name: String }

    /// The free-text columns an unquoted comma can split, in WeChat's own order: 交易对方 and
    /// 商品 directly before 收/支 and the amount, 备注 last. Row repair relies on it.
    var supportsRepair: Bool {
        product == counterparty + 1 && direction == product + 1 && amount == direction + 1
            && [method, status, id].allSatisfy { $0 > amount }
    }
}
