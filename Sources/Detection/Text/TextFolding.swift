/// Width and case folding for comparing merchant names the way people read them:
/// `ＮＥＴＦＬＩＸ` and `netflix` are one name. Only full-width ASCII (U+FF01–U+FF5E) and the
/// ideographic space are folded; CJK characters are left as they are.
enum TextFolding {
    static func fold(_ text: String) -> String {
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

    /// `fold` without spaces, for "contains" matching that ignores spacing.
    static func compact(_ text: String) -> String {
        String(fold(text).unicodeScalars.filter { $0 != " " }.map(Character.init))
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
