import Foundation

/// Byte-level text tests for the per-row hot path. `String.==`, `hasPrefix` and (with
/// Foundation imported) `contains` compare by Unicode canonical equivalence, which for CJK
/// text goes through slow normalisation or NSString bridging; statement keywords only ever
/// need an exact UTF-8 match.
enum UTF8Text {
    @inline(__always) static func equals(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    /// Whether the bytes are exactly `text`'s UTF-8.
    @inline(__always) static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && (bytes.isEmpty || memcmpEqual(bytes.baseAddress!, text.utf8Start, bytes.count))
    }

    @inline(__always) static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.count >= text.utf8CodeUnitCount && (text.utf8CodeUnitCount == 0 || memcmpEqual(bytes.baseAddress!, text.utf8Start, text.utf8CodeUnitCount))
    }

    @inline(__always) static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.count >= prefix.utf8.count && s.utf8.starts(with: prefix.utf8)
    }

    @inline(__always) static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let n = suffix.utf8.count
        return s.utf8.count >= n && s.utf8.suffix(n).elementsEqual(suffix.utf8)
    }

    static func contains(_ s: String, _ needle: String) -> Bool {
        let n = needle.utf8.count
        if n == 0 { return true }
        if s.utf8.count < n { return false }
        var s = s, needle = needle
        return s.withUTF8 { hay in
            needle.withUTF8 { nee in
                // The C library's memmem, where there is one: identify runs this over every
                // file's 64 KB head, for a dozen needles.
                if let memmem = memmemFunction { return memmem(hay.baseAddress!, hay.count, nee.baseAddress!, n) != nil }
                let first = nee[0]
                var i = 0
                let last = hay.count - n
                while i <= last {
                    if hay[i] == first {
                        var k = 1
                        while k < n && hay[i + k] == nee[k] { k += 1 }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    private typealias Memmem = @convention(c) (UnsafeRawPointer, Int, UnsafeRawPointer, Int) -> UnsafeMutableRawPointer?

    /// Looked up at run time: it is a GNU extension that Swift's Glibc module does not export.
    private static let memmemFunction: Memmem? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "memmem") else { return nil }
        return unsafeBitCast(symbol, to: Memmem.self)
    }()

    /// Whether the bytes contain `needle`'s UTF-8.
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        if n == 0 { return true }
        if hay.count < n { return false }
        let nee = needle.utf8Start
        for i in 0...(hay.count - n) where hay[i] == nee[0] && memcmpEqual(hay.baseAddress! + i, nee, n) { return true }
        return false
    }

    static func containsAny(_ s: String, _ needles: [String]) -> Bool {
        needles.contains { contains(s, $0) }
    }
}
