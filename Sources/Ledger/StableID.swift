import Crypto

/// Identifiers that stay the same across runs and machines (Swift's `Hasher` is seeded per
/// process, so it cannot be used for anything persisted).
public enum StableID {
    /// Lower-case hex SHA-256 of the parts joined by U+001F, truncated to `length` hex digits.
    public static func hash(_ parts: [String], length: Int = 16) -> String {
        var hasher = SHA256()
        for (i, part) in parts.enumerated() {
            if i > 0 { hasher.update(data: [0x1F]) }
            hasher.update(data: Array(part.utf8))
        }
        return String(hex(hasher.finalize()).prefix(length))
    }

    /// Content id for a row of a format without ids: `h:` + hash of what identifies it.
    public static func content(_ parts: [String]) -> String { "h:" + hash(parts, length: 24) }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in digest {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 of a whole file's bytes, streamed in chunks by the caller.
public struct FileDigest {
    private var hasher = SHA256()
    public init() {}
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }
    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }
    public func finalize() -> String { StableID.hex(hasher.finalize()) }
}
