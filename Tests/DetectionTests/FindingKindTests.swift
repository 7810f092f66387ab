import Detection
import Ledger
import Testing

@Suite struct ChargeAfterCancellationTests {
    @Test func chargesAfterTheCancellationDateAreFlaggedOnceWithAllCharges() throws {
        let txs = B.monthly("v", start: "2024-01", day: 5, count: 7, yuan: 25, merchant: "腾讯视频")
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "腾讯视频", date: B.date("2024-04-10"))])
        let r = B.run(txs, config: config, asOf: "2024-07-20")
        let f = try #require(r.findings(.chargeAfterCancellation).first)
        #expect(r.findings(.chargeAfterCancellation).count == 1)
        #expect(f.transactions.map(\.id) == ["v4", "v5", "v6"])
        #expect(f.amount == Money(minorUnits: 7500, currency: .cny))
        #expect(f.deadlines.contains { $0.rule == "12315-acceptance" })
        #expect(r.subscriptions.first?.status == .cancelled)
    }

    @Test func matchingIgnoresWidthAndCaseAndAFullyRefundedChargeIsDropped() throws {
        var txs = B.monthly("n", start: "2024-01", day: 3, count: 6, yuan: 15, merchant: "NETFLIX.COM LOS GATOS CA", channel: .card)
        txs.append(B.tx("r1", "2024-05-06", 15, "NETFLIX.COM", channel: .card, kind: .refund, relatesTo: "n4"))
        txs.append(B.tx("r2", "2024-06-08", 5, "NETFLIX.COM", channel: .card, kind: .refund))
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "ｎｅｔｆｌｉｘ", date: B.date("2024-03-20"))])
        let r = B.run(txs, config: config, asOf: "2024-06-20")
        let f = try #require(r.findings(.chargeAfterCancellation).first)
        #expect(f.transactions.map(\.id) == ["n3", "n5"])
        #expect(f.amount.minorUnits == 1500 + 1000)
        #expect(f.refunded?.minorUnits == 500)
        #expect(f.deadlines.map(\.rule).contains("visa-13.2"))
        #expect(f.deadlines.map(\.rule).contains("mc-4853"))
    }

    @Test func aChargeOnTheCancellationDayBeforeItsTimeIsNotAfterIt() {
        let txs = [B.tx("a", "2024-03-01", 30, "九妹卡盟", second: 8 * 3600), B.tx("b", "2024-03-01", 30, "九妹卡盟", product: "x", second: 20 * 3600)]
        let when = Timestamp(date: B.date("2024-03-01"), hour: 12, offsetSeconds: Timestamp.chinaOffset)
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "九妹", date: B.date("2024-03-01"), time: when)])
        let r = B.run(txs, config: config, asOf: "2024-03-10")
        #expect(r.findings(.chargeAfterCancellation).first?.transactions.map(\.id) == ["b"])
    }

    @Test func ignoredMerchantsProduceNoFindingsAndNoSubscription() {
        let txs = B.monthly("h", start: "2024-01", day: 1, count: 6, yuan: 3000, merchant: "房东王先生", channel: .bank, product: "房租")
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "房东", date: B.date("2024-02-10"))], ignore: ["房东"])
        let r = B.run(txs, config: config, asOf: "2024-06-02")
        #expect(r.findings.isEmpty)
        #expect(r.subscriptions.isEmpty)
        // Without the ignore the same rows are a stream, with a finding after the cancellation.
        let plain = B.run(txs, config: DetectionConfig(cancellations: config.cancellations), asOf: "2024-06-02")
        #expect(plain.subscriptions.count == 1)
        #expect(!plain.findings.isEmpty)
    }
}

