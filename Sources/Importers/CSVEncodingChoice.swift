/// Decodes a CSV to UTF-8 bytes by the profile's `encoding`, or by content when it has none.
///
/// By content: a BOM decides; then NUL-rich text is UTF-16; then valid UTF-8; then GB18030
/// unless the result looks like Latin text read wrongly (a European file in Windows-1252
/// often also decodes as GB18030, into `Ums鋞ze`: CJK characters wedged between ASCII
/// letters, which real Chinese text does not do); else Windows-1252. ISO-8859-1 is read as
/// Windows-1252: they differ only in the C1 range, which holds no text in real files.
enum CSVEncodingChoice {
    struct Failure: Error {
        let byteOffset: Int
        let message: String
    }

    static let supported = ["utf-8", "utf8", "gb18030", "gbk", "windows-1252", "cp1252", "iso-8859-1", "latin1", "utf-16", "utf-16le", "utf-16be"]

    static func decode(_ bytes: [UInt8], declared: String?) throws -> (bytes: [UInt8], encoding: String) {
        guard let declared else { return try detect(bytes) }
        switch declared.lowercased() {
        case "utf-8", "utf8":
            return (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes, "UTF-8")
        case "gb18030", "gbk":
            return (Array(try iconv(bytes, "GB18030").utf8), "GB18030")
        case "windows-1252", "cp1252", "iso-8859-1", "latin1":
            return (Array(singleByte(bytes).utf8), "Windows-1252")
        case "utf-16", "utf-16le", "utf-16be":
            let big = bytes.starts(with: [0xFE, 0xFF]) || declared.lowercased() == "utf-16be"
            return (Array(try utf16(bytes, bigEndian: big).utf8), big ? "UTF-16BE" : "UTF-16LE")
        default:
            throw Failure(byteOffset: 0, message: "encoding \"\(declared)\" is not one of \(supported.joined(separator: ", "))")
        }
    }

    private static func detect(_ bytes: [UInt8]) throws -> (bytes: [UInt8], encoding: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes[3...]), "UTF-8") }
        if bytes.starts(with: [0xFF, 0xFE]) { return (Array(try utf16(bytes, bigEndian: false).utf8), "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (Array(try utf16(bytes, bigEndian: true).utf8), "UTF-16BE") }
        if let unicode = utf16WithoutBOM(bytes) { return unicode }
        if TextDecoder.isValidUTF8(bytes) { return (bytes, "UTF-8") }
        if let chinese = try? iconv(bytes, "GB18030"), !looksLikeMisreadLatin(chinese) {
            return (Array(chinese.utf8), "GB18030")
        }
        return (Array(singleByte(bytes).utf8), "Windows-1252")
    }

    /// ASCII text in UTF-16 has a NUL in every other byte.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: String)? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 8 else { return nil }
        var evenNUL = 0, oddNUL = 0
        for (k, b) in sample.enumerated() where b == 0 { if k % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 } }
        let half = sample.count / 2
        if oddNUL * 10 > half * 6, evenNUL * 10 < half, let t = try? TextDecoder.decode(bytes, as: .utf16le) { return (Array(t.utf8), "UTF-16LE") }
        if evenNUL * 10 > half * 6, oddNUL * 10 < half, let t = try? TextDecoder.decode(bytes, as: .utf16be) { return (Array(t.utf8), "UTF-16BE") }
        return nil
    }

    static func looksLikeMisreadLatin(_ text: String) -> Bool {
        var wedged = 0, nonASCII = 0
        var previous: Unicode.Scalar = " "
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let c = current {
            let next = scalars.next()
            if !c.isASCII {
                nonASCII += 1
                if isASCIILetter(previous), let nx = next, isASCIILetter(nx) { wedged += 1 }
            }
            previous = c
            current = next
        }
        return nonASCII > 0 && wedged * 3 >= nonASCII
    }

    @inline(__always) private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A
    }

    private static func singleByte(_ bytes: [UInt8]) -> String {
        (try? TextDecoder.iconvDecode(bytes, from: "CP1252", allowTruncatedTail: false))
            ?? (try? TextDecoder.iconvDecode(bytes, from: "ISO-8859-1", allowTruncatedTail: false))
            ?? String(decoding: bytes, as: UTF8.self)
    }

    /// A bad surrogate is a Failure with its offset, like any other undecodable byte, so the
    /// importer can name its line (a bare DecodingError reached the scan without one).
    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) throws -> String {
        do { return try TextDecoder.decode(bytes, as: bigEndian ? .utf16be : .utf16le) }
        catch let e as DecodingError { throw Failure(byteOffset: e.byteOffset, message: e.message) }
    }

    private static func iconv(_ bytes: [UInt8], _ charset: String) throws -> String {
        do { return try TextDecoder.iconvDecode(bytes, from: charset, allowTruncatedTail: false) }
        catch let e as DecodingError { throw Failure(byteOffset: e.byteOffset, message: e.message) }
    }

    /// 1-based line of a byte offset in the raw file.
    static func line(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { line += 1 }
        return line
    }
}
