import Ledger

/// Any other CSV, read through a `[[profile]]` from the config (hledger-rules-like): the
/// first profile whose `match_header` cells all appear in one of the first 30 lines applies.
///
/// Rows that are not transactions: blank lines, and rows whose date and amount cells are
/// both empty (headings, labels), are passed over silently. A row that fails to read (bad
/// date, bad amount, missing cells) is a SkippedRow when it lies inside the table (between
/// two good rows) or has exactly the header's number of cells; before the first good row or
/// after the last one, a row with another shape is metadata (`Saldo;150,00;EUR`, `Kontostand`,
/// export notes) and only counted in a note.
public struct ProfileCSVImporter: StatementImporter {
    public let format = "csv"
    public let recognition = "CSV whose header holds every `match_header` cell of a [[profile]] in the config, within the first 30 lines"

    public init() {}

    public func identify(_ head: FileHead, context: ImportContext) -> Bool {
        guard !context.profiles.isEmpty, !head.isZip else { return false }
        let complete = Self.wholeLines(head.bytes)
        return context.profiles.contains { Self.header(of: complete, profile: $0) != nil }
    }

    public func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult {
        for profile in context.profiles {
            let decoded: (bytes: [UInt8], encoding: String)
            do {
                decoded = try CSVEncodingChoice.decode(file.bytes, declared: profile.encoding)
            } catch let f as CSVEncodingChoice.Failure {
                let line = f.byteOffset > 0 ? CSVEncodingChoice.line(ofByte: f.byteOffset, in: file.bytes) : 0
                throw ImportError(path: file.path, line: line, message: "profile \"\(profile.name)\" (\(profile.declaredAt)): \(f.message)")
            }
            guard let header = CSVDelimiterSniffer.findHeader(utf8: decoded.bytes, matching: profile.matchHeader,
                                                              preferred: profile.delimiter, skipLines: profile.skipLines) else { continue }
            return try ProfileCSVReader(file: file, profile: profile, header: header, encoding: decoded.encoding,
                                        defaultOffset: context.defaultOffset).read(decoded.bytes)
        }
        let wanted = context.profiles.map { "\($0.name): " + $0.matchHeader.joined(separator: ", ") }.joined(separator: "; ")
        throw ImportError(path: file.path, line: 0, message: context.profiles.isEmpty
            ? "no [[profile]] in the config describes this CSV"
            : "no [[profile]] matches this CSV: none found all its match_header cells in the first 30 lines (\(wanted))")
    }

    static func header(of headBytes: [UInt8], profile: CSVProfile) -> CSVDelimiterSniffer.Header? {
        guard let decoded = try? CSVEncodingChoice.decode(headBytes, declared: profile.encoding) else { return nil }
        return CSVDelimiterSniffer.findHeader(utf8: decoded.bytes, matching: profile.matchHeader,
                                              preferred: profile.delimiter, skipLines: profile.skipLines)
    }

    /// The head up to its last line break, so that a character cut at the end does not make
    /// the encoding look wrong.
    static func wholeLines(_ bytes: [UInt8]) -> [UInt8] {
        guard let last = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return bytes }
        return Array(bytes[...last])
    }
}

/// Reads the rows below one header with one profile.
struct ProfileCSVReader {
    let file: StatementFile
    let profile: CSVProfile
    let header: CSVDelimiterSniffer.Header
    let encoding: String
    let defaultOffset: @Sendable (CivilDate) -> Int32

    private enum Outcome {
        /// A transaction whose `id` is still the source's (possibly empty) id.
        case row(Transaction)
        case notATransaction
        case failure(line: Int, reason: String, fieldCount: Int)
    }

    /// Everything that does not change from row to row.
    private struct RowContext {
        let map: CSVColumnMap
        let dates: CSVDateParser
        let amounts: CSVAmountReader
        let baseCurrency: Currency
        let channel: Channel
        let pending: [String]
    }