@Suite struct ShortenedIntervalTests {
    @Test func monthlyThenEveryTwentyDaysListsTheEarlyCharges() throws {
        var txs = B.monthly("q", start: "2024-01", day: 7, count: 4, yuan: 15, merchant: "QQ音乐")
        var d = B.date("2024-04-07")
        for i in 0..<3 { d = d.adding(days: 20); txs.append(B.tx("e\(i)", d.description, 15, "QQ音乐", product: "会员连续包月")) }
        let r = B.run(txs, asOf: "2024-06-01")
        let f = try #require(r.findings(.shortenedInterval).first)
        #expect(f.transactions.map(\.id) == ["e0", "e1", "e2"])
        #expect(r.subscriptions.first?.cadence == .monthly)
        if case .shortenedInterval(let expected, let fromPlan, let gaps) = f.detail {
            #expect(expected == .monthly); #expect(!fromPlan); #expect(gaps == [20, 20, 20])
        } else { Issue.record("wrong detail") }
    }

    @Test func alipayDebitsUpToThreeDaysEarlyAreNotFlagged() {
        let days = ["2024-01-15", "2024-02-12", "2024-03-15", "2024-04-12", "2024-05-15", "2024-06-13"]
        let txs = days.enumerated().map { B.tx("a\($0.offset)", $0.element, 22, "芒果TV", channel: .alipay, product: "会员连续包月") }
        let r = B.run(txs, asOf: "2024-06-20")
        #expect(r.findings(.shortenedInterval).isEmpty)
        #expect(r.subscriptions.first?.cadence == .monthly)
    }

    @Test func aPlanDeclaringMonthlyFlagsATwentyDayStreamFromItsSecondCharge() throws {
        let txs = (0..<5).map { B.tx("p\($0)", B.date("2024-01-01").adding(days: 20 * $0).description, 30, "XX视频", product: "会员") }
        let config = DetectionConfig(plans: [Plan(merchant: "XX视频", cadence: .monthly, amount: Money(minorUnits: 3000, currency: .cny))])
        let r = B.run(txs, config: config, asOf: "2024-04-01")
        let f = try #require(r.findings(.shortenedInterval).first)
        #expect(f.transactions.map(\.id) == ["p1", "p2", "p3", "p4"])
        #expect(r.subscriptions.first?.cadence == .days(20))
    }
}

