import Foundation
import ZIPFoundation

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
        let raw = Data(bytes[entry.dataStart..<(entry.dataStart + entry.compressedSize)])
        var out: [UInt8] = []
        var crc: CRC32
        switch entry.method {
        case 0:
            guard raw.count <= limit else { throw Damage(message: "\(entry.name) holds more than \(limit) bytes: refused") }
            out = Array(raw)
            crc = raw.crc32(checksum: 0)
        case 8:
            guard !raw.isEmpty else { throw Damage(message: "\(entry.name): empty deflate stream") }
            // One chunk of exactly the entry's bytes (zlib is told `bufferSize` bytes are there);
            // a second request means the stream did not end inside the entry.
            do {
                crc = try Data.decompress(size: Int64(raw.count), bufferSize: raw.count, skipCRC32: false, provider: { position, _ in
                    guard position == 0 else { throw Damage(message: "\(entry.name): the compressed data ends before its stream does") }
                    return raw
                }, consumer: { chunk in
                    guard out.count + chunk.count <= limit else { throw Damage(message: "\(entry.name) decompresses to more than \(limit) bytes: refused") }
                    out.append(contentsOf: chunk)
                })
            } catch let damage as Damage {
                throw damage
            } catch {
                throw Damage(message: "\(entry.name) cannot be decompressed (\(error))")
            }
        default:
            throw Damage(message: "\(entry.name) uses compression method \(entry.method), which is not read")
        }
        guard crc == entry.crc32 else { throw Damage(message: "\(entry.name) fails its CRC-32 check: the file is damaged") }
        return out
    }
}
