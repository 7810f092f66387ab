import Testing
@testable import Detection

/// The per-row caches of detection: a value is computed once per distinct text, whichever
/// String instance carries it, and never handed to another text.
@Suite struct TextMemoTests {
    @Test func computesOncePerDistinctTextWhateverTheInstance() {
        var memo = TextMemo<Int>()
        var calls: [String] = []
        func length(_ text: String) -> Int { calls.append(text); return text.utf8.count }
        let long = "腾讯视频VIP会员连续包月自动续费"
        let copy = String(decoding: Array(long.utf8), as: UTF8.self)   // same bytes, another storage
        #expect(memo.value(long, length) == long.utf8.count)
        #expect(memo.value(copy, length) == long.utf8.count)
        #expect(memo.value(long, length) == long.utf8.count)
        #expect(calls == [long])
        // Many texts: evictions from the recent slots fall back to the table, never to a wrong value.
        for n in 0..<5000 {
            let text = "商户\(n)-" + String(repeating: "x", count: n % 40)
            #expect(memo.value(text, length) == text.utf8.count)
        }
        for n in stride(from: 0, to: 5000, by: 7) {
            let text = "商户\(n)-" + String(repeating: "x", count: n % 40)
            #expect(memo.value(text, length) == text.utf8.count)
        }
        #expect(calls.count == 5001)
    }

    @Test func textsThatDifferOnlyInNormalisationAreKeptApart() {
        var memo = TextMemo<[UInt8]>()
        let composed = "Caf\u{E9} Abo", decomposed = "Cafe\u{301} Abo"
        #expect(composed == decomposed)   // equal as Swift Strings
        #expect(memo.value(composed) { Array($0.utf8) } == Array(composed.utf8))
        #expect(memo.value(decomposed) { Array($0.utf8) } == Array(decomposed.utf8))
    }
}