@Suite struct DuplicateChargeTests {
    @Test func aSecondChargeMinutesLaterListsOnlyTheExtra() throws {
        var txs = B.monthly("d", start: "2024-01", day: 9, count: 5, yuan: 25, merchant: "爱奇艺")
        txs.append(B.tx("extra", "2024-03-09", 25, "爱奇艺", product: "会员连续包月", second: 36_300))
        let r = B.run(txs, asOf: "2024-05-20")
        let f = try #require(r.findings(.duplicateCharge).first)
        #expect(f.transactions.map(\.id) == ["extra"])
        if case .duplicate(let original) = f.detail { #expect(original.id == "d2") } else { Issue.record("wrong detail") }
    }

    @Test func twoDifferentProductsTheSameDayAreNotDuplicates() {
        var txs = B.monthly("d", start: "2024-01", day: 9, count: 5, yuan: 25, merchant: "爱奇艺")
        txs.append(B.tx("film", "2024-03-09", 6, "爱奇艺", product: "单片点播", orderID: "o-film"))
        let r = B.run(txs, asOf: "2024-05-20")
        #expect(r.findings(.duplicateCharge).isEmpty)
    }

    @Test func oneOrderPaidTwiceDaysApartIsADuplicate() throws {
        let txs = [B.tx("p1", "2024-03-09", 199, "京东商城", product: "耳机", orderID: "JD-778812"),
                   B.tx("p2", "2024-03-11", 199, "京东商城", product: "耳机", orderID: "JD-778812")]
        let f = try #require(B.run(txs, asOf: "2024-04-01").findings(.duplicateCharge).first)
        #expect(f.transactions.map(\.id) == ["p2"])
    }

    @Test func aContractIDReusedForEveryRenewalIsNotADuplicate() {
        // Some merchants put one agreement id in 商户单号 for every monthly debit.
        let txs = (1...4).map { m in B.tx("r\(m)", "2024-0\(m)-15", 30, "某健身房", product: "月卡", orderID: "CONTRACT-1") }
        #expect(B.run(txs, asOf: "2024-05-01").findings(.duplicateCharge).isEmpty)
    }

    @Test func oneRowWrittenTwiceIsNotTwoCharges() {
        // Export artefact: the same 交易单号 on two rows months apart (peer sample data does this).
        let txs = [B.tx("3985734", "2021-01-17", 12, "某餐厅", orderID: "129847129"),
                   B.tx("3985734", "2021-12-15", 12, "某餐厅", orderID: "129847129")]
        #expect(B.run(txs, asOf: "2022-01-01").findings(.duplicateCharge).isEmpty)
    }

    @Test func aRefundedDuplicateIsNotAFinding() {
        var txs = B.monthly("d", start: "2024-01", day: 9, count: 5, yuan: 25, merchant: "爱奇艺")
        txs.append(B.tx("extra", "2024-03-09", 25, "爱奇艺", product: "会员连续包月", second: 36_300))
        txs.append(B.tx("back", "2024-03-11", 25, "爱奇艺", kind: .refund, relatesTo: "extra"))
        let r = B.run(txs, asOf: "2024-05-20")
        #expect(r.findings(.duplicateCharge).isEmpty)
        #expect(r.links.contains { $0.kind == .refund && $0.primary == "extra" && $0.secondary == "back" })
    }
}

@Suite struct PriceTrialReactivationTests {
    @Test func priceRiseHeldForTwoChargesIsFlaggedWithTheDifference() throws {
        var txs = B.monthly("p", start: "2024-01", day: 2, count: 4, yuan: 25, merchant: "优酷")
        txs += (4..<7).map { B.tx("p\($0)", B.date("2024-01-01").adding(months: $0, anchorDay: 2).description, 30, "优酷", product: "会员连续包月") }
        let r = B.run(txs, asOf: "2024-07-10")
        let f = try #require(r.findings(.priceIncrease).first)
        #expect(f.transactions.map(\.id) == ["p4", "p5", "p6"])
        #expect(f.amount.minorUnits == 1500)
        #expect(r.subscriptions.count == 1)
    }

    @Test func aSingleChargeAtANewPriceIsNotYetAnIncrease() {
        var txs = B.monthly("p", start: "2024-01", day: 2, count: 5, yuan: 25, merchant: "优酷")
        txs.append(B.tx("p5", "2024-06-02", 30, "优酷", product: "会员连续包月"))
        let r = B.run(txs, asOf: "2024-06-10")
        #expect(r.findings(.priceIncrease).isEmpty)
    }

    @Test func tokenTrialFollowedByFullPriceCitesTheFirstFullCharge() throws {
        var txs = [B.tx("t", "2023-12-20", 1, "Keep", product: "首月1元")]
        txs += B.monthly("k", start: "2024-01", day: 20, count: 4, yuan: 25, merchant: "Keep")
        let r = B.run(txs, asOf: "2024-04-25")
        let f = try #require(r.findings(.trialConversion).first)
        #expect(f.transactions.map(\.id) == ["k0"])
        #expect(r.subscriptions.first?.transactions.first?.id == "t")
    }

    @Test func aStreamSilentForThreeMonthsThenChargingIsReactivated() throws {
        var txs = B.monthly("a", start: "2023-06", day: 11, count: 4, yuan: 19, merchant: "知乎")
        txs += B.monthly("b", start: "2024-01", day: 25, count: 3, yuan: 19, merchant: "知乎")
        let r = B.run(txs, asOf: "2024-03-30")
        let f = try #require(r.findings(.reactivated).first)
        #expect(f.transactions.map(\.id) == ["b0", "b1", "b2"])
    }

