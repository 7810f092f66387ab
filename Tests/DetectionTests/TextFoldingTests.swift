import Testing
import TestSupport
@testable import Detection

/// Folding runs on UTF-8 bytes for the texts of every row; it must give exactly what folding
/// scalar by scalar with the standard library's lowercasing gives, on any mix of scripts.
@Suite struct TextFoldingTests {
    static let pieces = ["腾讯视频", "ＶＩＰ会员", "Netflix", "NETFLIX", "\t", " ", "\u{3000}", "\u{00A0}", "2025-03", "12个月",
                         "Ärger", "ΣΟΦΙΑ", "İstanbul", "straße", "ｎｅｔｆｌｉｘ", "é\u{0301}", "🎬", "/", "Ｚ", "ǅ"]

    @Test func foldAndCompactEqualTheScalarByScalarFolding() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let text = (0..<rng.int(0...6)).map { _ in rng.pick(Self.pieces) }.joined()
            let reference = TextFolding.slowFold(text)
            #expect(TextFolding.fold(text) == reference, "\(text)")
            #expect(Array(TextFolding.fold(text).utf8) == Array(reference.utf8), "\(text)")
            let compact = String(reference.unicodeScalars.filter { $0 != " " }.map(Character.init))
            #expect(Array(TextFolding.compact(text).utf8) == Array(compact.utf8), "\(text)")
            let product = String(compact.unicodeScalars.filter { !TextFolding.isDigit($0) }.map(Character.init))
            #expect(Array(StreamEvent.productKey(text).utf8) == Array(product.utf8), "\(text)")
        }
    }
}
