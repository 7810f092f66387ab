/// What the lines before `<OFX>` say: 1.x `KEY:VALUE` lines, 2.x `<?xml …?><?OFX …?>`
/// processing instructions, or nothing at all (bodies saved without a header).
public struct OFXHeader: Sendable, Equatable {
    public enum Style: String, Sendable {
        /// `OFXHEADER:100` … (1.x, SGML body; QFX and QBO too).
        case keyValue
        /// `<?OFX OFXHEADER="200" …?>` (2.x; the body may still be SGML: a hybrid).
        case processingInstruction
        /// The file starts at `<OFX>`.
        case none
    }

    public var style: Style
    /// `VERSION` (`102`, `211` …), when given.
    public var version: String?
    /// `ENCODING` (`USASCII`, `UTF-8`, `UNICODE`) or the XML declaration's `encoding`.
    public var encoding: String?
    /// `CHARSET` (`1252`, `ISO-8859-1`, `NONE`).
    public var charset: String?
    /// Byte offset where the body (the first `<` after the header) starts.
    public var bodyStart: Int

    /// Reads the header of `bytes`. Leading blank lines and a UTF-8 byte-order mark are
    /// allowed before it (ofxparse's `ofx-v102-empty-tags.ofx` has twelve blank lines).
    public static func parse(_ bytes: [UInt8]) -> OFXHeader {
        var i = 0
        let n = bytes.count
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < n, isSpace(bytes[i]) { i += 1 }
        if startsCaseInsensitive(bytes, at: i, with: "OFXHEADER") {
            return parseKeyValue(bytes, from: i)
        }
        if i < n, bytes[i] == UInt8(ascii: "<"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "?") {
            return parseInstructions(bytes, from: i)
        }
        while i < n, bytes[i] != UInt8(ascii: "<") { i += 1 }
        return OFXHeader(style: .none, bodyStart: i)
    }

    private static func parseKeyValue(_ bytes: [UInt8], from start: Int) -> OFXHeader {
        var header = OFXHeader(style: .keyValue, bodyStart: bytes.count)
        var i = start
        let n = bytes.count
        while i < n {
            // One header line: KEY:VALUE up to the line end or the first `<` (some writers
            // put `<OFX>` right after the last header line without a break).
            while i < n, isSpace(bytes[i]) { i += 1 }
            if i >= n || bytes[i] == UInt8(ascii: "<") { break }
            var j = i
            while j < n, bytes[j] != 0x0A, bytes[j] != 0x0D, bytes[j] != UInt8(ascii: "<") { j += 1 }
            if let colon = bytes[i..<j].firstIndex(of: UInt8(ascii: ":")) {
                let key = asciiUpper(bytes[i..<colon])
                let value = trimSpaces(String(decoding: bytes[(colon + 1)..<j], as: UTF8.self))
                switch key {
                case "VERSION": header.version = value
                case "ENCODING": header.encoding = value
                case "CHARSET": header.charset = value
                default: break
                }
            }
            i = j
        }
        header.bodyStart = i
        return header
    }

    private static func parseInstructions(_ bytes: [UInt8], from start: Int) -> OFXHeader {
        var header = OFXHeader(style: .none, bodyStart: start)
        var i = start
        let n = bytes.count
        while i + 1 < n, bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "?") {
            var j = i + 2
            while j + 1 < n, !(bytes[j] == UInt8(ascii: "?") && bytes[j + 1] == UInt8(ascii: ">")) { j += 1 }
            let body = bytes[(i + 2)..<min(j, n)]
            let target = asciiUpper(body.prefix(while: { !isSpace($0) }))
            let attributes = attributePairs(body)
            if target == "XML", let enc = attributes["ENCODING"] { header.encoding = enc }
            if target == "OFX" {
                header.style = .processingInstruction
                header.version = attributes["VERSION"]
            }
            i = min(j + 2, n)
            while i < n, isSpace(bytes[i]) { i += 1 }
        }
        header.bodyStart = i
        return header
    }

    /// `KEY="value"` pairs of a processing instruction, keys upper-cased.
    private static func attributePairs(_ body: ArraySlice<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            while i < end, !isNameByte(body[i]) { i += 1 }
            let keyStart = i
            while i < end, isNameByte(body[i]) { i += 1 }
            let key = asciiUpper(body[keyStart..<i])
            while i < end, isSpace(body[i]) { i += 1 }
            guard i < end, body[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < end, isSpace(body[i]) { i += 1 }
            guard i < end, body[i] == UInt8(ascii: "\"") || body[i] == UInt8(ascii: "'") else { continue }
            let quote = body[i]
            i += 1
            let valueStart = i
            while i < end, body[i] != quote { i += 1 }
            result[key] = String(decoding: body[valueStart..<i], as: UTF8.self)
            i += 1
        }
        return result
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0 }

    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x5F || b == 0x2D
    }

    static func asciiUpper(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    static func startsCaseInsensitive(_ bytes: [UInt8], at i: Int, with word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let w = word.utf8Start
        for k in 0..<count {
            var b = bytes[i + k]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            if b != w[k] { return false }
        }
        return true
    }
}

extension OFXHeader {
    /// `text` without leading and trailing ASCII spaces, tabs and line ends.
    static func trimSpaces(_ text: String) -> String {
        let u = Array(text.utf8)
        var lo = 0, hi = u.count
        while lo < hi, isSpace(u[lo]) { lo += 1 }
        while hi > lo, isSpace(u[hi - 1]) { hi -= 1 }
        return lo == 0 && hi == u.count ? text : String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