    @Test func newAndUpcomingAreInfo() throws {
        let txs = B.monthly("n", start: "2024-03", day: 15, count: 3, yuan: 15, merchant: "网易云音乐")
        let r = B.run(txs, asOf: "2024-06-10")
        let new = try #require(r.findings(.newSubscription).first)
        #expect(new.severity == .info)
        let up = try #require(r.findings(.upcomingCharge).first)
        if case .upcoming(let date, _) = up.detail { #expect(date == B.date("2024-06-15")) } else { Issue.record("wrong detail") }
        #expect(up.deadlines == [Deadline(rule: "renewal-reminder", date: B.date("2024-06-10"))])
    }
}

@Suite struct LinkingAndMerchantTests {
    @Test func aWalletPaymentAndItsFundingCardRowAreOnePayment() {
        var txs: [Transaction] = []
        for i in 0..<4 {
            let d = B.date("2024-01-05").adding(months: i)
            txs.append(B.tx("w\(i)", d.description, 25, "腾讯视频", product: "会员连续包月", method: "招商银行信用卡(1234)"))
            txs.append(B.tx("c\(i)", d.adding(days: 1).description, 25, "财付通-腾讯视频", channel: .card, account: "****1234"))
        }
        let r = B.run(txs, asOf: "2024-04-20")
        #expect(r.subscriptions.count == 1)
        #expect(r.subscriptions.first?.transactions.map(\.id) == ["w0", "w1", "w2", "w3"])
        #expect(r.subscriptions.first?.channels == [.card, .wechat])
        #expect(r.links.filter { $0.kind == .walletFunding }.count == 4)
        #expect(r.findings(.duplicateCharge).isEmpty)
    }

    @Test func cardDigitsThatDisagreeAreNotLinked() {
        let txs = [B.tx("w", "2024-01-05", 25, "腾讯视频", method: "招商银行信用卡(1234)"),
                   B.tx("c", "2024-01-05", 25, "财付通-腾讯视频", channel: .card, account: "****9999")]
        #expect(B.run(txs, asOf: "2024-02-01").links.isEmpty)
    }

    @Test func exactDuplicateRowsFromOverlappingExportsCountOnce() {
        let one = B.monthly("x", start: "2024-01", day: 3, count: 4, yuan: 30, merchant: "百度网盘")
        let r = B.run(one + one, asOf: "2024-04-10")
        #expect(r.subscriptions.first?.transactions.count == 4)
        #expect(r.links.filter { $0.kind == .duplicateExport }.count == 4)
        #expect(r.findings(.duplicateCharge).isEmpty)
    }

    @Test func merchantNamesNormalise() {
        #expect(MerchantNormalizer.key("NETFLIX.COM*1A2B3C") == MerchantNormalizer.key("Netflix.com"))
        #expect(MerchantNormalizer.key("NETFLIX.COM LOS GATOS CA") == "netflix")
        #expect(MerchantNormalizer.key("财付通-腾讯视频") == MerchantNormalizer.key("腾讯视频"))
        #expect(MerchantNormalizer.key("瑞幸咖啡（国贸店）") == MerchantNormalizer.key("瑞幸咖啡(望京店)"))
        #expect(MerchantNormalizer.key("STARBUCKS #1234") == MerchantNormalizer.key("STARBUCKS #98765"))
        #expect(MerchantNormalizer.key("ＳＰＯＴＩＦＹ P1A2B3C4") == "spotify")
        #expect(MerchantNormalizer.key("ALIPAY*TAOBAO") == "taobao")
        #expect(MerchantNormalizer.key("中国移动 4008-123-456") == "中国移动")
        #expect(MerchantNormalizer.key("12306") == "12306")
        #expect(MerchantNormalizer.displayName("支付宝-金拱门(中国)有限公司") == "金拱门(中国)有限公司")
    }

