import Foundation
import Testing
@testable import Importers
import TestSupport

/// The table-driven GB18030 path must give iconv's output byte for byte, and hand every
/// input it does not fully understand back to iconv (whose errors name the byte).
@Suite struct GB18030DecoderTests {
    /// iconv alone: the lower-case charset name does not take the fast path.
    private func reference(_ bytes: [UInt8]) -> Result<[UInt8], DecodingError> {
        Result(catching: { try TextDecoder.iconvDecodeBytes(bytes, from: "gb18030", allowTruncatedTail: false) }).mapError { $0 as! DecodingError }
    }

    private func decoded(_ bytes: [UInt8]) -> Result<[UInt8], DecodingError> {
        Result(catching: { try TextDecoder.iconvDecodeBytes(bytes, from: "GB18030", allowTruncatedTail: false) }).mapError { $0 as! DecodingError }
    }

    private func same(_ a: Result<[UInt8], DecodingError>, _ b: Result<[UInt8], DecodingError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x == y
        case (.failure(let x), .failure(let y)): return x.byteOffset == y.byteOffset && x.message.lowercased() == y.message.lowercased()
        default: return false
        }
    }

    @Test func alipayFixturesDecodeAsIconvDoes() throws {
        let folder = TestPaths.fixture("alipay")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        var fastDecoded = 0
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(same(decoded(bytes), reference(bytes)), "\(name)")
            if TextDecoder.detect(bytes) == .gb18030, GB18030Decoder.decode(bytes) != nil { fastDecoded += 1 }
        }
        #expect(fastDecoded > 0)
    }

    @Test func mixedAndBrokenSequencesDecodeAsIconvDoes() {
        // ASCII, two-byte codes (支付 €), four-byte codes (¥, and one past the BMP), and bytes
        // that are not GB18030 at all or end a file inside a character.
        let pieces: [[UInt8]] = [
            Array("2024-01-02 10:00:00,".utf8), [0xD6, 0xA7, 0xB8, 0xB6], [0xA2, 0xE3], [0x81, 0x30, 0x84, 0x36],
            [0x95, 0x32, 0x82, 0x36], [0x80], [0xFF], [0x81], [0x81, 0x7F], [0x81, 0x30], [0x81, 0x30, 0x81], [0xFE, 0xFE],
            Array("        ".utf8), [0x0A],
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func nextIndex() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % pieces.count
        }
        var checked = 0
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + nextIndex()) { bytes += pieces[nextIndex()] }
            #expect(same(decoded(bytes), reference(bytes)), "\(bytes)")
            checked += 1
        }
        #expect(checked == 3000)
    }
}
