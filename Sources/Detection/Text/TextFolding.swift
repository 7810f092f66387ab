/// Width and case folding for comparing merchant names the way people read them:
/// `ＮＥＴＦＬＩＸ` and `netflix` are one name. Only full-width ASCII (U+FF01–U+FF5E) and the
/// ideographic space are folded; CJK characters are left as they are.
enum TextFolding {
    static func fold(_ text: String) -> String {
        if let bytes = foldedBytes(text, dropSpaces: false, dropDigits: false) { return String(decoding: bytes, as: UTF8.self) }
        return slowFold(text)
    }

    /// `fold` without spaces, for "contains" matching that ignores spacing.
    static func compact(_ text: String) -> String {
        if let bytes = foldedBytes(text, dropSpaces: true, dropDigits: false) { return String(decoding: bytes, as: UTF8.self) }
        return String(slowFold(text).unicodeScalars.filter { $0 != " " }.map(Character.init))
    }

    /// `compact` as UTF-8 bytes.
    static func compactBytes(_ text: String) -> [UInt8] {
        foldedBytes(text, dropSpaces: true, dropDigits: false) ?? Array(compact(text).utf8)
    }

    /// `compact` without ASCII digits (product texts carry renewal periods and dates).
    static func compactWithoutDigits(_ text: String) -> String {
        if let bytes = foldedBytes(text, dropSpaces: true, dropDigits: true) { return String(decoding: bytes, as: UTF8.self) }
        return String(compact(text).unicodeScalars.filter { !isDigit($0) }.map(Character.init))
    }

    /// The folded text as UTF-8 bytes, scalar by scalar, for the texts detection meets on every
    /// row: nil when a scalar beyond ASCII has a lowercase form (Ä, Σ …), which is left to the
    /// standard library's full case mapping (`slowFold`). Same result, without building a
    /// String per step or breaking the text into Characters.
    private static func foldedBytes(_ text: String, dropSpaces: Bool, dropDigits: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            var v = s.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 || v == 0x00A0 || v == 0x09 { v = 0x20 }
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
                if dropSpaces && v == 0x20 { continue }
                if dropDigits && v >= 0x30 && v <= 0x39 { continue }
                out.append(UInt8(v))
                continue
            }
            if s.properties.changesWhenLowercased { return nil }
            UTF8.encode(s) { out.append($0) }
        }
        return out
    }

    static func slowFold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value >= 0xFF01 && s.value <= 0xFF5E, let ascii = Unicode.Scalar(s.value - 0xFEE0) {
                scalars.append(ascii)
            } else if s.value == 0x3000 || s.value == 0x00A0 || s == "\t" {
                scalars.append(" ")
            } else {
                scalars.append(s)
            }
        }
        return String(scalars).lowercased()
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
    }

    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 97 && s.value <= 122) || (s.value >= 65 && s.value <= 90)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// Letters, digits and CJK: what a merchant key is made of.
    static func isKeyScalar(_ s: Unicode.Scalar) -> Bool {
        isASCIILetter(s) || isDigit(s) || isHan(s) || (s.value > 0x7F && s.properties.isAlphabetic)
    }
}
