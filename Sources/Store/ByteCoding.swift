/// Little building blocks of the cache's binary encoding: LEB128 varints, zig-zag signed
/// integers, length-prefixed bytes. A reader never traps on bad input: it throws, and the
/// store treats the cached entry as missing.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func raw(_ other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ s: String) {
        var copy = s
        copy.withUTF8 { utf8 in
            unsigned(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Length + 1, so that 0 can mean nil.
    mutating func optionalString(_ s: String?) {
        guard var copy = s else { return byte(0) }
        copy.withUTF8 { utf8 in
            unsigned(utf8.count + 1)
            bytes.append(contentsOf: utf8)
        }
    }
}

struct CorruptEncoding: Error {}

struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var isAtEnd: Bool { offset == base.count }

    mutating func byte() throws -> UInt8 {
        guard offset < base.count else { throw CorruptEncoding() }
        defer { offset += 1 }
        return base[offset]
    }

    @inline(__always) mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count, shift < 64 else { throw CorruptEncoding() }
            let b = base[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A count or index: refuses values that could not fit in the remaining bytes' worth of
    /// memory, so a corrupt length never triggers a huge allocation.
    mutating func count(limit: Int) throws -> Int {
        let v = try unsigned()
        guard v <= UInt64(limit) else { throw CorruptEncoding() }
        return Int(v)
    }

    @inline(__always) mutating func signed() throws -> Int64 {
        let v = try unsigned()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    // Lengths are read into a local before `fitting` runs: in `fitting(try unsigned())`
    // Swift loads `self` (and so `offset`) before the argument advances it.

    mutating func string() throws -> String {
        let n = try length()
        return try text(n)
    }

    mutating func optionalString() throws -> String? {
        let lengthPlusOne = try unsigned()
        guard lengthPlusOne > 0 else { return nil }
        let n = try fitting(lengthPlusOne - 1)
        return try text(n)
    }

    /// Steps over a string; returns "" so that it can stand in for one.
    mutating func skipString() throws -> String {
        let n = try length()
        offset += n
        return ""
    }

    mutating func optionalSkip() throws {
        let lengthPlusOne = try unsigned()
        guard lengthPlusOne > 0 else { return }
        let n = try fitting(lengthPlusOne - 1)
        offset += n
    }

    /// A byte length that must fit in what is left after the length itself.
    private mutating func length() throws -> Int {
        let raw = try unsigned()
        return try fitting(raw)
    }

    private func fitting(_ length: UInt64) throws -> Int {
        guard length <= UInt64(base.count - offset) else { throw CorruptEncoding() }
        return Int(length)
    }

    private mutating func text(_ length: Int) throws -> String {
        guard length <= base.count - offset else { throw CorruptEncoding() }
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<(offset + length)]), as: UTF8.self)
    }
}