    @Test func aliasesAndSEPAMandatesDecideTheMerchant() {
        var txs = B.monthly("a", start: "2024-01", day: 8, count: 2, yuan: 25, merchant: "财付通-腾讯视频", channel: .card)
        txs += B.monthly("b", start: "2024-03", day: 8, count: 2, yuan: 25, merchant: "深圳市腾讯计算机系统有限公司", channel: .card)
        let config = DetectionConfig(aliases: [Alias(name: "腾讯视频", match: ["财付通-腾讯视频", "深圳市腾讯计算机系统有限公司"])])
        let r = B.run(txs, config: config, asOf: "2024-04-10")
        #expect(r.subscriptions.count == 1)
        #expect(r.subscriptions.first?.merchant == "腾讯视频")

        let m = Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "M-1")
        let m2 = Mandate(creditorID: "DE98AB109999999999", mandateID: "M-1")   // same creditor, another business code
        let sepa = (0..<4).map { i in
            B.tx("s\(i)", B.date("2024-01-02").adding(months: i).description, 0, i % 2 == 0 ? "McFit GmbH" : "MCFIT SUED", channel: .sepaDirectDebit,
                 currency: .eur, mandate: i % 2 == 0 ? m : m2, minor: 2490)
        }
        let r2 = B.run(sepa, asOf: "2024-04-10")
        #expect(r2.subscriptions.count == 1)
        #expect(r2.subscriptions.first?.merchantKey.hasPrefix("sepa:") == true)
    }

    @Test func twoStreamsAtOneMerchantStayApart() {
        var txs = B.monthly("m", start: "2023-01", day: 4, count: 18, yuan: 15, merchant: "哔哩哔哩")
        txs.append(B.tx("y0", "2023-02-20", 148, "哔哩哔哩", product: "年度大会员"))
        txs.append(B.tx("y1", "2024-02-20", 148, "哔哩哔哩", product: "年度大会员"))
        let r = B.run(txs, asOf: "2024-06-10")
        #expect(Set(r.subscriptions.map(\.cadence)) == [.monthly, .yearly])
    }

    @Test func monthEndPlansStayOnTheLastDay() {
        let txs = B.monthly("e", start: "2024-01", day: 31, count: 5, yuan: 12, merchant: "WPS")
        let r = B.run(txs, asOf: "2024-05-31")
        #expect(r.subscriptions.first?.cadence == .monthly)
        #expect(r.subscriptions.first?.nextExpected == B.date("2024-06-30"))
        #expect(r.findings(.shortenedInterval).isEmpty)
    }
}

@Suite struct DeadlineAndIDTests {
    @Test func sepaChargesAfterCancellationGetBothSEPADeadlines() throws {
        let m = Mandate(creditorID: "DE98ZZZ09999999999", mandateID: "M-7")
        let txs = (0..<4).map { i in
            B.tx("s\(i)", B.date("2024-01-02").adding(months: i).description, 0, "Telekom", channel: .sepaDirectDebit, currency: .eur, mandate: m, minor: 3995)
        }
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "telekom", date: B.date("2024-02-15"))])
        let r = B.run(txs, config: config, asOf: "2024-04-05")
        let f = try #require(r.findings(.chargeAfterCancellation).first)
        #expect(f.deadlines.contains(Deadline(rule: "sepa-core-refund", date: B.date("2024-04-27"))))
        #expect(f.deadlines.contains(Deadline(rule: "sepa-unauthorised", date: B.date("2025-04-02"))))
    }

    @Test func anotherChargeAfterTheSameCancellationMakesANewFindingID() throws {
        let txs = B.monthly("v", start: "2024-01", day: 5, count: 6, yuan: 25, merchant: "腾讯视频")
        let config = DetectionConfig(cancellations: [Cancellation(merchant: "腾讯视频", date: B.date("2024-04-10"))])
        let before = try #require(B.run(Array(txs.prefix(5)), config: config, asOf: "2024-05-20").findings(.chargeAfterCancellation).first)
        let after = try #require(B.run(txs, config: config, asOf: "2024-06-20").findings(.chargeAfterCancellation).first)
        let again = try #require(B.run(txs.reversed(), config: config, asOf: "2024-06-20").findings(.chargeAfterCancellation).first)
        #expect(before.id != after.id)
        #expect(after.id == again.id)
        #expect(after.id.hasPrefix("f-"))
    }
}
