/// Escaping for untrusted text (merchant names, products, memos, raw rows) placed in Markdown
/// that pandoc, GitHub and browsers render: it must come out as literal text, never as HTML,
/// a link, an image, emphasis, a table cell break, math, a citation or a heading.
enum MarkdownText {
    /// ASCII punctuation with a meaning in CommonMark or pandoc's Markdown inside a line.
    /// `&` too, so that `&lt;` in a merchant name stays literal.
    private static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "!", "|", "~", "^", "$", "@", "&"]
    /// Characters that only matter at the start of a line (lists, quotes, definition lists).
    private static let leading: Set<Unicode.Scalar> = ["-", "+", "=", ":", "%"]

    /// One-line literal text: line breaks and control characters become spaces, bidi controls
    /// (which can reorder what a reader sees) become U+FFFD, specials are backslash-escaped.
    /// Works on scalars, not Characters: every character that matters is one scalar, and a
    /// report of hundreds of findings escapes tens of thousands of cells.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var count = 0
        var lastIsSpace = false
        var inLeadingDigits = true
        func append(_ scalar: Unicode.Scalar) {
            out.append(scalar)
            count += 1
            lastIsSpace = scalar == " "
        }
        for (index, ch) in scalars.enumerated() {
            if let replacement = flattened(ch) {
                inLeadingDigits = false
                if replacement == " " && (lastIsSpace || count == 0) { continue }
                append(replacement); continue
            }
            let atStart = count == 0
            if special.contains(ch) || (atStart && leading.contains(ch)) {
                append("\\")
            } else if inLeadingDigits && !atStart && (ch == "." || ch == ")")
                        && (index + 1 == scalars.count || scalars[index + 1] == " ") {
                append("\\") // `1. ` at the start would open an ordered list
            }
            if !("0"..."9").contains(ch) { inLeadingDigits = false }
            append(ch)
        }
        var result = String(out)
        while result.utf8.last == UInt8(ascii: " ") { result.removeLast() }
        return result
    }

    /// nil when `scalar` is kept; otherwise what it becomes.
    private static func flattened(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return " "
        case 0x00...0x1F, 0x7F...0x9F: return " "
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "\u{FFFD}"
        default: return nil
        }
    }

    /// A fenced code block holding `text` verbatim: the fence is longer than any backtick run
    /// inside, and control characters other than line breaks and tabs are dropped.
    static func codeBlock(_ text: String) -> String {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: cleaned.unicodeScalars.append(scalar)
            case 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: cleaned.unicodeScalars.append("\u{FFFD}")
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        while cleaned.hasSuffix("\n") { cleaned.removeLast() }
        var longest = 0
        var run = 0
        for ch in cleaned {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "\n" + cleaned + "\n" + fence
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
