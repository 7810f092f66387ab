import CLibXML2

/// The entries of an in-memory zip, read from its central directory, and their bytes.
///
/// ZIPFoundation's `Archive` is not used to read them: found by fuzzing, its in-memory backing
/// traps on an offset past the end ("Range requires lowerBound <= upperBound"), and its
/// inflate loop asks for more input forever when a deflate stream does not end inside the
/// entry, so one damaged XLSX could crash or hang the whole scan. Here every offset is checked
/// against the bytes, and a stream is inflated from exactly its own compressed bytes.
struct ZipDirectory {
    struct Entry {
        let name: String
        let method: Int
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let dataStart: Int
    }

    struct Damage: Error {
        let message: String
    }

    /// By name; the first of two entries with the same name wins, as in ZIPFoundation.
    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8]) throws {
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= n && u32(at) == value }

        // The last end-of-central-directory record (its comment may be up to 64 KiB long).
        guard n >= 22, let eocd = stride(from: n - 22, through: max(0, n - 22 - 0xFFFF), by: -1).first(where: { signature($0, 0x0605_4B50) }) else {
            throw Damage(message: "no end of central directory record")
        }
        if signature(eocd - 20, 0x0706_4B50) { throw Damage(message: "ZIP64 archives are not read") }
        let count = u16(eocd + 10)
        var directory = u32(eocd + 16)
        if count == 0xFFFF || directory == 0xFFFF_FFFF { throw Damage(message: "ZIP64 archives are not read") }
        for index in 0..<count {
            guard directory + 46 <= n, signature(directory, 0x0201_4B50) else {
                throw Damage(message: "central directory entry \(index + 1) of \(count) is missing")
            }
            let method = u16(directory + 10)
            let crc = UInt32(u32(directory + 16))
            let compressed = u32(directory + 20)
            let uncompressed = u32(directory + 24)
            let nameLength = u16(directory + 28)
            let local = u32(directory + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw Damage(message: "ZIP64 archives are not read")
            }
            guard directory + 46 + nameLength <= n else { throw Damage(message: "central directory entry \(index + 1) is cut short") }
            let name = String(decoding: bytes[(directory + 46)..<(directory + 46 + nameLength)], as: UTF8.self)
            guard local + 30 <= n, signature(local, 0x0403_4B50) else {
                throw Damage(message: "\(name): its local header lies outside the file")
            }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= n else { throw Damage(message: "\(name): its data runs past the end of the file") }
            if entries[name] == nil {
                entries[name] = Entry(name: name, method: method, crc32: crc, compressedSize: compressed,
                                      uncompressedSize: uncompressed, dataStart: dataStart)
            }
            directory += 46 + nameLength + u16(directory + 30) + u16(directory + 32)
        }
    }

    /// The entry's content, refused past `limit` bytes (zip bombs) and checked against its CRC-32.
    func data(_ entry: Entry, in bytes: [UInt8], limit: Int) throws -> [UInt8] {
        let range = entry.dataStart..<(entry.dataStart + entry.compressedSize)
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard range.count <= limit else { throw Damage(message: "\(entry.name) holds more than \(limit) bytes: refused") }
            out = Array(bytes[range])
        case 8:
            guard !range.isEmpty else { throw Damage(message: "\(entry.name): empty deflate stream") }
            out = try bytes.withUnsafeBufferPointer { all in
                try ZipDirectory.inflate(UnsafeBufferPointer(rebasing: all[range]), expected: entry.uncompressedSize, limit: limit, name: entry.name)
            }
        default:
            throw Damage(message: "\(entry.name) uses compression method \(entry.method), which is not read")
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == entry.crc32 else { throw Damage(message: "\(entry.name) fails its CRC-32 check: the file is damaged") }
        return out
    }

    /// Raw deflate (zlib, no header) of exactly the entry's bytes: a stream that does not end
    /// inside them is damage, not a reason to ask for more.
    private static func inflate(_ input: UnsafeBufferPointer<UInt8>, expected: Int, limit: Int, name: String) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Damage(message: "\(name) cannot be decompressed (zlib could not start)")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        // The directory's size is a hint (it can lie): start there, grow up to one byte past the limit.
        var out = [UInt8](repeating: 0, count: min(max(expected, 1 << 16), limit + 1))
        var produced = 0
        while true {
            if produced == out.count {
                guard out.count <= limit else { throw Damage(message: "\(name) decompresses to more than \(limit) bytes: refused") }
                out.append(contentsOf: repeatElement(0, count: min(out.count, limit + 1 - out.count)))
            }
            let status = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress! + produced
                stream.avail_out = uInt(buffer.count - produced)
                let status = CLibXML2.inflate(&stream, Z_NO_FLUSH)
                produced = buffer.count - Int(stream.avail_out)
                return status
            }
            if status == Z_STREAM_END { break }
            if status == Z_BUF_ERROR && stream.avail_in == 0 || status == Z_OK && stream.avail_in == 0 && stream.avail_out > 0 {
                throw Damage(message: "\(name): the compressed data ends before its stream does")
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw Damage(message: "\(name) cannot be decompressed (\(reason))")
            }
        }
        guard produced <= limit else { throw Damage(message: "\(name) decompresses to more than \(limit) bytes: refused") }
        out.removeSubrange(produced...)
        return out
    }
}
