import Testing
import TestSupport
@testable import Importers

/// `UTF8Text.contains` hands the search to the C library; it must agree with a plain byte
/// search on short and long, ASCII and CJK, present and absent needles.
@Suite struct UTF8SearchTests {
    static func naive(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard hay.count >= needle.count else { return false }
        return (0...(hay.count - needle.count)).contains { Array(hay[$0..<($0 + needle.count)]) == needle }
    }

    @Test func agreesWithAPlainByteSearch() {
        let alphabet = ["交易", "时间", "a", "b", ",", "退款", "失败", "camt.053", "<", ">", "\n", "支付宝"]
        var rng = SplitMix64(seed: 7)
        func text(_ parts: Int) -> String { (0..<parts).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined() }
        for round in 0..<2000 {
            let hay = text(Int(rng.next() % (round % 10 == 0 ? 4000 : 12)))
            let needle = rng.next() % 3 == 0 ? String(hay.suffix(Int(rng.next() % 4))) : text(Int(rng.next() % 3))
            #expect(UTF8Text.contains(hay, needle) == Self.naive(Array(hay.utf8), Array(needle.utf8)), "\(hay) / \(needle)")
        }
    }
}
