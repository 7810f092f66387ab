#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 → UTF-8 for the text Chinese exports hold (ASCII and the two-byte GBK range)
/// without a call into iconv per character: ASCII runs are copied eight bytes at a time and
/// two-byte codes looked up in a table made once by iconv itself, so the output is iconv's.
/// Four-byte codes (`¥` is one) go to iconv one by one. Anything else — an invalid or cut
/// sequence — returns nil, and the caller's whole-buffer iconv gives the exact error.
enum GB18030Decoder {
    /// UTF-8 of each two-byte code, packed as `length << 24 | bytes`; 0 when iconv does not
    /// decode the pair on its own. Indexed by `(lead - 0x81) * 191 + (trail - 0x40)`.
    static let twoByte: [UInt32] = makeTable()

    static func decode(_ input: [UInt8]) -> [UInt8]? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        let n = input.count
        // Two GB18030 bytes become at most three UTF-8 bytes, four at most four.
        let capacity = n + n / 2 + 16
        var failed = false
        let table = twoByte
        let output = input.withUnsafeBufferPointer { inBuf in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, produced in
                produced = 0
                guard let inBase = inBuf.baseAddress, let outBase = out.baseAddress else { return }
                let raw = UnsafeRawPointer(inBase)
                var i = 0, o = 0
                while i < n {
                    let b = inBase[i]
                    if b < 0x80 {
                        // ASCII: whole words while no byte has its high bit set.
                        while i + 8 <= n {
                            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            if w & 0x8080_8080_8080_8080 != 0 { break }
                            UnsafeMutableRawPointer(outBase + o).storeBytes(of: w, as: UInt64.self)
                            i += 8; o += 8
                        }
                        while i < n && inBase[i] < 0x80 { outBase[o] = inBase[i]; i += 1; o += 1 }
                        continue
                    }
                    guard b >= 0x81 && b <= 0xFE && i + 1 < n else { failed = true; return }
                    let t = inBase[i + 1]
                    if t >= 0x40 && t <= 0xFE && t != 0x7F {
                        let e = table[Int(b - 0x81) * 191 + Int(t - 0x40)]
                        guard e != 0 else { failed = true; return }
                        let length = Int(e >> 24)
                        outBase[o] = UInt8(truncatingIfNeeded: e >> 16)
                        if length > 1 { outBase[o + 1] = UInt8(truncatingIfNeeded: e >> 8) }
                        if length > 2 { outBase[o + 2] = UInt8(truncatingIfNeeded: e) }
                        i += 2; o += length
                        continue
                    }
                    guard t >= 0x30 && t <= 0x39 && i + 3 < n else { failed = true; return }
                    // A four-byte code: iconv decodes it alone (the encoding keeps no state).
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase + i).assumingMemoryBound(to: CChar.self)
                    var inLeft = 4
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + o).assumingMemoryBound(to: CChar.self)
                    var outLeft = min(8, capacity - o)
                    let before = outLeft
                    guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { failed = true; return }
                    i += 4; o += before - outLeft
                }
                produced = o
            }
        }
        return failed ? nil : output
    }

    private static func makeTable() -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 126 * 191)
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return table }
        defer { iconv_close(cd) }
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                var pair: [UInt8] = [UInt8(lead), UInt8(trail)]
                var utf8: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
                let written: Int? = pair.withUnsafeMutableBufferPointer { inBuf in
                    utf8.withUnsafeMutableBufferPointer { outBuf in
                        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var inLeft = 2
                        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var outLeft = 8
                        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                        // Reset the shift state after a failure, should the converter keep one.
                        if r == -1 { iconv(cd, nil, nil, nil, nil); return nil }
                        return inLeft == 0 ? 8 - outLeft : nil
                    }
                }
                guard let length = written, (1...3).contains(length) else { continue }
                var packed = UInt32(length) << 24 | UInt32(utf8[0]) << 16
                if length > 1 { packed |= UInt32(utf8[1]) << 8 }
                if length > 2 { packed |= UInt32(utf8[2]) }
                table[(lead - 0x81) * 191 + (trail - 0x40)] = packed
            }
        }
        return table
    }
}
