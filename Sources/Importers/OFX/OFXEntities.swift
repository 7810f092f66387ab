/// Character references in OFX text. SGML bodies often carry a bare `&` (`GROCER A & Z`),
/// which stays as it is; some writers escape twice (`&amp;lt;` for `<`), which is undone.
enum OFXEntities {
    /// Appends `text` to `out` with `&amp; &lt; &gt; &quot; &apos; &nbsp; &#NN; &#xNN;` decoded.
    static func decode(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard text.contains(UInt8(ascii: "&")) else { out.append(contentsOf: text); return }
        var once: [UInt8] = []
        once.reserveCapacity(text.count)
        let escapedAmpersand = decodeOnce(text, into: &once)
        if escapedAmpersand && once.contains(UInt8(ascii: "&")) {
            _ = decodeOnce(once[...], into: &out)
        } else {
            out.append(contentsOf: once)
        }
    }

    /// One pass; returns whether an `&amp;` was decoded (a sign of double escaping).
    private static func decodeOnce(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        var sawAmp = false
        var i = text.startIndex
        let end = text.endIndex
        while i < end {
            let b = text[i]
            guard b == UInt8(ascii: "&") else { out.append(b); i += 1; continue }
            // An entity name is at most a few characters; look for `;` close by.
            var j = i + 1
            while j < end, j - i <= 10, text[j] != UInt8(ascii: ";"), text[j] != UInt8(ascii: "&"), !OFXHeader.isSpace(text[j]) { j += 1 }
            guard j < end, text[j] == UInt8(ascii: ";"), j > i + 1 else { out.append(b); i += 1; continue }
            let name = text[(i + 1)..<j]
            if let scalar = resolve(name) {
                if scalar == "&" { sawAmp = true }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i = j + 1
            } else {
                out.append(b); i += 1
            }
        }
        return sawAmp
    }

    private static func resolve(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        if name.first == UInt8(ascii: "#") {
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if let x = digits.first, x == UInt8(ascii: "x") || x == UInt8(ascii: "X") { radix = 16; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 8 else { return nil }
            var value: UInt32 = 0
            for d in digits {
                let v: UInt32
                switch d {
                case 0x30...0x39: v = UInt32(d - 0x30)
                case 0x61...0x66 where radix == 16: v = UInt32(d - 0x61 + 10)
                case 0x41...0x46 where radix == 16: v = UInt32(d - 0x41 + 10)
                default: return nil
                }
                value = value * radix + v
            }
            guard value != 0 else { return nil }
            return Unicode.Scalar(value)
        }
        switch String(decoding: name, as: UTF8.self).lowercased() {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        default: return nil
        }
    }
}
