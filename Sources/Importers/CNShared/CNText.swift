#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger

/// Cell and text conventions shared by the Chinese wallet and bank exports.
enum CNText {
    /// A cell trimmed of the spaces and tabs these exports pad with, with the `/` (WeChat,
    /// Alipay) and `-` (ICBC) placeholders turned into the empty string they stand for.
    @inline(__always) static func value(_ raw: String) -> String {
        let t = CSVReader.trim(raw)
        return t.utf8.count == 1 && (t.utf8.first == UInt8(ascii: "/") || t.utf8.first == UInt8(ascii: "-")) ? "" : t
    }

    /// `招商银行信用卡(1234)` → `****1234`: the card a wallet row was paid with, when the
    /// payment-method text names one. Half- and full-width brackets; exactly four digits.
    static func cardLastFour(in method: String) -> String? {
        var method = method
        return method.withUTF8 { cardLastFour(utf8: $0) }
    }

    /// `cardLastFour(in:)` over the method's UTF-8, for row readers holding the cell's bytes.
    static func cardLastFour(utf8 u: UnsafeBufferPointer<UInt8>) -> String? {
        var digitsStart = 0, digitCount = 0
        var inside = false
        var found: String?
        var i = 0
        while i < u.count {
            let b = u[i]
            // `（` is EF BC 88 and `）` EF BC 89 in UTF-8.
            let fullOpen = b == 0xEF && i + 2 < u.count && u[i + 1] == 0xBC && u[i + 2] == 0x88
            let fullClose = b == 0xEF && i + 2 < u.count && u[i + 1] == 0xBC && u[i + 2] == 0x89
            let next = i + (fullOpen || fullClose ? 3 : 1)
            if b == 0x28 || fullOpen {
                inside = true; digitsStart = next; digitCount = 0
            } else if b == 0x29 || fullClose {
                if inside && digitCount == 4 {
                    found = "****" + String(decoding: UnsafeBufferPointer(rebasing: u[digitsStart..<(digitsStart + 4)]), as: UTF8.self)
                }
                inside = false
            } else if inside {
                if b >= 0x30 && b <= 0x39 { digitCount += 1 } else { inside = false }
            }
            i = next
        }
        return found
    }

    /// Names under which wallets (and bank payment gateways) show a payment on the funding
    /// bank or card statement: the same money as the wallet's own row, linked by Detection.
    static let walletPrefixes = ["支付宝-", "财付通-", "美团支付-", "云闪付APP-", "网银在线-", "抖音支付-", "京东支付-", "拼多多支付-"]

    static func isWalletFunded(_ text: String) -> Bool {
        walletPrefixes.contains { UTF8Text.hasPrefix(text, $0) }
    }

    /// The currencies Chinese bank exports name in words, plus plain ISO codes.
    static func currency(named name: String) -> Currency? {
        switch name {
        case "", "人民币", "RMB", "CNY": return .cny
        case "美元": return .usd
        case "欧元": return .eur
        case "港币", "港元": return Currency("HKD")
        case "日元": return Currency("JPY")
        case "英镑": return Currency("GBP")
        case "澳元", "澳大利亚元": return Currency("AUD")
        case "加元", "加拿大元": return Currency("CAD")
        case "新加坡元": return Currency("SGD")
        case "瑞士法郎": return Currency("CHF")
        default:
            let isCode = name.utf8.count == 3 && name.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
            return isCode ? Currency(name) : nil
        }
    }

    /// The first lines of a head sample, each split naively on commas and trimmed: enough to
    /// recognise a header or a title without a full CSV parse.
    /// Byte-level: it runs on the 64 KB head of every file of a scan, once per CN importer.
    static func headRows(_ text: String, limit: Int = 80) -> [[String]] {
        var rows: [[String]] = []
        var text = text
        text.withUTF8 { u in
            var i = 0
            let n = u.count
            while i < n && rows.count < limit {
                while i < n && (u[i] == 0x0A || u[i] == 0x0D) { i += 1 }
                guard i < n else { break }
                var row: [String] = []
                var cellStart = i
                while i < n && u[i] != 0x0A && u[i] != 0x0D {
                    if u[i] == 0x2C {
                        row.append(CSVReader.trim(String(decoding: UnsafeBufferPointer(rebasing: u[cellStart..<i]), as: UTF8.self)))
                        cellStart = i + 1
                    }
                    i += 1
                }
                row.append(CSVReader.trim(String(decoding: UnsafeBufferPointer(rebasing: u[cellStart..<i]), as: UTF8.self)))
                rows.append(row)
            }
        }
        return rows
    }

