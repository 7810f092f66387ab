/// Encoding of a file's skipped rows and notes: small next to its transactions, kept in the
/// content row itself.
enum DetailsCodec {
    static let magic: [UInt8] = Array("ADS1".utf8)

    static func encode(skipped: [StoredSkippedRow], notes: [String]) -> [UInt8] {
        var w = ByteWriter(capacity: 16 + skipped.count * 32)
        w.raw(magic)
        w.unsigned(notes.count)
        for n in notes { w.string(n) }
        w.unsigned(skipped.count)
        for s in skipped {
            w.signed(Int64(s.line))
            w.string(s.reason)
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> (skipped: [StoredSkippedRow], notes: [String]) {
        try bytes.withUnsafeBytes { raw in
            guard raw.count >= magic.count, magic.indices.allSatisfy({ raw[$0] == magic[$0] }) else { throw CorruptEncoding() }
            var r = ByteReader(raw)
            r.offset = magic.count
            var notes: [String] = []
            for _ in 0..<(try r.count(limit: raw.count)) { notes.append(try r.string()) }
            var skipped: [StoredSkippedRow] = []
            for _ in 0..<(try r.count(limit: raw.count)) {
                guard let line = Int(exactly: try r.signed()) else { throw CorruptEncoding() }
                skipped.append(StoredSkippedRow(line: line, reason: try r.string()))
            }
            guard r.isAtEnd else { throw CorruptEncoding() }
            return (skipped, notes)
        }
    }
}
