import Foundation
import Ledger

/// Appends a `[[cancellation]]` table to a config file as text, so the user's comments,
/// ordering and layout stay exactly as they were (re-serialising through TOMLKit would lose them).
public enum CancellationAppender {
    public struct Entry: Sendable {
        public var merchant: String
        public var date: CivilDate
        public var reference: String?
        public var channel: String?
        public var evidence: [String]
        public var note: String?

        public init(merchant: String, date: CivilDate, reference: String? = nil, channel: String? = nil, evidence: [String] = [], note: String? = nil) {
            self.merchant = merchant; self.date = date; self.reference = reference; self.channel = channel
            self.evidence = evidence; self.note = note
        }
    }

    /// The TOML block for one cancellation.
    public static func block(_ e: Entry) -> String {
        var lines = ["[[cancellation]]", "merchant = \(quote(e.merchant))", "date = \(e.date)"]
        if let r = e.reference { lines.append("reference = \(quote(r))") }
        if let c = e.channel { lines.append("channel = \(quote(c))") }
        if !e.evidence.isEmpty { lines.append("evidence = [" + e.evidence.map(quote).joined(separator: ", ") + "]") }
        if let n = e.note { lines.append("note = \(quote(n))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `existing` with the block appended after one blank line; the result is checked by
    /// parsing it before it is returned, so a bad value never reaches the file.
    public static func append(_ e: Entry, to existing: String, file: String) throws -> String {
        var text = existing
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" }
        text += block(e)
        _ = try ConfigLoader.parse(text, file: file)
        return text
    }

    /// A TOML basic string with every character that needs it escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
