/// Turns an OFX file into UTF-8 bytes, honouring the header where it can be trusted.
///
/// Order: a UTF-16 byte-order mark wins; then bytes that are valid UTF-8 are read as UTF-8
/// whatever the header says (pure ASCII reads the same in every declared charset, and
/// non-ASCII that happens to be valid UTF-8 is practically never Windows-1252 text); then
/// the declared single-byte charset; then Windows-1252. `ISO-8859-1` is read as
/// Windows-1252, as browsers do: its C1 control range never holds text in real files,
/// while banks that say 8859-1 do put `€` (0x80) there. Line breaks survive decoding, so
/// line numbers stay those of the file.
enum OFXCharset {
    struct Decoded {
        var bytes: [UInt8]
        /// The charset actually used (`UTF-8`, `Windows-1252` …).
        var charset: String
        /// Set when the header named a charset the bytes do not fit.
        var note: String?
    }

    static func decode(_ raw: [UInt8], header: OFXHeader) -> Decoded {
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let encoding: TextEncoding = raw[0] == 0xFF ? .utf16le : .utf16be
            if let text = try? TextDecoder.decode(raw, as: encoding) {
                return Decoded(bytes: Array(text.utf8), charset: encoding == .utf16le ? "UTF-16LE" : "UTF-16BE")
            }
        }
        if TextDecoder.isValidUTF8(raw) {
            let body = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw[3...]) : raw
            return Decoded(bytes: body, charset: "UTF-8")
        }
        let declared = declaredCharset(header)
        if let declared, declared != "UTF-8", let text = try? TextDecoder.iconvDecode(raw, from: declared, allowTruncatedTail: false) {
            return Decoded(bytes: Array(text.utf8), charset: declared)
        }
        let note = declared == "UTF-8" || declared == nil
            ? "header declares \(declaredLabel(header)) but the bytes are not UTF-8: read as Windows-1252"
            : "bytes are not valid \(declared!): read as Windows-1252"
        if let text = try? TextDecoder.iconvDecode(raw, from: "CP1252", allowTruncatedTail: false) {
            return Decoded(bytes: Array(text.utf8), charset: "Windows-1252", note: note)
        }
        // Five bytes are undefined in Windows-1252; ISO-8859-1 maps every byte.
        let text = (try? TextDecoder.iconvDecode(raw, from: "ISO-8859-1", allowTruncatedTail: false)) ?? String(decoding: raw, as: UTF8.self)
        return Decoded(bytes: Array(text.utf8), charset: "ISO-8859-1", note: note)
    }

    /// The iconv name for what the header declares, or nil when it declares nothing useful.
    static func declaredCharset(_ header: OFXHeader) -> String? {
        let charset = (header.charset ?? "").uppercased()
        let encoding = (header.encoding ?? "").uppercased()
        switch charset {
        case "1252", "WINDOWS-1252", "CP1252", "ISO-8859-1", "ISO8859-1", "8859-1", "LATIN1", "LATIN-1": return "CP1252"
        case "", "NONE": break
        default:
            if charset.hasPrefix("ISO-8859-") || charset.hasPrefix("WINDOWS-") { return charset }
            if let digits = Int(charset), digits >= 1250, digits <= 1258 { return "CP\(digits)" }
        }
        switch encoding {
        case "UTF-8", "UTF8", "UNICODE": return "UTF-8"
        case "ISO-8859-1", "LATIN1", "WINDOWS-1252", "CP1252": return "CP1252"
        default: return nil
        }
    }

    private static func declaredLabel(_ header: OFXHeader) -> String {
        let parts = [header.encoding.map { "ENCODING \($0)" }, header.charset.map { "CHARSET \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "no charset" : parts.joined(separator: ", ")
    }
}
