/// US ACH descriptions name the originating company as `PPD ID: 1111111111` (consumer
/// debit), `WEB ID: …` (internet-authorised), `CCD ID: …`, `TEL ID: …`. That id stays the same
/// across charges of one biller even when the printed name drifts, so it is a payee id.
public enum ACHCompanyID {
    static let classes: [String] = ["PPD", "WEB", "CCD", "TEL", "ARC", "BOC", "POP", "IAT", "CIE"]

    /// The company id after `XXX ID:` in `text`, or nil.
    public static func find(in text: String) -> String? {
        guard text.contains("ID:") || text.contains("ID :") || text.lowercased().contains("id:") else { return nil }
        let u = Array(text.utf8)
        var i = 0
        while i + 7 <= u.count {
            if let end = matchPrefix(u, at: i) {
                var j = end
                while j < u.count, u[j] == 0x20 || u[j] == 0x09 { j += 1 }
                let start = j
                while j < u.count, isAlnum(u[j]) { j += 1 }
                if j > start { return String(decoding: u[start..<j], as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// When `XXX ID:` (any case, optional space before the colon) starts at `i` and `XXX` is a
    /// word on its own, the index after the colon.
    private static func matchPrefix(_ u: [UInt8], at i: Int) -> Int? {
        if i > 0, isAlnum(u[i - 1]) { return nil }
        let cls = String(decoding: u[i..<(i + 3)].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        guard classes.contains(cls), u[i + 3] == 0x20 else { return nil }
        var j = i + 4
        guard j + 2 <= u.count, u[j] | 0x20 == UInt8(ascii: "i"), u[j + 1] | 0x20 == UInt8(ascii: "d") else { return nil }
        j += 2
        while j < u.count, u[j] == 0x20 { j += 1 }
        guard j < u.count, u[j] == UInt8(ascii: ":") else { return nil }
        return j + 1
    }

    @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
