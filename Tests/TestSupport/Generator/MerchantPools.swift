import Detection
import Ledger

/// Merchants the generator draws from. The detection never sees these lists.
struct SubscriptionTemplate: Sendable {
    enum Rail: Sendable { case wallet, card, sepa, bank }
    var names: [String]          // spellings of the merchant as statements print it
    var product: String          // product text ("" for card/SEPA rows)
    var amounts: [Int64]         // possible prices in minor units
    var currency: Currency
    var cadences: [Cadence]
    var rail: Rail
}

enum MerchantPools {
    static let cnSubscriptions: [SubscriptionTemplate] = [
        .init(names: ["腾讯视频"], product: "腾讯视频VIP会员连续包月", amounts: [2500, 3000], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["爱奇艺"], product: "爱奇艺黄金VIP会员自动续费", amounts: [2500, 2200, 1900], currency: .cny, cadences: [.monthly, .quarterly], rail: .wallet),
        .init(names: ["优酷"], product: "优酷VIP连续包月", amounts: [2500, 2000], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["芒果TV"], product: "芒果TV会员连续包月", amounts: [2200, 1900], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["QQ音乐"], product: "QQ音乐绿钻豪华版连续包月", amounts: [1500, 1800], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["网易云音乐"], product: "黑胶VIP连续包月", amounts: [1500, 1200], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["哔哩哔哩"], product: "大会员连续包月", amounts: [1500, 2500], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["百度网盘"], product: "超级会员自动续费", amounts: [3000, 2500], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["喜马拉雅"], product: "喜马拉雅VIP会员连续包月", amounts: [2500, 1800], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["美团"], product: "美团会员连续包月", amounts: [1500, 1000], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["饿了么"], product: "超级吃货卡连续包月", amounts: [1500, 1200], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["京东"], product: "京东PLUS会员年卡", amounts: [19800, 14900], currency: .cny, cadences: [.yearly], rail: .wallet),
        .init(names: ["淘宝"], product: "88VIP年卡", amounts: [8800], currency: .cny, cadences: [.yearly], rail: .wallet),
        .init(names: ["WPS"], product: "WPS超级会员年卡", amounts: [17900, 8900], currency: .cny, cadences: [.yearly], rail: .wallet),
        .init(names: ["知乎"], product: "盐选会员连续包月", amounts: [1900, 2500], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["Keep"], product: "Keep会员连续包月", amounts: [2500, 1900], currency: .cny, cadences: [.monthly, .quarterly], rail: .wallet),
        .init(names: ["超级猩猩健身"], product: "月卡自动续费", amounts: [29900, 25900], currency: .cny, cadences: [.monthly], rail: .wallet),
        .init(names: ["樊登读书"], product: "年度VIP自动续费", amounts: [36500], currency: .cny, cadences: [.yearly], rail: .wallet),
        .init(names: ["中国移动"], product: "话费套餐", amounts: [5800, 12800, 8800], currency: .cny, cadences: [.monthly], rail: .bank),
        .init(names: ["迅雷"], product: "超级会员连续包月", amounts: [1500, 3000], currency: .cny, cadences: [.monthly, .semiannual], rail: .wallet),
        .init(names: ["隐形眼镜订购"], product: "定期配送", amounts: [12800, 9900], currency: .cny, cadences: [.days(28), .days(45), .days(20)], rail: .wallet),
        .init(names: ["家政保洁"], product: "定期保洁服务", amounts: [16000, 20000], currency: .cny, cadences: [.biweekly, .weekly], rail: .wallet),
    ]

    static let intlSubscriptions: [SubscriptionTemplate] = [
        .init(names: ["NETFLIX.COM LOS GATOS CA", "NETFLIX.COM*%REF", "Netflix.com"], product: "", amounts: [1549, 1799, 699], currency: .usd, cadences: [.monthly], rail: .card),
        .init(names: ["SPOTIFY P%REF", "Spotify AB", "SPOTIFY STOCKHOLM SE"], product: "", amounts: [1099, 1199], currency: .eur, cadences: [.monthly], rail: .card),
        .init(names: ["OPENAI *CHATGPT SUBSCR", "OPENAI *CHATGPT SUBSCR SAN FRANCISCO CA"], product: "", amounts: [2000], currency: .usd, cadences: [.monthly], rail: .card),
        .init(names: ["GITHUB, INC.", "GITHUB INC %REF"], product: "", amounts: [400, 10000], currency: .usd, cadences: [.monthly, .yearly], rail: .card),
        .init(names: ["DROPBOX*%REF", "DROPBOX %REF SAN FRANCISCO CA"], product: "", amounts: [11988, 19999], currency: .usd, cadences: [.yearly], rail: .card),
        .init(names: ["ADOBE *CREATIVE CLOUD", "ADOBE *CREATIVE CLOUD DUBLIN IE"], product: "", amounts: [2419, 6049], currency: .eur, cadences: [.monthly], rail: .card),
        .init(names: ["Notion Labs", "NOTION LABS, INC."], product: "", amounts: [1000, 800], currency: .usd, cadences: [.monthly], rail: .card),
        .init(names: ["McFit GmbH"], product: "Mitgliedsbeitrag", amounts: [2490, 2990], currency: .eur, cadences: [.monthly], rail: .sepa),
        .init(names: ["Telekom Deutschland GmbH"], product: "Mobilfunk Rechnung", amounts: [3995, 4995], currency: .eur, cadences: [.monthly], rail: .sepa),
        .init(names: ["ZEIT Verlag"], product: "Digitalabo", amounts: [1999, 9960], currency: .eur, cadences: [.monthly, .quarterly], rail: .sepa),
        .init(names: ["MSFT *MICROSOFT 365 %REF", "MSFT *MICROSOFT 365"], product: "", amounts: [9999, 6999], currency: .usd, cadences: [.yearly], rail: .card),
        .init(names: ["1PASSWORD %REF", "1Password"], product: "", amounts: [3588], currency: .usd, cadences: [.yearly], rail: .card),
    ]

    static let coffee = ["瑞幸咖啡(%STORE店)", "星巴克(%STORE店)", "STARBUCKS #%NUM", "Manner Coffee(%STORE店)", "Tims天好咖啡(%STORE店)"]
    static let stores = ["国贸", "望京", "中关村", "陆家嘴", "徐家汇", "南山科技园", "福田", "西湖", "天河城", "五道口", "三里屯"]
    static let meals = ["海底捞", "西贝莜面村", "麦当劳", "肯德基", "沙县小吃", "兰州拉面", "老乡鸡", "喜茶", "蜜雪冰城", "必胜客"]
    static let groceries = ["盒马鲜生", "永辉超市", "物美超市", "山姆会员商店", "大润发", "家乐福"]
    static let canteens = ["公司食堂", "园区餐厅", "员工餐厅"]
    static let transport = ["滴滴出行", "高德打车", "曹操出行", "哈啰单车"]
    static let metros = ["北京地铁", "上海地铁", "深圳通", "广州地铁"]
    static let people = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷"]
    static let shopping = ["拼多多平台商户", "小米商城", "优衣库", "名创优品", "屈臣氏"]
}
