/// Helpers for looking at rendered Markdown in tests.
enum MarkdownScan {
    /// The Markdown without its fenced code blocks (which hold verbatim source rows).
    static func prose(_ markdown: String) -> String {
        var out: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = fence {
                if line == open { fence = nil }
                continue
            }
            if line.hasPrefix("```") && line.allSatisfy({ $0 == "`" }) { fence = line; continue }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// Every `<` not escaped with a backslash, with its line.
    static func unescapedAngles(_ text: String) -> [String] {
        text.split(separator: "\n").filter { line in
            var previous: Character = " "
            for ch in line {
                if ch == "<" && previous != "\\" { return true }
                previous = ch
            }
            return false
        }.map(String.init)
    }

    /// True when `needle` occurs without a backslash escaping its first character.
    static func containsUnescaped(_ text: String, _ needle: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: needle) {
            if range.lowerBound == rest.startIndex || rest[rest.index(before: range.lowerBound)] != "\\" { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}
