/// Shares one String among the cells of a file that repeat on row after row (counterparty,
/// product, payment method, status, type): each distinct text is decoded and stored once,
/// and a repeat costs a hash and a byte comparison instead of an allocation.
/// Per file, bounded: past `limit` distinct texts new ones are simply not shared.
final class StringPool {
    // One access to the table per call: a class's stored properties are each checked for
    // exclusive access at run time, which per cell costs more than the lookup.
    private var table: StringPoolTable

    init(limit: Int = 1 << 15) { table = StringPoolTable(limit: limit) }

    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 UTF-8 bytes a String is stored inline: nothing to share.
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        return table.string(bytes)
    }
}

/// Open addressing over the texts' hashes; the texts' bytes are kept to confirm a match.
private struct StringPoolTable {
    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var strings: [String] = []
    private var keyStarts: [Int] = []
    private var keyBytes: [UInt8] = []
    private let limit: Int

    init(limit: Int = 1 << 15) {
        self.limit = limit
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress else { return "" }
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && keyStarts[entry + 1] - keyStarts[entry] == bytes.count {
                let start = keyStarts[entry]
                let same = keyBytes.withUnsafeBufferPointer { memcmpEqual($0.baseAddress! + start, base, bytes.count) }
                if same { return strings[entry] }
            }
            slot = (slot + 1) & mask
        }
        let made = String(decoding: bytes, as: UTF8.self)
        guard strings.count < limit else { return made }
        if keyStarts.isEmpty { keyStarts.append(0) }
        slots[slot] = Int32(strings.count)
        hashes.append(hash)
        strings.append(made)
        keyBytes.append(contentsOf: bytes)
        keyStarts.append(keyBytes.count)
        if strings.count * 2 > slots.count { grow() }
        return made
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    /// Eight bytes at a time, multiply-xor mixed (cells are 16 to 100 bytes).
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        while i < n { tail = tail << 8 | UInt64(bytes[i]); i += 1 }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
