import Ledger
import TOMLKit

/// Reads typed values from one TOML table and names the file, line and key of any problem.
/// TOMLKit's Codable errors report a wrong type as a missing key, so each value's type is
/// checked here instead.
struct TableReader {
    let table: TOMLTable
    let file: String
    let locator: KeyLocator
    let headerLine: Int
    /// `cancellation`, `settings` …, for messages: `[[cancellation]] #2`.
    let context: String

    func line(of key: String) -> Int { locator.keyLine(key, afterHeader: headerLine) }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: key.isEmpty ? headerLine : line(of: key), key: key.isEmpty ? context : "\(context).\(key)", message: message)
    }

    private func value(_ key: String) -> TOMLValueConvertible? { table.contains(key: key) ? table[key] as TOMLValueConvertible? : nil }

    private func typeName(_ v: TOMLValueConvertible) -> String { v.type.description }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let v = value(key) else {
            if required { throw error(key, "required key is missing (expected a string)") }
            return nil
        }
        guard let s = v.string else { throw error(key, "expected a string, found a \(typeName(v))") }
        return s
    }

    func int(_ key: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard let i = v.int else { throw error(key, "expected an integer, found a \(typeName(v))") }
        if let range, !range.contains(i) { throw error(key, "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(i)") }
        return i
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.bool else { throw error(key, "expected true or false, found a \(typeName(v))") }
        return b
    }

    func stringArray(_ key: String) throws -> [String]? {
        guard let v = value(key) else { return nil }
        if let s = v.string { return [s] }
        guard let array = v.array else { throw error(key, "expected an array of strings, found a \(typeName(v))") }
        var out: [String] = []
        for element in array {
            guard let s = element.string else { throw error(key, "expected an array of strings, found an element that is a \(typeName(element))") }
            out.append(s)
        }
        return out
    }

    /// A TOML date, a datetime (with or without offset), or a `YYYY-MM-DD` string.
    func date(_ key: String, required: Bool, defaultOffset: (CivilDate) -> Int32) throws -> (CivilDate, Timestamp?)? {
        guard let v = value(key) else {
            if required { throw error(key, "required key is missing (expected a date like 2024-05-10)") }
            return nil
        }
        if let d = v.date {
            guard let civil = CivilDate(year: d.year, month: d.month, day: d.day) else { throw error(key, "not a real date: \(d.year)-\(d.month)-\(d.day)") }
            return (civil, nil)
        }
        if let dt = v.dateTime {
            guard let civil = CivilDate(year: dt.date.year, month: dt.date.month, day: dt.date.day) else { throw error(key, "not a real date") }
            // TOMLKit's Foundation conversion ignores the offset; convert ourselves.
            let offset = dt.offset.map { Int32($0.offset * 60) } ?? defaultOffset(civil)
            let ts = Timestamp(date: civil, hour: dt.time.hour, minute: dt.time.minute, second: dt.time.second, offsetSeconds: offset)
            return (civil, ts)
        }
        if let s = v.string {
            if let civil = CivilDate(s) { return (civil, nil) }
            if let ts = Timestamp.parseLocal(s, offsetSeconds: 0), let civil = CivilDate(String(s.prefix(10))) {
                let local = Timestamp.parseLocal(s, offsetSeconds: defaultOffset(civil)) ?? ts
                return (civil, local)
            }
            throw error(key, "expected a date like 2024-05-10, found \"\(s)\"")
        }
        throw error(key, "expected a date like 2024-05-10, found a \(typeName(v))")
    }

    /// Every key must be one this table knows: a typo must not pass silently.
    func rejectUnknownKeys(allowed: Set<String>) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw error(key, "unknown key (known keys: \(known))")
        }
    }
}
