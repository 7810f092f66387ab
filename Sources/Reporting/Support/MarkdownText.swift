/// Escaping for untrusted text (merchant names, products, memos, raw rows) placed in Markdown
/// that pandoc, GitHub and browsers render: it must come out as literal text, never as HTML,
/// a link, an image, emphasis, a table cell break, math, a citation or a heading.
enum MarkdownText {
    /// ASCII punctuation with a meaning in CommonMark or pandoc's Markdown inside a line.
    /// `&` too, so that `&lt;` in a merchant name stays literal.
    private static let special = asciiTable("\\`*_{}[]<>#!|~^$@&")
    /// Characters that only matter at the start of a line (lists, quotes, definition lists).
    private static let leading = asciiTable("-+=:%")

    private static func asciiTable(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for byte in characters.utf8 { table[Int(byte)] = true }
        return table
    }

    /// One-line literal text: line breaks and control characters become spaces, bidi controls
    /// (which can reorder what a reader sees) become U+FFFD, specials are backslash-escaped.
    /// Works on scalars written out as UTF-8 bytes, not on Characters: every character that
    /// matters is one scalar, and a report of hundreds of findings escapes tens of thousands
    /// of cells.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var lastIsSpace = false
        var inLeadingDigits = true
        for (index, ch) in scalars.enumerated() {
            if let replacement = flattened(ch) {
                inLeadingDigits = false
                if replacement == " " && (lastIsSpace || out.isEmpty) { continue }
                appendUTF8(replacement, to: &out)
                lastIsSpace = replacement == " "
                continue
            }
            let atStart = out.isEmpty
            let value = ch.value
            if value < 128 && (special[Int(value)] || (atStart && leading[Int(value)])) {
                out.append(UInt8(ascii: "\\"))
            } else if inLeadingDigits && !atStart && (ch == "." || ch == ")")
                        && (index + 1 == scalars.count || scalars[index + 1] == " ") {
                out.append(UInt8(ascii: "\\")) // `1. ` at the start would open an ordered list
            }
            if !(0x30...0x39).contains(value) { inLeadingDigits = false }
            appendUTF8(ch, to: &out)
            lastIsSpace = ch == " "
        }
        while out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    /// nil when `scalar` is kept; otherwise what it becomes.
    private static func flattened(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x20...0x7E: return nil
        case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return " "
        case 0x00...0x1F, 0x7F...0x9F: return " "
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "\u{FFFD}"
        default: return nil
        }
    }

    /// A fenced code block holding `text` verbatim: the fence is longer than any backtick run
    /// inside, and control characters other than line breaks and tabs are dropped.
    static func codeBlock(_ text: String) -> String {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(text.utf8.count)
        var longest = 0
        var run = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0x0A, 0x09: appendUTF8(scalar, to: &cleaned)
            case 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: appendUTF8("\u{FFFD}", to: &cleaned)
            default: appendUTF8(scalar, to: &cleaned)
            }
        }
        while cleaned.last == UInt8(ascii: "\n") { cleaned.removeLast() }
        for byte in cleaned {
            if byte == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "\n" + String(decoding: cleaned, as: UTF8.self) + "\n" + fence
    }

    /// A pipe-table row from already-escaped cells.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
    }

    /// A pipe-table header; `widths` are relative column widths, written as dash counts
    /// (pandoc turns them into column percentages when lines are long).
    static func header(_ titles: [String], widths: [Int], rightAligned: Set<Int> = []) -> String {
        let separator = widths.enumerated().map { index, width in
            let dashes = String(repeating: "-", count: max(3, width))
            return rightAligned.contains(index) ? dashes + ":" : dashes
        }
        return row(titles) + "\n|" + separator.joined(separator: "|") + "|"
    }
}