    func read(_ bytes: [UInt8]) throws -> ExtractResult {
        let map: CSVColumnMap
        do {
            map = try CSVColumnMap(header: header.cells, profile: profile)
        } catch let m as CSVColumnMap.Missing {
            throw ImportError(path: file.path, line: header.line,
                              message: "profile \"\(profile.name)\" declared at \(profile.declaredAt.isEmpty ? "?" : profile.declaredAt): \(m.role) \"\(m.column)\" is not a column of this file's header (\(header.cells.prefix(40).joined(separator: ", ")))")
        }
        guard let channel = Channel(rawValue: profile.channel) else {
            throw ImportError(path: file.path, line: 0, message: "profile \"\(profile.name)\" declared at \(profile.declaredAt): channel \"\(profile.channel)\" is not one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let format = profile.dateFormat.lowercased() == "auto" || profile.dateFormat.isEmpty
            ? autoDateFormat(bytes, column: map.date)
            : profile.dateFormat
        guard let dates = CSVDateParser(format: format) else {
            throw ImportError(path: file.path, line: 0, message: "profile \"\(profile.name)\" declared at \(profile.declaredAt): date_format \"\(format)\" needs a year, a month and a day (e.g. dd.MM.yyyy)")
        }
        let context = RowContext(
            map: map, dates: dates,
            amounts: CSVAmountReader(decimalMark: profile.decimalComma ? .comma : .point, invert: profile.invertSign),
            baseCurrency: Currency(profile.currency), channel: channel,
            pending: profile.pendingValues.map { $0.lowercased() }.filter { !$0.isEmpty })

        // One streaming pass; failures are few and classified once the table's extent is known.
        var result = ExtractResult()
        var failures: [(line: Int, reason: String, fieldCount: Int)] = []
        var firstGood = Int.max, lastGood = Int.min
        var seenIDs = Set<String>(), repeatedIDs = Set<String>()
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVByteReader(buffer, delimiter: header.delimiter)
            while let row = reader.next() {
                guard row.line > header.line else { continue }
                switch readRow(row, context) {
                case .row(let t):
                    if firstGood == Int.max { firstGood = t.source.line }
                    lastGood = t.source.line
                    if map.id != nil, !t.id.isEmpty, !seenIDs.insert(t.id).inserted { repeatedIDs.insert(t.id) }
                    result.transactions.append(t)
                case .notATransaction:
                    break
                case .failure(let line, let reason, let count):
                    failures.append((line, reason, count))
                }
            }
        }
        var metadataLines: [Int] = []
        for f in failures {
            if (f.line > firstGood && f.line < lastGood) || f.fieldCount == header.cells.count {
                result.skipped.append(SkippedRow(line: f.line, reason: f.reason))
            } else {
                metadataLines.append(f.line)
            }
        }
        assignContentIDs(&result.transactions, hashAll: map.id == nil, repeated: repeatedIDs)

        let delimiterName = header.delimiter == 0x09 ? "tab" : "\"\(Character(Unicode.Scalar(header.delimiter)))\""
        result.notes.append("profile \"\(profile.name)\": header on line \(header.line), delimiter \(delimiterName), \(encoding), dates \(format)")
        if !metadataLines.isEmpty {
            result.notes.append("\(metadataLines.count) line(s) outside the table are not transactions (lines \(Self.ranges(metadataLines)))")
        }
        return result
    }

    /// Rows without a usable id of their own (none, empty, or repeated in the file) get
    /// `StableID.content` over date, amount, payee (the memo when there is no payee), memo,
    /// and the row's rank among identical rows, so a re-export gives the same ids.
    private func assignContentIDs(_ transactions: inout [Transaction], hashAll: Bool, repeated: Set<String>) {
        var ranks: [String: Int] = [:]
        for k in transactions.indices {
            let t = transactions[k]
            guard hashAll || t.id.isEmpty || repeated.contains(t.id) else { continue }
            let parts = [t.date.description, t.amount.decimalString + " " + t.amount.currency.code, t.counterparty, t.product]
            let key = parts.joined(separator: "\u{1F}")
            let rank = ranks[key, default: 0]
            ranks[key] = rank + 1
            transactions[k].id = StableID.content(parts + [String(rank)])
        }
    }

    /// `auto`: every date cell of the file votes (a separate light pass over the table).
    private func autoDateFormat(_ bytes: [UInt8], column: Int) -> String {
        var samples: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVByteReader(buffer, delimiter: header.delimiter)
            while let row = reader.next() {
                guard row.line > header.line, row.count > column else { continue }
                let cell = row.trimmed(column)
                if !cell.isEmpty { samples.append(cell) }
            }
        }
        let dayFirst = profile.decimalComma || header.delimiter == UInt8(ascii: ";")
        return CSVDateParser.resolveAuto(samples, dayFirstByDefault: dayFirst)
    }

