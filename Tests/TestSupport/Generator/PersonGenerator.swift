import Detection
import Ledger

/// Generates a realistic person: one to two and a half years of ordinary spending, habits,
/// several subscriptions, planted anomalies and traps, with the ground truth to score against.
public enum PersonGenerator {
    public static func generate(seed: UInt64) -> GeneratedPerson {
        var rng = SplitMix64(seed: seed)
        let asOf = CivilDate(year: 2024, month: 1, day: 1)!.adding(days: rng.int(0...640))
        let months = rng.int(13...30)
        let dataStart = asOf.adding(months: -months)
        var world = World(rng: SplitMix64(seed: seed &* 31 &+ 7), factory: TransactionFactory(seed: seed),
                          asOf: asOf, dataStart: dataStart, cardDigits: rng.digits(4))
        world.addHabitsAndOrdinarySpending()
        world.addRent()
        SubscriptionSimulator.addSubscriptions(&world)
        return GeneratedPerson(seed: seed, transactions: world.factory.transactions, config: world.config, asOf: asOf, truth: world.truth)
    }
}

/// Everything one generated person accumulates.
struct World {
    var rng: SplitMix64
    var factory: TransactionFactory
    let asOf: CivilDate
    let dataStart: CivilDate
    let cardDigits: String
    var truth = GroundTruth()
    var config = DetectionConfig(upcomingDays: 7)

    var days: [CivilDate] {
        (0...dataStart.days(until: asOf)).map { dataStart.adding(days: $0) }
    }

    static func weekday(_ d: CivilDate) -> Int { ((d.dayNumber % 7) + 7 + 3) % 7 }   // 0 = Monday

    /// A wallet payment, card-funded now and then: the funding card row is its twin.
    @discardableResult
    mutating func walletPayment(_ channel: Channel, date: CivilDate, second: Int? = nil, amount: Int64, counterparty: String,
                                product: String, orderID: String? = nil, twinChance: Double) -> Transaction {
        let funded = rng.chance(twinChance)
        let method = funded ? "招商银行信用卡(\(cardDigits))" : (channel == .wechat ? "零钱" : rng.pick(["余额宝", "花呗", "账户余额"]))
        let t = factory.add(channel, date: date, second: second, amount: amount, counterparty: counterparty, product: product,
                            paymentMethod: method, orderID: orderID ?? ("M" + rng.digits(18)))
        if funded {
            let prefix = channel == .wechat ? rng.pick(["财付通-", "财付通－"]) : "支付宝-"
            let twin = factory.add(.card, date: date.adding(days: rng.int(0...1)), amount: amount, counterparty: prefix + counterparty,
                                   account: "****" + cardDigits)
            truth.fundingTwinIDs.insert(twin.id)
        }
        return t
    }

    mutating func habit(_ t: Transaction) { truth.habitIDs.insert(t.id) }

    mutating func addHabitsAndOrdinarySpending() {
        let coffeeShops = [rng.pick(MerchantPools.coffee), rng.pick(MerchantPools.coffee)]
        let canteen = rng.pick(MerchantPools.canteens)
        let metro = rng.pick(MerchantPools.metros)
        let metroFare = Int64(rng.pick([300, 400, 500, 600]))
        let grocer = rng.pick(MerchantPools.groceries)
        let groceryDay = rng.int(4...6)
        let coffeeRate = Double(rng.int(3...8)) / 10
        for d in days {
            let wd = World.weekday(d)
            let workday = wd < 5
            if workday && rng.chance(coffeeRate) {
                let shop = rng.pick(coffeeShops).replacing("%STORE", with: rng.pick(MerchantPools.stores))
                    .replacing("%NUM", with: String(rng.int(1000...99999)))
                let amount = Int64(rng.pick([990, 1390, 1590, 1990, 2500, 2800, 3000, 3200, 3500])) + Int64(rng.chance(0.2) ? rng.int(0...300) : 0)
                habit(walletPayment(rng.chance(0.6) ? .wechat : .alipay, date: d, second: rng.int(28_000...36_000), amount: amount,
                                    counterparty: shop, product: "咖啡", twinChance: 0.2))
            }
            if workday && rng.chance(0.8) {
                habit(walletPayment(.wechat, date: d, second: rng.int(41_000...46_000), amount: Int64(rng.pick([800, 1000, 1200, 1500, 1800])),
                                    counterparty: canteen, product: "餐费", twinChance: 0))
            }
            if workday && rng.chance(0.6) {
                for s in [rng.int(27_000...32_000), rng.int(63_000...70_000)] {
                    habit(walletPayment(.alipay, date: d, second: s, amount: metroFare, counterparty: metro, product: "乘车码", twinChance: 0))
                }
            }
            if abs(wd - groceryDay) <= 1 && (wd == groceryDay ? rng.chance(0.75) : rng.chance(0.12)) {
                habit(walletPayment(rng.chance(0.5) ? .wechat : .alipay, date: d, amount: Int64(rng.int(4_000...45_000)),
                                    counterparty: grocer, product: "商品", twinChance: 0.3))
            }
            for _ in 0..<rng.int(0...2) {
                habit(walletPayment(rng.chance(0.5) ? .wechat : .alipay, date: d, amount: Int64(rng.int(1_500...15_000)),
                                    counterparty: rng.pick(MerchantPools.meals), product: "外卖订单", twinChance: 0.15))
            }
            if rng.chance(0.35) {
                habit(walletPayment(.wechat, date: d, amount: Int64(rng.int(1_200...8_000)), counterparty: rng.pick(MerchantPools.transport),
                                    product: "行程费", twinChance: 0.2))
            }
            if rng.chance(0.08) {
                factory.add(.wechat, date: d, amount: Int64(rng.pick([666, 888, 1888, 6600, 8800, 20000])),
                            counterparty: rng.pick(MerchantPools.people), product: "微信红包", paymentMethod: "零钱")
            }
            if rng.chance(0.1) {
                walletPayment(.alipay, date: d, amount: Int64(rng.int(2_000...60_000)), counterparty: rng.pick(MerchantPools.shopping),
                              product: "商品订单", twinChance: 0.3)
            }
            if d.day == 10 {
                factory.add(.bank, date: d, amount: Int64(rng.int(1_500_000...2_500_000)), counterparty: "某某科技有限公司",
                            product: "代发工资", kind: .income, outflow: false)
            }
            if d.day == 12 && rng.chance(0.9) {
                factory.add(.wechat, date: d, amount: 200_000, counterparty: "妈妈", product: "转账", kind: .transfer, paymentMethod: "零钱")
            }
        }
    }

    /// Rent to a landlord the config ignores: a stream, never a finding (even when it rises).
    mutating func addRent() {
        guard rng.chance(0.5) else { return }
        config.ignore.append("房东")
        let anchor = rng.int(1...5)
        var amount: Int64 = Int64(rng.pick([280_000, 350_000, 420_000]))
        var ids: [String] = []
        var d = CivilDate(year: dataStart.year, month: dataStart.month, day: anchor)!.adding(months: 1)
        var n = 0
        while d <= asOf {
            if n == 8 && rng.chance(0.5) { amount += 20_000 }
            ids.append(factory.add(.bank, date: d, amount: amount, counterparty: "房东王先生", product: "房租").id)
            d = d.adding(months: 1, anchorDay: anchor); n += 1
        }
        if ids.count >= 3 { truth.streams.append(.init(label: "rent", cadence: .monthly, transactionIDs: ids, ignored: true)) }
    }
}
