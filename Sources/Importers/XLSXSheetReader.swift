import Foundation
import Ledger
import ZIPFoundation

/// One cell as the sheet stores it: text (shared, inline or a formula's string result) or the
/// literal text of a number (`28.16`, `548.58000000000004`, `7.0000000000000007E-2`), never a
/// `Double`, so that amounts stay exact.
enum XLSXCell: Equatable, Sendable {
    case text(String)
    case number(String)

    /// The cell as text: a number is given in plain decimal (see `XLSXNumber.decimalText`).
    var text: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return XLSXNumber.decimalText(n) ?? n
        }
    }
}

/// Reads worksheets out of an XLSX (OOXML zip) workbook: finds a sheet by name through
/// `xl/workbook.xml` and its relationships, resolves shared strings, and streams rows.
struct XLSXWorkbook {
    /// A decompressed part larger than this is refused (zip bombs; a WeChat bill is < 5 MB).
    static let maxPartSize: UInt64 = 256 << 20

    let path: String
    private let bytes: [UInt8]
    private let directory: ZipDirectory
    /// Sheet names in workbook order, with the zip path of each.
    let sheets: [(name: String, part: String)]
    private let sharedStringsPart: String?

    /// Opens `bytes`, or the file at `url` when `bytes` is empty.
    init(bytes: [UInt8], url: URL, path: String) throws {
        self.path = path
        var contents = bytes
        if contents.isEmpty {
            do { contents = Array(try Data(contentsOf: url)) } catch {
                throw ImportError(path: path, line: 0, message: "cannot read the workbook (\(error.localizedDescription))")
            }
        }
        let zip: ZipDirectory
        do {
            zip = try ZipDirectory(contents)
        } catch let damage as ZipDirectory.Damage {
            throw ImportError(path: path, line: 0, message: "not an XLSX workbook: the file is not a readable zip archive (\(damage.message))")
        }
        directory = zip
        self.bytes = contents
        guard let workbookEntry = zip.entries["xl/workbook.xml"] else {
            throw ImportError(path: path, line: 0, message: "not an XLSX workbook: the zip holds no xl/workbook.xml")
        }
        let relations = try XLSXWorkbook.relationships(
            zip.entries["xl/_rels/workbook.xml.rels"].map { try XLSXWorkbook.extract($0, from: zip, contents, path: path) } ?? [], path: path)
        let workbook = try XLSXWorkbook.extract(workbookEntry, from: zip, contents, path: path)
        sheets = try XLSXWorkbook.sheetList(workbook, relations: relations, path: path)
        let conventional = zip.entries["xl/sharedStrings.xml"] != nil ? "xl/sharedStrings.xml" : nil
        sharedStringsPart = relations.first { $0.type.hasSuffix("/sharedStrings") }.map { XLSXWorkbook.resolve($0.target) } ?? conventional
    }

    /// The sheet named `name`, else the first one.
    func sheet(preferring name: String) -> (name: String, part: String)? {
        sheets.first { $0.name == name } ?? sheets.first
    }

    /// Raw bytes of a part, or nil when the zip does not hold it.
    func part(_ partPath: String) throws -> [UInt8]? {
        guard let entry = directory.entries[partPath] else { return nil }
        return try XLSXWorkbook.extract(entry, from: directory, bytes, path: path)
    }

    func sharedStrings() throws -> [String] {
        guard let part = sharedStringsPart, let bytes = try self.part(part) else { return [] }
        let collector = XLSXSharedStringCollector()
        try XMLSAXParser.parse(bytes: bytes, path: path + ":" + part, handler: collector)
        return collector.strings
    }

    /// Streams the rows of a sheet part: 1-based row number and cells by 0-based column
    /// (nil where the sheet has no cell). `onRow` returns false to stop early.
    func readRows(part: String, sharedStrings: [String], onRow: @escaping (Int, [XLSXCell?]) throws -> Bool) throws {
        guard let bytes = try self.part(part) else {
            throw ImportError(path: path, line: 0, message: "the workbook lists \(part) but the zip does not hold it")
        }
        let collector = XLSXRowCollector(path: path, sharedStrings: sharedStrings, onRow: onRow)
        try XMLSAXParser.parse(bytes: bytes, path: path + ":" + part, handler: collector)
    }

    /// `AB12` → 27 (0-based column).
    static func columnIndex(_ reference: String) -> Int? { columnIndex(reference.utf8) }

    static func columnIndex(_ reference: some Sequence<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for u in reference {
            guard u >= 65 && u <= 90 else { break }
            index = index * 26 + Int(u - 64)
            letters += 1
        }
        return letters > 0 && letters <= 3 ? index - 1 : nil
    }

    // MARK: parts

