import Foundation
import Ledger
import Testing
@testable import Store

@Suite struct TransactionCodecTests {
    @Test func everyFieldRoundTripsExactly() throws {
        let input = [Samples.everyField, Samples.sparse] + Samples.batch(count: 200, seed: 7, path: "wechat/账单.csv")
        let bytes = TransactionCodec.encode(input[...], filePath: "wechat/账单.csv")
        let output = try TransactionCodec.decode(bytes, filePath: "wechat/账单.csv")
        #expect(output.count == input.count)
        for (a, b) in zip(input, output) { #expect(sameBytes(a, b), "\(a.id)") }
        // Money keeps its currency's exponent (JPY 0, KWD 3), not a default.
        #expect(output[0].amount.currency.exponent == 0)
        #expect(output[0].refundedAmount?.currency.exponent == 3)
        #expect(output[0].time.iso8601 == Samples.everyField.time.iso8601)
    }

    /// The encoder skips hashing when a field repeats the previous row's String value; texts
    /// built one by one (same length, new storage each row, each freed before the next could
    /// be made) must still be told apart.
    @Test func freshTextsOfTheSameLengthAreNotMistakenForRepeats() throws {
        let base = Samples.batch(count: 1, seed: 3, path: "a.csv")[0]
        let input: [Transaction] = (0..<500).map { i in
            var t = base
            t.counterparty = String(repeating: "商", count: 8) + String(format: "%04d", i % 7)
            t.product = i % 2 == 0 ? "连续包月会员自动续费服务" : String(repeating: "x", count: 20 + i % 3)
            t.status = String(format: "status-%03d-long-enough", i)
            return t
        }
        let output = try TransactionCodec.decode(TransactionCodec.encode(input[...], filePath: "a.csv"), filePath: "a.csv")
        #expect(output.map(\.counterparty) == input.map(\.counterparty))
        #expect(output.map(\.product) == input.map(\.product))
        #expect(output.map(\.status) == input.map(\.status))
    }

    @Test func pathsFollowTheFileTheyAreLoadedFor() throws {
        var whole = Samples.sparse
        whole.source.path = "exports.zip"
        var inner = Samples.sparse
        inner.source.path = "exports.zip/alipay.csv"
        var elsewhere = Samples.sparse
        elsewhere.source.path = "other.csv"
        let bytes = TransactionCodec.encode([whole, inner, elsewhere][...], filePath: "exports.zip")
        let moved = try TransactionCodec.decode(bytes, filePath: "old/exports.zip")
        #expect(moved.map(\.source.path) == ["old/exports.zip", "old/exports.zip/alipay.csv", "other.csv"])
    }

    @Test func decomposedPathKeepsItsBytes() throws {
        var t = Samples.sparse
        t.source.path = "cafe\u{301}/b.csv"
        let bytes = TransactionCodec.encode([t][...], filePath: "caf\u{E9}/b.csv")
        let back = try TransactionCodec.decode(bytes, filePath: "caf\u{E9}/b.csv")
        #expect(Array(back[0].source.path.utf8) == Array("cafe\u{301}/b.csv".utf8))
    }

    @Test func damagedBytesThrowInsteadOfTrapping() throws {
        let bytes = TransactionCodec.encode(Samples.batch(count: 50, seed: 1, path: "a.csv")[...], filePath: "a.csv")
        // Every truncation and a sweep of single-byte flips: each either decodes to 50
        // transactions or throws, never crashes or over-reads.
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect(throws: (any Error).self) { try TransactionCodec.decode(Array(bytes[..<cut]), filePath: "a.csv") }
        }
        var decodedOrThrew = 0
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            var damaged = bytes
            damaged[position] ^= 0xA5
            if let out = try? TransactionCodec.decode(damaged, filePath: "a.csv") { #expect(out.count == 50) }
            decodedOrThrew += 1
        }
        #expect(decodedOrThrew > 100)
    }

    @Test func detailsRoundTrip() throws {
        let skipped = [StoredSkippedRow(line: 0, reason: ""), StoredSkippedRow(line: 1_000_000, reason: "列数不对 “x”")]
        let notes = ["账户：****1234", ""]
        let back = try DetailsCodec.decode(DetailsCodec.encode(skipped: skipped, notes: notes))
        #expect(back.skipped == skipped)
        #expect(back.notes == notes)
        #expect(throws: (any Error).self) { try DetailsCodec.decode(Array("ADS1\u{5}".utf8)) }
    }
}
