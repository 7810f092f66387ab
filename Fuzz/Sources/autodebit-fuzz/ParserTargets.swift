import Importers
import Ledger

/// The low-level parsers every reader relies on, with the invariants they promise.
enum ParserTargets {
    static func csvReader(_ bytes: [UInt8]) {
        // The first byte picks the delimiter, as a sniffed or configured one would be.
        let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        let delimiter = delimiters[Int(bytes.first ?? 0) % delimiters.count]
        var lastLine = 0
        var records = 0
        for record in CSVReader(utf8: bytes, delimiter: delimiter) {
            precondition(record.line > lastLine, "record lines must increase: \(record.line) after \(lastLine)")
            precondition(!record.fields.isEmpty, "a record without fields")
            lastLine = record.line
            records += 1
            precondition(records <= bytes.count + 1, "more records than bytes")
            for i in record.fields.indices { _ = record.trimmed(i) }
        }
    }

    static func textDecoder(_ bytes: [UInt8]) {
        let head = TextDecoder.decodeHead(bytes)
        _ = head.text.utf8.count
        if let whole = try? TextDecoder.decodeToUTF8(bytes) {
            // What iconv converted must be valid UTF-8, and UTF-8 input must come back unchanged.
            // (Text behind a UTF-8 BOM is passed on unchecked: readers repair it as they decode.)
            precondition(whole.encoding == .utf8 || TextDecoder.isValidUTF8(whole.bytes), "decodeToUTF8 produced invalid UTF-8")
            if whole.encoding == .utf8 && !bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                precondition(whole.bytes == bytes, "UTF-8 input changed by decoding")
            }
        }
        for encoding in [TextEncoding.utf8, .utf16le, .utf16be, .gb18030, .windows1252] {
            _ = try? TextDecoder.decode(bytes, as: encoding)
            _ = try? TextDecoder.decode(bytes, as: encoding, allowTruncatedTail: true)
        }
    }

    static func money(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for mark in [MoneyParser.DecimalMark.point, .comma] {
            for currency in [Currency("CNY"), Currency("EUR"), nil] as [Currency?] {
                guard case .success(let money) = MoneyParser.parse(text, currency: currency, decimalMark: mark) else { continue }
                precondition(money.minorUnits.magnitude <= UInt64(MoneyParser.maxMinorUnits), "amount above the limit: \(money)")
                // What the parser prints, it must read back to the same amount.
                let again = MoneyParser.parse(money.decimalString, currency: money.currency)
                precondition((try? again.get()) == money, "\(text) → \(money.decimalString) does not read back")
                _ = money.groupedString
            }
        }
    }

    static func dates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let date = CivilDate(text) {
            precondition(CivilDate(dayNumber: date.dayNumber) == date, "day number round trip: \(date)")
            precondition(CivilDate(date.description) == date, "description round trip: \(date)")
            _ = date.adding(months: Int(bytes.count % 25) - 12)
            _ = date.adding(days: 400)
        }
        for offset: Int32 in [0, Timestamp.chinaOffset, -14 * 3600] {
            if let t = Timestamp.parseLocal(text, offsetSeconds: offset) {
                precondition(Timestamp.parseLocal(t.localDisplay, offsetSeconds: offset) == t, "\(text) → \(t.localDisplay) does not read back")
                _ = t.iso8601
                _ = t.localDate
            }
        }
        // A date format and a cell, split at the first newline (a profile's date_format and a row).
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, let parser = CSVDateParser(format: String(parts[0])) {
            _ = parser.parse(String(parts[1]))
        }
        _ = CSVDateParser.parseTimeCell(text)
        _ = CSVDateParser.resolveAuto(text.split(separator: "\n").map(String.init), dayFirstByDefault: true)
    }
}
