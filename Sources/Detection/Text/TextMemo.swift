#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers a value computed from a text, for the per-row caches of detection (merchant
/// texts, product keys, plan words, wallet prefixes). A String-keyed Dictionary hashes every
/// non-ASCII key through Unicode normalisation, which for Chinese merchant and product names
/// costs more than the work it saves; this one looks a text up by the two words of its String
/// value first (rows of one statement share one String per distinct cell), then by its UTF-8
/// bytes. Texts that differ only in Unicode normalisation are remembered apart, each with the
/// value computed from its own bytes.
struct TextMemo<Value> {
    private var table: [ExactText: Value] = [:]
    private var recentWords = [(UInt64, UInt64)](repeating: (0, 0), count: Self.slots)
    /// Keeps each recent String alive, so that its storage cannot be reused for another text
    /// while its words stand for it.
    private var recentTexts = [String](repeating: "", count: Self.slots)
    private var recentValues = [Value?](repeating: nil, count: Self.slots)
    private static var slots: Int { 512 }

    mutating func value(_ text: String, _ compute: (String) -> Value) -> Value {
        let words = unsafeBitCast(text, to: (UInt64, UInt64).self)
        // Fibonacci hashing of both words: a storage address alone has its low bits zero.
        let slot = Int(truncatingIfNeeded: ((words.0 ^ words.1 &* 0x9E37_79B9_7F4A_7C15) &* 0x9E37_79B9_7F4A_7C15) >> 55)
        if let hit = recentValues[slot], recentWords[slot] == words { return hit }
        let key = ExactText(text)
        let value: Value
        if let known = table[key] {
            value = known
        } else {
            value = compute(text)
            table[key] = value
        }
        recentWords[slot] = words
        recentTexts[slot] = text
        recentValues[slot] = value
        return value
    }
}

/// A String compared and hashed by its UTF-8 bytes.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool {
        if unsafeBitCast(a.text, to: (UInt64, UInt64).self) == unsafeBitCast(b.text, to: (UInt64, UInt64).self) { return true }
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension TextMemo: Sendable where Value: Sendable {}
