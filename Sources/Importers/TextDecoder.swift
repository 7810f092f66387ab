#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum TextEncoding: String, Sendable {
    case utf8, utf16le, utf16be, gb18030, windows1252
}

public struct DecodingError: Error, Sendable {
    public let byteOffset: Int
    public let message: String
}

/// Turns statement bytes into UTF-8. Chinese exports labelled GBK are decoded as GB18030
/// (glibc's GBK rejects its four-byte sequences, and `¥` is one of them).
public enum TextDecoder {
    public static func decodeHead(_ bytes: [UInt8]) -> (text: String, encoding: TextEncoding) {
        // The choice `detect(_:isHead: true)` makes, except that GB18030 text is converted
        // once, the conversion being the test (every file's head is decoded on every scan).
        let encoding: TextEncoding
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16le
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16be
        } else if isValidUTF8(bytes, allowTruncatedTail: true) {
            encoding = .utf8
        } else if let text = try? iconvDecode(bytes, from: "GB18030", allowTruncatedTail: true) {
            return (text, .gb18030)
        } else {
            encoding = .windows1252
        }
        let text = (try? decode(bytes, as: encoding, allowTruncatedTail: true)) ?? String(decoding: bytes, as: UTF8.self)
        return (text, encoding)
    }

    /// BOM first; then valid UTF-8; then GB18030 if it decodes; else Windows-1252.
    public static func detect(_ bytes: [UInt8], isHead: Bool = false) -> TextEncoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16le }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16be }
        if isValidUTF8(bytes, allowTruncatedTail: isHead) { return .utf8 }
        if (try? iconvDecode(bytes, from: "GB18030", allowTruncatedTail: isHead)) != nil { return .gb18030 }
        return .windows1252
    }

    public static func decode(_ bytes: [UInt8], as encoding: TextEncoding, allowTruncatedTail: Bool = false) throws -> String {
        switch encoding {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
            return String(decoding: body, as: UTF8.self)
        case .utf16le:
            return try iconvDecode(Array(bytes.dropFirst(bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0)), from: "UTF-16LE", allowTruncatedTail: allowTruncatedTail)
        case .utf16be:
            return try iconvDecode(Array(bytes.dropFirst(bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0)), from: "UTF-16BE", allowTruncatedTail: allowTruncatedTail)
        case .gb18030:
            return try iconvDecode(bytes, from: "GB18030", allowTruncatedTail: allowTruncatedTail)
        case .windows1252:
            return try iconvDecode(bytes, from: "CP1252", allowTruncatedTail: allowTruncatedTail)
        }
    }

    /// Decodes a whole file, choosing the encoding by content; returns UTF-8 bytes.
    /// Same choice as `detect`, but GB18030 text is converted once: the conversion is the test.
    public static func decodeToUTF8(_ bytes: [UInt8]) throws -> (bytes: [UInt8], encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes[3...]), .utf8) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding = detect(bytes)
            return (Array(try decode(bytes, as: encoding).utf8), encoding)
        }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        if let gb = try? iconvDecodeBytes(bytes, from: "GB18030", allowTruncatedTail: false) { return (gb, .gb18030) }
        return (Array(try decode(bytes, as: .windows1252).utf8), .windows1252)
    }

    public static func isValidUTF8(_ bytes: [UInt8], allowTruncatedTail: Bool = false) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0 && b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 && b <= 0xF4 { len = 4 }
            else { return false }
            if i + len > n { return allowTruncatedTail }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    /// iconv to UTF-8. A bad byte throws with its offset; a sequence cut at the end is
    /// dropped only when `allowTruncatedTail` (a head sample cut mid-character).
    public static func iconvDecode(_ bytes: [UInt8], from charset: String, allowTruncatedTail: Bool) throws -> String {
        String(decoding: try iconvDecodeBytes(bytes, from: charset, allowTruncatedTail: allowTruncatedTail), as: UTF8.self)
    }

    /// `iconvDecode` as UTF-8 bytes, without building a String.
    public static func iconvDecodeBytes(_ bytes: [UInt8], from charset: String, allowTruncatedTail: Bool) throws -> [UInt8] {
        // Text that is ASCII and two-byte codes converts without iconv's per-character cost;
        // anything the fast path does not take is converted by iconv as before.
        if charset == "GB18030", let fast = GB18030Decoder.decode(bytes) { return fast }
        // UTF-8 takes at most three bytes per input byte (a Windows-1252 `€`); GB18030 and
        // UTF-16 at most two. The output is not zero-filled first: iconv writes every byte kept.
        var capacity = bytes.count * 2 + 16
        while true {
            if let decoded = try iconvDecodeBytes(bytes, from: charset, allowTruncatedTail: allowTruncatedTail, capacity: capacity) {
                return decoded
            }
            capacity *= 2
        }
    }

    /// One conversion into `capacity` bytes; nil when they are not enough.
    private static func iconvDecodeBytes(_ bytes: [UInt8], from charset: String, allowTruncatedTail: Bool, capacity: Int) throws -> [UInt8]? {
        let cd = iconv_open("UTF-8", charset)
        guard cd != iconv_t(bitPattern: -1) else {
            throw DecodingError(byteOffset: 0, message: "iconv cannot decode \(charset)")
        }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return [] }
        var tooSmall = false
        let output = try [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, produced in
            produced = 0
            // iconv only reads the input; its C signature just is not const.
            try bytes.withUnsafeBufferPointer { inBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                produced = outBuf.count - outLeft
                if result != -1 { return }
                let err = errno
                if err == E2BIG {
                    tooSmall = true
                } else if err == EINVAL {
                    if allowTruncatedTail { return }
                    throw DecodingError(byteOffset: inBuf.count - inLeft, message: "\(charset) text ends inside a character")
                } else {
                    throw DecodingError(byteOffset: inBuf.count - inLeft, message: "byte not valid in \(charset)")
                }
            }
        }
        return tooSmall ? nil : output
    }
}
