/// The three Alipay CSV layouts, told apart by their header rows alone:
/// - 2023+: 24 preamble lines, then `交易时间,交易分类,交易对方,…,交易订单号,商家订单号,备注,`
/// - app 2021–22: banner on line 1, header `收/支,交易对方,…,交易时间,` on line 2, 21-line footer
/// - web (to 2021): 4 preamble lines, 16 columns from `交易号` to `资金状态`, footer
/// Every column is then found by name, so one row reader serves all three.
struct AlipayColumns {
    enum Layout: String { case current = "2023+", app2021 = "app 2021–22", web = "web" }

    let layout: Layout
    let header: HeaderColumns
    let time: Int
    /// Web layout: 交易创建时间, used when 付款时间 is empty (refunds, unpaid orders).
    let createdTime: Int?
    let category: Int?
    let counterparty: Int
    let product: Int
    let direction: Int
    let amount: Int
    let method: Int?
    let status: Int
    let id: Int
    let merchantOrder: Int?
    let note: Int?
    /// Web layout: 成功退款（元）, the amount already refunded on the original row.
    let refunded: Int?
    /// Web layout: 资金状态 (已支出 / 已收入 …), the direction when 收/支 is empty.
    let fundState: Int?

    struct MissingColumn: Error { let name: String }

    static func isHeader(_ record: CSVRecord) -> Bool {
        var id = false, status = false, amount = false
        for f in record.fields {
            switch CSVReader.trim(f) {
            case "交易订单号", "交易号": id = true
            case "交易状态": status = true
            case "金额", "金额（元）", "金额(元)": amount = true
            default: break
            }
        }
        return id && status && amount
    }

    static func make(_ record: CSVRecord) -> Result<AlipayColumns, MissingColumn> {
        let h = HeaderColumns(record)
        let layout: Layout = h.names.contains("交易创建时间") ? .web : (h.names.first == "收/支" ? .app2021 : .current)
        func need(_ names: String...) throws(MissingColumn) -> Int {
            for n in names { if let i = h.names.firstIndex(of: n) { return i } }
            throw MissingColumn(name: names[0])
        }
        do throws(MissingColumn) {
            let created = h.index("交易创建时间")
            let time = layout == .web ? (h.index("付款时间") ?? created) : h.index("交易时间")
            guard let time else { throw MissingColumn(name: "交易时间") }
            return .success(AlipayColumns(
                layout: layout, header: h, time: time, createdTime: created,
                category: h.index("交易分类", "类型"), counterparty: try need("交易对方"),
                product: try need("商品说明", "商品名称"), direction: try need("收/支"),
                amount: try need("金额", "金额（元）", "金额(元)"), method: h.index("收/付款方式"),
                status: try need("交易状态"), id: try need("交易订单号", "交易号"),
                merchantOrder: h.index("商家订单号"), note: h.index("备注"),
                refunded: h.index("成功退款（元）", "成功退款(元)"), fundState: h.index("资金状态")))
        } catch {
            return .failure(error)
        }
    }
}
