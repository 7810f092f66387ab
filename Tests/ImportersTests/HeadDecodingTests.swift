import Foundation
import Testing
import TestSupport
@testable import Importers

/// `decodeHead` takes a shortcut for GB18030 heads; it must choose and decode exactly as
/// `detect` followed by `decode` would, on every kind of head a folder may hold.
@Suite struct HeadDecodingTests {
    static func reference(_ bytes: [UInt8]) -> (String, TextEncoding) {
        let encoding = TextDecoder.detect(bytes, isHead: true)
        let text = (try? TextDecoder.decode(bytes, as: encoding, allowTruncatedTail: true)) ?? String(decoding: bytes, as: UTF8.self)
        return (text, encoding)
    }

    static let pieces: [[UInt8]] = [
        Array("交易时间,交易类型,交易对方,商品,收/支,金额(元)\n".utf8),
        Array("2025-03-03 10:00:00,商户消费,腾讯视频,¥30.00\r\n".utf8),
        Array("Date,Amount,Payee\n2025-01-01,-9.99,Netflix\n".utf8),
        [0xD6, 0xA7, 0xB8, 0xB6, 0xB1, 0xA6, 0xBD, 0xBB, 0xD2, 0xD7],   // 支付宝交易 in GB18030
        [0x81, 0x30, 0x81, 0x30],                                       // a four-byte GB18030 code
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x08],               // a zip header
        [0x00, 0xFF, 0xFE, 0x80, 0x9F, 0xC3],                           // binary
        [0xE4, 0xBD],                                                   // UTF-8 cut mid-character
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF],                 // BOMs
    ]

    @Test func sameChoiceAndTextAsDetectThenDecode() {
        var rng = SplitMix64(seed: 20251123)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 6) { bytes += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            if rng.next() % 4 == 0, !bytes.isEmpty { bytes.removeLast(Int(rng.next() % UInt64(min(3, bytes.count) + 1))) }
            let fast = TextDecoder.decodeHead(bytes), slow = Self.reference(bytes)
            #expect(fast.encoding == slow.1, "\(bytes)")
            #expect(Array(fast.text.utf8) == Array(slow.0.utf8), "\(bytes)")
        }
    }

    @Test func aGB18030HeadIsReadAsGB18030() {
        let head = TextDecoder.decodeHead([0xD6, 0xA7, 0xB8, 0xB6, 0xB1, 0xA6] + Array(",2025-01-01\n".utf8))
        #expect(head.encoding == .gb18030)
        #expect(head.text == "支付宝,2025-01-01\n")
    }
}

