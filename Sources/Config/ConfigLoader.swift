import Detection
import Foundation
import Importers
import Ledger
import TOMLKit

/// Parses `autodebit.toml`. Any error names the file, the line and the key; nothing runs then.
public enum ConfigLoader {
    public static let fileName = "autodebit.toml"

    public static func load(url: URL, displayPath: String? = nil) throws -> AutodebitConfig {
        let name = displayPath ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(file: name, line: 0, key: "", message: "cannot read the config file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: name, line: 0, key: "", message: "the config file is not UTF-8 text")
        }
        var config = try parse(text, file: name)
        config.file = url
        return config
    }

    public static func parse(_ text: String, file: String) throws -> AutodebitConfig {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ConfigError(file: file, line: e.source.begin.line, key: "", message: "TOML syntax error: \(e.description) (column \(e.source.begin.column))")
        }
        let locator = KeyLocator(text: text)
        var config = AutodebitConfig()
        let topLevel: Set<String> = ["settings", "cancellation", "plan", "alias", "ignore", "profile"]
        for key in root.keys.sorted() where !topLevel.contains(key) {
            throw ConfigError(file: file, line: locator.keyLine(key, afterHeader: 0), key: key,
                              message: "unknown key or table (known: \(topLevel.sorted().joined(separator: ", ")))")
        }

        if root.contains(key: "settings") {
            guard let table = root["settings"]?.table else {
                throw ConfigError(file: file, line: locator.keyLine("settings", afterHeader: 0), key: "settings", message: "expected a table [settings]")
            }
            let r = TableReader(table: table, file: file, locator: locator,
                                headerLine: locator.headerLine(table: "settings", arrayOfTables: false), context: "settings")
            try r.rejectUnknownKeys(allowed: ["lang", "timezone", "upcoming_days"])
            if let lang = try r.string("lang") {
                guard ["zh", "en"].contains(lang) else { throw r.error("lang", "expected \"zh\" or \"en\", found \"\(lang)\"") }
                config.language = lang
            }
            if let tz = try r.string("timezone") {
                guard let zone = TimeZone(identifier: tz) else { throw r.error("timezone", "unknown time zone \"\(tz)\" (expected an IANA name like Asia/Shanghai)") }
                config.timeZone = zone
            }
            if let days = try r.int("upcoming_days", range: 0...366) { config.detection.upcomingDays = days }
        }
        let offset = config.offsetResolver

        for (i, r) in try readers(root, "cancellation", file: file, locator: locator).enumerated() {
            try r.rejectUnknownKeys(allowed: ["merchant", "date", "reference", "channel", "evidence", "note"])
            let merchant = try r.string("merchant", required: true)!
            guard !merchant.trimmingCharacters(in: .whitespaces).isEmpty else { throw r.error("merchant", "must not be empty") }
            let (date, time) = try r.date("date", required: true, defaultOffset: offset)!
            let channel = try r.string("channel")
            let channels: Set<String> = ["app", "web", "mini-program", "customer-service", "wechat-pay", "alipay", "bank", "email", "phone"]
            if let channel, !channels.contains(channel) {
                throw r.error("channel", "expected one of \(channels.sorted().joined(separator: ", ")), found \"\(channel)\"")
            }
            config.detection.cancellations.append(Cancellation(
                merchant: merchant, date: date, time: time, reference: try r.string("reference"), channel: channel,
                evidence: try r.stringArray("evidence") ?? [], note: try r.string("note"),
                declaredAt: "\(file):\(r.headerLine)"))
            _ = i
        }

        for r in try readers(root, "plan", file: file, locator: locator) {
            try r.rejectUnknownKeys(allowed: ["merchant", "period", "amount", "currency"])
            let merchant = try r.string("merchant", required: true)!
            let periodText = try r.string("period", required: true)!
            guard let cadence = Cadence(config: periodText) else {
                throw r.error("period", "expected weekly, biweekly, monthly, quarterly, semiannual, yearly or P<n>D, found \"\(periodText)\"")
            }
            let currency = Currency(try r.string("currency") ?? "CNY")
            var amount: Money?
            if let text = try r.string("amount") {
                switch MoneyParser.parse(text, currency: currency) {
                case .success(let m): amount = m.magnitude
                case .failure(let f): throw r.error("amount", "expected an amount like \"25.00\": \(f.reason)")
                }
            }
            config.detection.plans.append(Plan(merchant: merchant, cadence: cadence, amount: amount, declaredAt: "\(file):\(r.headerLine)"))
        }

        for r in try readers(root, "alias", file: file, locator: locator) {
            try r.rejectUnknownKeys(allowed: ["name", "match"])
            let name = try r.string("name", required: true)!
            guard let match = try r.stringArray("match"), !match.isEmpty else { throw r.error("match", "required: a list of names that mean \"\(name)\"") }
            config.detection.aliases.append(Alias(name: name, match: match))
        }

        for r in try readers(root, "ignore", file: file, locator: locator) {
            try r.rejectUnknownKeys(allowed: ["merchant"])
            config.detection.ignore.append(try r.string("merchant", required: true)!)
        }

        for r in try readers(root, "profile", file: file, locator: locator) {
            config.profiles.append(try ProfileReader.read(r))
        }
        return config
    }

    /// One reader per `[[name]]` table, in file order.
    private static func readers(_ root: TOMLTable, _ name: String, file: String, locator: KeyLocator) throws -> [TableReader] {
        guard root.contains(key: name) else { return [] }
        guard let array = root[name]?.array else {
            throw ConfigError(file: file, line: locator.keyLine(name, afterHeader: 0), key: name, message: "expected [[\(name)]] tables")
        }
        var out: [TableReader] = []
        for (i, element) in array.enumerated() {
            let header = locator.headerLine(table: name, index: i, arrayOfTables: true)
            guard let table = element.table else {
                throw ConfigError(file: file, line: header, key: name, message: "expected a table in [[\(name)]]")
            }
            out.append(TableReader(table: table, file: file, locator: locator, headerLine: header, context: "\(name)[\(i + 1)]"))
        }
        return out
    }
}
