import Config
import Detection
import Foundation
import Importers
import Ledger
import Testing

@Suite struct ConfigLoaderTests {
    let sample = """
    # my statements
    [settings]
    lang = "en"
    timezone = "Europe/Berlin"
    upcoming_days = 10

    [[cancellation]]
    merchant = "九妹卡盟"
    date = 2024-05-10
    reference = "SN20240510001"
    channel = "app"
    evidence = ["evidence/cancel.png"]
    note = "closed in the app"

    [[cancellation]]
    merchant = "Netflix"
    date = 2024-06-01T18:30:00+02:00

    [[plan]]
    merchant = "XX视频"
    period = "P20D"
    amount = "25.00"

    [[alias]]
    name = "腾讯视频"
    match = ["财付通-腾讯视频", "深圳市腾讯计算机系统有限公司"]

    [[ignore]]
    merchant = "房东"

    [[profile]]
    name = "mybank"
    match_header = ["Date", "Description", "Amount"]
    delimiter = ";"
    date_column = "Date"
    date_format = "dd.MM.yyyy"
    amount_column = "Amount"
    payee_column = "Description"
    decimal_mark = ","
    currency = "EUR"
    mandate_column = "Mandatsreferenz"
    status_column = "Info"
    pending_values = ["Umsatz vorgemerkt"]
    """

    @Test func readsEveryTable() throws {
        let c = try ConfigLoader.parse(sample, file: "autodebit.toml")
        #expect(c.language == "en")
        #expect(c.timeZone.identifier == "Europe/Berlin")
        #expect(c.detection.upcomingDays == 10)
        #expect(c.detection.cancellations.count == 2)
        let first = c.detection.cancellations[0]
        #expect(first.merchant == "九妹卡盟")
        #expect(first.date == CivilDate(year: 2024, month: 5, day: 10))
        #expect(first.reference == "SN20240510001")
        #expect(first.evidence == ["evidence/cancel.png"])
        #expect(first.declaredAt == "autodebit.toml:7")
        let second = c.detection.cancellations[1]
        // The offset in the datetime is honoured, not the process's zone.
        #expect(second.time?.iso8601 == "2024-06-01T18:30:00+02:00")
        #expect(c.detection.plans.first?.cadence == .days(20))
        #expect(c.detection.plans.first?.amount == Money(minorUnits: 2500, currency: .cny))
        #expect(c.detection.aliases.first?.match.count == 2)
        #expect(c.detection.ignore == ["房东"])
        let p = try #require(c.profiles.first)
        #expect(p.delimiter == UInt8(ascii: ";"))
        #expect(p.decimalComma)
        #expect(p.amount == .signed("Amount"))
        #expect(p.declaredAt == "autodebit.toml:31")
        #expect(p.mandateColumn == "Mandatsreferenz")
        #expect(p.pendingValues == ["Umsatz vorgemerkt"])
    }

    @Test func berlinOffsetFollowsDaylightSaving() throws {
        let c = try ConfigLoader.parse(sample, file: "a.toml")
        #expect(c.offsetResolver(CivilDate(year: 2024, month: 1, day: 15)!) == 3600)
        #expect(c.offsetResolver(CivilDate(year: 2024, month: 7, day: 15)!) == 7200)
    }

    @Test(arguments: [
        ("[[cancellation]]\nmerchant = \"x\"\ndate = \"soon\"\n", 3, "cancellation[1].date", "expected a date"),
        ("[[cancellation]]\nmerchant = \"x\"\n", 1, "cancellation[1].date", "required key is missing"),
        ("[settings]\nupcoming_days = \"7\"\n", 2, "settings.upcoming_days", "expected an integer, found a string"),
        ("[settings]\nlang = \"fr\"\n", 2, "settings.lang", "expected \"zh\" or \"en\""),
        ("\n\n[[plan]]\nmerchant = \"a\"\nperiod = \"sometimes\"\n", 5, "plan[1].period", "expected weekly"),
        ("[[cancellation]]\nmerchant = \"x\"\ndate = 2024-01-01\nrefrence = \"typo\"\n", 4, "cancellation[1].refrence", "unknown key"),
        ("[[cancellation]]\nmerchant = \"a\"\ndate = 2024-01-01\n[[cancellation]]\nmerchant = \"b\"\ndate = 2024-02-30\n", 6, "", "syntax"),
        ("[settings\nlang = \"zh\"\n", 1, "", "syntax"),
        ("colour = 3\n", 1, "colour", "unknown key"),
        ("[[profile]]\nname = \"b\"\nmatch_header = [\"D\"]\ndate_column = \"D\"\namount_column = \"A\"\npayee_column = \"P\"\npending_values = [\"x\"]\n",
         7, "profile[1].pending_values", "needs status_column"),
    ])
    func errorsNameLineAndKey(text: String, line: Int, key: String, message: String) {
        do {
            _ = try ConfigLoader.parse(text, file: "cfg.toml")
            Issue.record("expected an error for \(text)")
        } catch let e as ConfigError {
            #expect(e.line == line, "\(e)")
            #expect(e.key == key, "\(e)")
            #expect(e.description.contains(message), "\(e)")
            #expect(e.description.hasPrefix("cfg.toml:\(line):"), "\(e)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func appendingACancellationKeepsCommentsAndParses() throws {
        let original = "# keep me\n[settings]\nlang = \"zh\" # inline comment\n"
        let entry = CancellationAppender.Entry(merchant: "Quote \"me\" 卡盟", date: CivilDate(year: 2025, month: 2, day: 10)!,
                                               reference: "R-1", channel: "app", evidence: ["e/a.png"], note: "line1\nline2")
        let text = try CancellationAppender.append(entry, to: original, file: "a.toml")
        #expect(text.hasPrefix(original))
        let c = try ConfigLoader.parse(text, file: "a.toml")
        #expect(c.detection.cancellations.first?.merchant == "Quote \"me\" 卡盟")
        #expect(c.detection.cancellations.first?.note == "line1\nline2")
        #expect(c.detection.cancellations.first?.declaredAt == "a.toml:5")
        // A second append goes after the first, both survive.
        let again = try CancellationAppender.append(entry, to: text, file: "a.toml")
        #expect(try ConfigLoader.parse(again, file: "a.toml").detection.cancellations.count == 2)
    }

    @Test func appendRefusesAnInvalidChannel() {
        let entry = CancellationAppender.Entry(merchant: "x", date: CivilDate(year: 2025, month: 2, day: 10)!, channel: "pigeon")
        #expect(throws: ConfigError.self) { try CancellationAppender.append(entry, to: "", file: "a.toml") }
    }
}
