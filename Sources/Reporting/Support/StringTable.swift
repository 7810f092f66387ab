import Foundation

/// The fixed text of one report language, from `Resources/strings.<lang>.json`. Placeholders
/// are `{name}`; values are inserted in one pass, so a value that itself contains `{name}`
/// (a merchant called "{count}") is never expanded again.
struct StringTable: Sendable {
    let language: ReportLanguage
    let entries: [String: String]

    init(language: ReportLanguage, entries: [String: String]) {
        self.language = language; self.entries = entries
    }

    static func bundled(_ language: ReportLanguage) throws -> StringTable {
        let name = "strings.\(language.rawValue).json"
        let data = try BundledResources.data(name)
        do {
            return StringTable(language: language, entries: try JSONDecoder().decode([String: String].self, from: data))
        } catch {
            throw ReportingError.bundledResource(name: name, reason: "\(error)")
        }
    }

    /// The text for `key`; a missing key shows as `⟦key⟧` so that the gap is visible and
    /// caught by the tests rather than crashing a cron job.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let template = entries[key] else { return "⟦\(key)⟧" }
        return Self.fill(template, values)
    }

    /// Picks `key.one` when `count` is 1 and the table has it (English plurals).
    func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        if count == 1, entries[key + ".one"] != nil { return self(key + ".one", values) }
        return self(key, values)
    }

    func has(_ key: String) -> Bool { entries[key] != nil }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
               let value = values[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }
}
