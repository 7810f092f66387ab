/// What a bank transaction code and the remittance text say about SEPA direct debits.
enum SEPADirectDebitSignals {
    /// ISO families for direct debits: received (`RDDT`, the debtor's side) and issued (`IDDT`).
    static let directDebitFamilies: Set<String> = ["RDDT", "IDDT"]
    /// Sub-families: SEPA core, B2B, other; unpaid (return) and reversal.
    static let directDebitSubFamilies: Set<String> = ["ESDD", "BBDD", "OODD", "UPDD", "PRDD"]
    static let returnSubFamilies: Set<String> = ["UPDD", "PRDD"]
    /// German DK/ZKA business-transaction codes (GVC, second part of `NDDT+105+…`) for SEPA
    /// direct debits (104/105/107 debits, 171/174 collections) and their returns
    /// (108/109 debtor side, 181/184 creditor side). Extend from real exports as they appear.
    static let directDebitGVCs: Set<String> = ["104", "105", "107", "171", "174"]
    static let returnGVCs: Set<String> = ["108", "109", "181", "184"]

    static func isDirectDebit(_ code: CamtBankCode) -> Bool {
        if let f = code.family, directDebitFamilies.contains(f.uppercased()) { return true }
        if let s = code.subFamily, directDebitSubFamilies.contains(s.uppercased()) { return true }
        guard let p = proprietary(code) else { return false }
        return p.swiftType == "NDDT" || directDebitGVCs.contains(p.gvc) || returnGVCs.contains(p.gvc)
    }

    static func isReturn(_ code: CamtBankCode) -> Bool {
        if let s = code.subFamily, returnSubFamilies.contains(s.uppercased()) { return true }
        guard let p = proprietary(code) else { return false }
        return returnGVCs.contains(p.gvc)
    }

    /// `NDDT+105+9200+992` → (`NDDT`, `105`); a bare `105` → (``, `105`).
    static func proprietary(_ code: CamtBankCode) -> (swiftType: String, gvc: String)? {
        guard let raw = code.proprietary?.uppercased(), !raw.isEmpty else { return nil }
        let parts = raw.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        if parts[0].allSatisfy(\.isNumber) { return ("", parts[0]) }
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    static func paymentMethod(_ code: CamtBankCode, directDebit: Bool) -> String {
        if directDebit {
            switch code.subFamily?.uppercased() {
            case "ESDD": return "SEPA direct debit (core)"
            case "BBDD": return "SEPA direct debit (B2B)"
            default: return "direct debit"
            }
        }
        switch code.family?.uppercased() {
        case "CCRD", "DCRD", "POSD": return "card"
        case "ICDT", "RCDT": return "credit transfer"
        case "CNTR": return "cash"
        default: return ""
        }
    }

    // MARK: identifiers in free text

    /// Labels compared ignoring ASCII case; `Ä` is listed in both cases.
    private static let creditorLabels = labels(["CRED:", "CRED+", "GLAEUBIGER-ID", "GLÄUBIGER-ID", "GLäUBIGER-ID", "GLAEUBIGER ID",
                                                "GLÄUBIGER ID", "GLäUBIGER ID", "GLAEUBIGERID", "GLÄUBIGERID", "GLäUBIGERID",
                                                "CREDITOR ID", "CREDITOR-ID"])
    private static let mandateLabels = labels(["MREF:", "MREF+", "MANDATSREFERENZ", "MANDATSREF", "MANDATE REFERENCE"])

    private static func labels(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8).map(foldASCII) } }

    /// A SEPA creditor identifier after a label (`CRED: DE79ZZZ00000000584`,
    /// `Glaeubiger-ID: DE98ZZZ09999999999`): two letters, two check digits, then 4–31 letters
    /// or digits.
    static func creditorID(inText text: String) -> String? {
        token(after: creditorLabels, in: text, allowed: { $0.isASCII && ($0.isLetter || $0.isNumber) })
            .flatMap { looksLikeCreditorID($0) ? $0 : nil }
    }

    /// A mandate reference after `MREF:` / `Mandatsreferenz:` (letters, digits and `+?/-:().,'`).
    static func mandateID(inText text: String) -> String? {
        token(after: mandateLabels, in: text, allowed: { $0.isASCII && !$0.isWhitespace })
    }

    static func looksLikeCreditorID(_ id: String) -> Bool {
        let c = Array(id.uppercased())
        guard c.count >= 8, c.count <= 35, c[0].isLetter, c[1].isLetter, c[2].isNumber, c[3].isNumber else { return false }
        return c.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Upper-cased, without spaces: the form creditor ids are compared in.
    static func normaliseID(_ id: String) -> String {
        let clean = id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
        return clean ? id : id.uppercased().filter { !$0.isWhitespace }
    }

    /// The text after the first label found (labels in list order): leading spaces and colons
    /// skipped, then the characters `allowed` accepts, minus trailing punctuation.
    private static func token(after labels: [[UInt8]], in text: String, allowed: (Character) -> Bool) -> String? {
        var text = text
        let ends = text.withUTF8 { firstEnds(of: labels, in: $0) }
        guard ends.contains(where: { $0 >= 0 }) else { return nil }
        let bytes = Array(text.utf8)
        for end in ends where end >= 0 {
            let rest = String(decoding: bytes[end...], as: UTF8.self)
            let value = rest.drop(while: { $0 == " " || $0 == ":" }).prefix(while: allowed)
            let trimmed = value.reversed().drop(while: { $0 == ":" || $0 == "." || $0 == "," || $0 == ";" })
            if !trimmed.isEmpty { return String(trimmed.reversed()) }
        }
        return nil
    }

    /// For each label (already folded), the end offset of its first occurrence in `bytes`
    /// ignoring ASCII case, or -1. One pass: only bytes that can start a label are tried.
    private static func firstEnds(of labels: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var ends = [Int](repeating: -1, count: labels.count)
        var starts = [Bool](repeating: false, count: 256)
        for label in labels { if let first = label.first { starts[Int(first)] = true } }
        var pending = labels.count
        var i = 0
        while i < bytes.count && pending > 0 {
            let b = foldASCII(bytes[i])
            if starts[Int(b)] {
                for (n, label) in labels.enumerated() where ends[n] < 0 && label[0] == b && i + label.count <= bytes.count {
                    var k = 1
                    while k < label.count && foldASCII(bytes[i + k]) == label[k] { k += 1 }
                    if k == label.count { ends[n] = i + k; pending -= 1 }
                }
            }
            i += 1
        }
        return ends
    }

    @inline(__always) private static func foldASCII(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
}