    private static func extract(_ entry: ZipDirectory.Entry, from directory: ZipDirectory, _ bytes: [UInt8], path: String) throws -> [UInt8] {
        guard UInt64(entry.uncompressedSize) <= maxPartSize else {
            throw ImportError(path: path, line: 0, message: "\(entry.name) would decompress to \(entry.uncompressedSize) bytes: refused")
        }
        do {
            // The size in the directory can lie: the limit counts what really comes out.
            return try directory.data(entry, in: bytes, limit: Int(maxPartSize))
        } catch let damage as ZipDirectory.Damage {
            throw ImportError(path: path, line: 0, message: damage.message)
        }
    }

    private static func relationships(_ bytes: [UInt8], path: String) throws -> [(id: String, type: String, target: String)] {
        guard !bytes.isEmpty else { return [] }
        let reader = try XMLStreamReader(bytes: bytes, path: path + ":xl/_rels/workbook.xml.rels")
        var out: [(id: String, type: String, target: String)] = []
        while try reader.read() {
            if reader.nodeType == .element, reader.localName == "Relationship",
               let id = reader.attribute("Id"), let target = reader.attribute("Target") {
                out.append((id, reader.attribute("Type") ?? "", target))
            }
        }
        return out
    }

    private static func sheetList(_ bytes: [UInt8], relations: [(id: String, type: String, target: String)], path: String) throws -> [(name: String, part: String)] {
        let reader = try XMLStreamReader(bytes: bytes, path: path + ":xl/workbook.xml")
        var out: [(name: String, part: String)] = []
        var ordinal = 0
        while try reader.read() {
            guard reader.nodeType == .element, reader.localName == "sheet" else { continue }
            ordinal += 1
            let name = reader.attribute("name") ?? "Sheet\(ordinal)"
            if let rid = reader.attribute(localName: "id"), let rel = relations.first(where: { $0.id == rid }) {
                out.append((name, resolve(rel.target)))
            } else {
                // No relationships part: fall back to the conventional numbering.
                out.append((name, "xl/worksheets/sheet\(ordinal).xml"))
            }
        }
        return out
    }

    /// A relationship target relative to `xl/` (or absolute from the package root).
    static func resolve(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for component in target.split(separator: "/") {
            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else if component != "." { parts.append(component) }
        }
        return parts.joined(separator: "/")
    }
}

/// Excel numbers as decimal text, without floating point.
enum XLSXNumber {
    /// Excel keeps 15 significant digits; digits beyond are binary noise of the stored double
    /// (`548.58000000000004`). Rounds the literal to 15 significant digits, half up, on its
    /// decimal digits, and prints it plainly: `7.0000000000000007E-2` → `0.07`, `1234.5` → `1234.5`.
    static func decimalText(_ literal: String, significantDigits: Int = 15) -> String? {
        var s = Substring(CSVReader.trim(literal))
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let x = Int(s[s.index(after: e)...]) , abs(x) < 400 else { return nil }
            exponent = x
            s = s[..<e]
        }
        let pieces = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let intPart = pieces.first, pieces.count <= 2 else { return nil }
        let fracPart = pieces.count == 2 ? pieces[1] : ""
        guard !(intPart.isEmpty && fracPart.isEmpty), (intPart + fracPart).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // value = 0.d1d2d3… × 10^pointPosition
        var digits = (intPart + fracPart).map { Int($0.asciiValue! - 48) }
        var point = intPart.count + exponent
        while digits.first == 0 { digits.removeFirst(); point -= 1 }
        if digits.isEmpty { return "0" }
        if digits.count > significantDigits {
            let roundUp = digits[significantDigits] >= 5
            digits.removeSubrange(significantDigits...)
            if roundUp {
                var i = digits.count - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0); digits.removeLast(); point += 1 }
            }
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { return "0" }
        var out = negative ? "-" : ""
        if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digits.map(String.init).joined()
        } else if point >= digits.count {
            out += digits.map(String.init).joined() + String(repeating: "0", count: point - digits.count)
        } else {
            out += digits[..<point].map(String.init).joined() + "." + digits[point...].map(String.init).joined()
        }
        return out
    }

    /// An Excel date serial (days since 1899-12-30, fraction = time of day) as a wall-clock
    /// reading, rounded to the second.
    static func dateTime(serial literal: String) -> (date: CivilDate, secondOfDay: Int)? {
        guard let plain = decimalText(literal), !plain.hasPrefix("-") else { return nil }
        let pieces = plain.split(separator: ".", maxSplits: 1)
        guard let days = Int(pieces[0]), days < 2_958_466 else { return nil }
        var seconds = 0
        if pieces.count == 2 {
            let frac = String(pieces[1].prefix(12))
            let scale = Int64(pow10(frac.count))
            guard let f = Int64(frac) else { return nil }
            seconds = Int((f * 86400 + scale / 2) / scale)
        }
        var dayOffset = days
        if seconds >= 86400 { seconds -= 86400; dayOffset += 1 }
        return (CivilDate(dayNumber: excelEpoch + dayOffset), seconds)
    }

    /// Day number of 1899-12-30, serial 0 (Excel's 1900 leap-year bug is absorbed by it).
    private static let excelEpoch = CivilDate(year: 1899, month: 12, day: 30)!.dayNumber

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}
