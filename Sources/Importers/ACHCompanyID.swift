/// US ACH descriptions name the originating company as `PPD ID: 1111111111` (consumer
/// debit), `WEB ID: …` (internet-authorised), `CCD ID: …`, `TEL ID: …`. That id stays the same
/// across charges of one biller even when the printed name drifts, so it is a payee id.
public enum ACHCompanyID {
    static let classes: Set<String> = ["PPD", "WEB", "CCD", "TEL", "ARC", "BOC", "POP", "IAT", "CIE"]

    /// The company id after `XXX ID:` in `text`, or nil.
    public static func find(in text: String) -> String? {
        var text = text
        return text.withUTF8 { u -> String? in
            // Anchor on each `:` and look back for `XXX ID` (cheap: most texts have no colon).
            var i = 0
            while i < u.count {
                if u[i] == UInt8(ascii: ":"), let start = classStart(u, colon: i) , classes.contains(upper3(u, start)) {
                    var j = i + 1
                    while j < u.count, u[j] == 0x20 || u[j] == 0x09 { j += 1 }
                    let idStart = j
                    while j < u.count, isAlnum(u[j]) { j += 1 }
                    if j > idStart { return String(decoding: UnsafeBufferPointer(rebasing: u[idStart..<j]), as: UTF8.self) }
                }
                i += 1
            }
            return nil
        }
    }

    /// For a colon at `colon` preceded by `XXX ID` (optional spaces before the colon, `XXX` a
    /// word of its own), the index of `XXX`.
    private static func classStart(_ u: UnsafeBufferPointer<UInt8>, colon: Int) -> Int? {
        var j = colon - 1
        while j >= 0, u[j] == 0x20 { j -= 1 }
        guard j >= 5, u[j] | 0x20 == UInt8(ascii: "d"), u[j - 1] | 0x20 == UInt8(ascii: "i"), u[j - 2] == 0x20 else { return nil }
        let start = j - 5
        if start > 0, isAlnum(u[start - 1]) { return nil }
        return start
    }

    private static func upper3(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
        String(decoding: [u[i], u[i + 1], u[i + 2]].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