    /// True when some head row holds every one of `names` as a cell.
    static func headHasRow(_ text: String, containing names: [String]) -> Bool {
        headRows(text).contains { row in names.allSatisfy(row.contains) }
    }

    /// A statement fact for ExtractResult.notes, as the source words it.
    static func note(_ text: String) -> String { CSVReader.trim(text) }

    /// An account line for notes, with long digit runs masked so that notes never carry a
    /// full account, card or phone number. (Not for dates: their digits would be masked too.)
    static func accountNote(_ text: String) -> String { Masking.maskAccountNumbers(CSVReader.trim(text)) }
}

/// Column positions found by header name, once per file; rows are then read by index.
struct HeaderColumns {
    let names: [String]
    let line: Int

    init(_ record: CSVRecord) {
        names = record.fields.map { CSVReader.trim($0) }
        line = record.line
    }

    /// The first column whose name is one of `candidates` (in the candidates' order).
    func index(_ candidates: String...) -> Int? {
        for c in candidates { if let i = names.firstIndex(of: c) { return i } }
        return nil
    }

    /// Header width without the empty cell a trailing comma leaves.
    var width: Int { names.last == "" ? names.count - 1 : names.count }

    /// Whether a row's cell count matches the header, allowing for a trailing comma present
    /// on one and not the other (the extra cell must then be empty).
    func matchesWidth(_ row: some CSVCells) -> Bool {
        if row.count == names.count || row.count == width { return true }
        return row.count == width + 1 && row.withTrimmedBytes(row.count - 1, { $0.isEmpty })
    }
}

/// Decoding and error conventions shared by the CSV importers of this family.
enum CNStatementFile {
    /// The whole file as UTF-8, whatever it was encoded in, for `CSVByteReader` (which skips a BOM).
    static func utf8Bytes(_ file: StatementFile) throws -> [UInt8] {
        // UTF-8 with a BOM is used as it is (not copied without it): the CSV readers skip one
        // BOM themselves. A second BOM would then be left, so that file takes the general path.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if file.bytes.starts(with: bom) && !file.bytes.dropFirst(3).starts(with: bom) { return file.bytes }
        do {
            return try TextDecoder.decodeToUTF8(file.bytes).bytes
        } catch let error as DecodingError {
            throw ImportError(path: file.path, line: line(ofByte: error.byteOffset, in: file.bytes), message: error.message)
        }
    }

    /// Line breaks in the buffer: an upper bound on its rows, to size the transaction array
    /// once (growing it by doubling moves every transaction several times and leaves slack).
    static func lineBreaks(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var count = 0
        var p = UnsafeRawPointer(base)
        let end = UnsafeRawPointer(base + buffer.count)
        while p < end, let hit = memchr(p, 0x0A, end - p) {
            count += 1
            p = UnsafeRawPointer(hit) + 1
        }
        return count
    }

    /// 1-based line of a byte offset, for decoding errors.
    static func line(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for b in bytes.prefix(offset) where b == 0x0A { line += 1 }
        return line
    }

    /// A record with nothing but empty cells (blank lines, comma padding).
    static func isBlank(_ record: CSVRecord) -> Bool { record.isBlank }
}

/// A data row read into a transaction, or skipped with the reason why.
enum RowOutcome {
    case transaction(Transaction)
    case skipped(SkippedRow)
}

/// Row indexes of one group (one merchant order, say) sorted by time, file order breaking
/// ties, so that "the latest payment not after this refund" is a binary search and linking
/// stays O(n log n) even when a file repeats one order id thousands of times.
struct RowsByTime {
    private(set) var rows: [Int] = []

    init(_ indexes: [Int], in transactions: [Transaction]) {
        rows = indexes.sorted { a, b in
            let ta = transactions[a].time, tb = transactions[b].time
            return ta != tb ? ta < tb : a < b
        }
    }

    var isEmpty: Bool { rows.isEmpty }
    var earliest: Int? { rows.first }

    /// The last row whose time is not after `time`.
    func latest(notAfter time: Timestamp, in transactions: [Transaction]) -> Int? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transactions[rows[mid]].time <= time { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? rows[lo - 1] : nil
    }
}