    private func readRow(_ record: some CSVCells, _ c: RowContext) -> Outcome {
        let map = c.map, dates = c.dates, amounts = c.amounts, baseCurrency = c.baseCurrency
        let count = record.count
        if record.isBlank { return .notATransaction }
        let dateText = record.trimmed(map.date)
        let currencyCode = map.currency.map { record.trimmed($0) }.flatMap { Self.isCurrencyCode($0) ? $0 : nil } ?? profile.currency
        let currency = currencyCode == baseCurrency.code ? baseCurrency : Currency(currencyCode)
        let amountOutcome = amounts.read(record, map, currency: currency)
        if dateText.isEmpty, case .empty = amountOutcome { return .notATransaction }
        if count <= map.required {
            return .failure(line: record.line, reason: "\(count) cell(s), the profile needs at least \(map.required + 1) (header has \(header.cells.count))", fieldCount: count)
        }
        if record.unterminatedQuote {
            return .failure(line: record.line, reason: "a quoted cell is never closed", fieldCount: count)
        }
        guard let reading = record.withTrimmedBytes(map.date, dates.parse(utf8:)) else {
            let reason = dateText.isEmpty ? "date cell is empty" : "date \"\(dateText)\" does not match \(dates.format) or is not a calendar date"
            return .failure(line: record.line, reason: reason, fieldCount: count)
        }
        let amount: Money
        switch amountOutcome {
        case .amount(let m): amount = m
        case .empty: return .failure(line: record.line, reason: "amount cell is empty", fieldCount: count)
        case .failure(let reason): return .failure(line: record.line, reason: reason, fieldCount: count)
        }
        var hour = reading.hour, minute = reading.minute, second = reading.second
        var hasTime = reading.hasTime
        if let t = map.time, let clock = CSVDateParser.parseTimeCell(record.trimmed(t)) {
            hour = clock.hour; minute = clock.minute; second = clock.second; hasTime = true
        }
        guard let time = Timestamp(date: reading.date, hour: hour, minute: minute, second: second, offsetSeconds: defaultOffset(reading.date)) else {
            return .failure(line: record.line, reason: "time of day is impossible", fieldCount: count)
        }
        let mandateID = map.mandate.map { record.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let creditorID = map.creditorID.map { record.trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let mandate = mandateID == nil && creditorID == nil ? nil : Mandate(creditorID: creditorID, mandateID: mandateID)
        let payee = Self.collapse(record.trimmed(map.payee))
        let memo = map.memo.map { Self.collapse(record.trimmed($0)) } ?? ""
        let status = map.status.map { record.trimmed($0) } ?? ""
        let lowered = c.pending.isEmpty ? "" : status.lowercased()
        let isPending = c.pending.contains { Self.utf8Contains(lowered, $0) }
        return .row(Transaction(
            id: map.id.map { record.trimmed($0) } ?? "", format: "csv", source: SourceLocation(path: file.path, line: record.line),
            time: time, dateOnly: !hasTime, amount: amount, counterparty: payee.isEmpty ? memo : payee, product: memo,
            status: status, channel: mandate != nil && c.channel == .bank ? .sepaDirectDebit : c.channel,
            kind: amount.minorUnits > 0 ? .income : .payment, state: isPending ? .pending : .settled,
            sourceType: profile.name, mandate: mandate,
            payeeID: ACHCompanyID.find(in: payee) ?? ACHCompanyID.find(in: memo), rawRow: record.raw))
    }

    /// Substring test on UTF-8 bytes (Foundation's `contains` is far slower per row).
    static func utf8Contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }

    static func isCurrencyCode(_ s: String) -> Bool {
        s.utf8.count == 3 && s.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
    }

    /// Runs of spaces inside a cell (`EMPLOYER INC    DIRECT DEP`) become one space.
    static func collapse(_ s: String) -> String {
        var needed = false
        var previousSpace = false
        for b in s.utf8 {
            let space = b == 0x20
            if (space && previousSpace) || b == 0x0A || b == 0x0D || b == 0x09 { needed = true; break }
            previousSpace = space
        }
        guard needed else { return s }
        // ASCII text (most bank memos): each Character is one byte, or CR LF, so the split
        // is done on the bytes in one pass.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            var pendingSpace = false
            for b in s.utf8 {
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { pendingSpace = !out.isEmpty; continue }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// `3, 5–9, 12` for a sorted list of lines.
    static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var start = lines.first ?? 0, previous = start
        for line in lines.dropFirst() + [Int.max] {
            if line == previous + 1 { previous = line; continue }
            parts.append(start == previous ? "\(start)" : "\(start)–\(previous)")
            start = line; previous = line
        }
        return parts.joined(separator: ", ")
    }
}
