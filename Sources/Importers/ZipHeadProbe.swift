import Foundation
import ZIPFoundation

/// Looks inside the first bytes of a zip without its central directory (which sits at the
/// end, beyond a head sample): walks the local file headers in order and inflates as much of
/// the wanted entries as the sample holds. Enough to tell an XLSX by its part names and a
/// word in its shared strings.
struct ZipHeadProbe {
    struct Part {
        let name: String
        /// The entry's content as far as the sample reaches (maybe cut short).
        let text: String
    }

    /// Every entry name whose local header lies in the sample.
    private(set) var names: [String] = []
    private(set) var parts: [Part] = []
    /// The sample ended inside an entry: later entries are unknown.
    private(set) var truncated = false

    /// Reads the local headers of `bytes`; inflates up to `maxOutput` bytes of each entry
    /// that `wanted` selects.
    init(_ bytes: [UInt8], wanted: (String) -> Bool, maxOutput: Int = 1 << 20) {
        var offset = 0
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        while offset + 30 <= n, bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 3, bytes[offset + 3] == 4 {
            let flags = u16(offset + 6)
            let method = u16(offset + 8)
            var compressed = u32(offset + 18)
            let nameLength = u16(offset + 26)
            let extraLength = u16(offset + 28)
            let dataStart = offset + 30 + nameLength + extraLength
            guard dataStart <= n else { truncated = true; return }
            let name = String(decoding: bytes[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self)
            names.append(name)
            let sizeUnknown = flags & 0x08 != 0 && compressed == 0
            if sizeUnknown {
                // Streamed entry: the data runs to the next local header (or the sample's end).
                compressed = (ZipHeadProbe.nextHeader(in: bytes, from: dataStart) ?? n) - dataStart
            }
            let available = min(compressed, n - dataStart)
            if wanted(name) {
                let data = Array(bytes[dataStart..<(dataStart + available)])
                parts.append(Part(name: name, text: ZipHeadProbe.inflate(data, method: method, maxOutput: maxOutput)))
            }
            if dataStart + compressed > n { truncated = true; return }
            offset = dataStart + compressed
            if sizeUnknown, let next = ZipHeadProbe.nextHeader(in: bytes, from: offset) { offset = next }
        }
    }

    private static func nextHeader(in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 4 <= bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 3, bytes[i + 3] == 4 { return i }
            i += 1
        }
        return nil
    }

    /// Stored or deflated data, as far as it goes; a cut-off stream yields what came out.
    private static func inflate(_ data: [UInt8], method: Int, maxOutput: Int) -> String {
        var out = Data()
        switch method {
        case 0:
            out = Data(data.prefix(maxOutput))
        case 8:
            guard !data.isEmpty else { break }
            let input = Data(data)
            // One chunk of exactly the input's size: ZIPFoundation tells zlib `bufferSize`
            // bytes are available whatever the chunk holds, and asks again (forever) when a
            // cut-off stream has not ended, so a second request must throw.
            _ = try? Data.decompress(size: Int64(input.count), bufferSize: input.count, skipCRC32: true, provider: { position, _ in
                guard position == 0 else { throw Stop() }
                return input
            }, consumer: { chunk in
                out.append(chunk)
                if out.count >= maxOutput { throw Stop() }
            })
        default:
            break
        }
        // A multi-byte character cut at the end decodes to U+FFFD, which is harmless here.
        return String(decoding: out.prefix(maxOutput), as: UTF8.self)
    }

    private struct Stop: Error {}
}
