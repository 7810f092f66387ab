import Foundation
import Importers
import Ledger
import Store

/// What became of one file.
public struct FileOutcome: Sendable {
    public var file: FoundFile
    public var sha256: String
    public var format: String?
    /// Emptied by the scan once merged (one copy of a million transactions is enough);
    /// `transactionCount` keeps the number.
    public var transactions: [Transaction]
    public var transactionCount: Int = 0
    public var skipped: [SkippedRow]
    public var notes: [String]
    /// Why the file was not read: unrecognised, or an error naming `path:line`.
    public var problem: String?
    /// True when the file was a statement that could not be read at all (exit 3).
    public var failed: Bool
    /// True when the state store already held what this file contains.
    public var fromCache: Bool = false
    /// A report or figure autodebit itself wrote: not a source, left out of the report.
    public var isOwnOutput: Bool = false
    /// The transactions in the parse cache's encoding, made on the thread that read the file.
    var encoded: EncodedTransactions?
}

/// Reads, hashes, recognises and extracts one file. Never throws: every problem becomes a
/// `FileOutcome.problem` so the rest of the folder is still processed.
enum FileReading {
    static let headSize = 64 * 1024

    /// `cached` is asked with the file's SHA-256 before parsing: a renamed or touched file
    /// whose bytes the store already knows is not parsed again.
    static func read(_ file: FoundFile, context: ImportContext, cached: (String) -> FileOutcome? = { _ in nil }) -> FileOutcome {
        var outcome = FileOutcome(file: file, sha256: "", format: nil, transactions: [], skipped: [], notes: [], problem: nil, failed: false)
        let bytes: [UInt8]
        do {
            bytes = try readAll(file.url)
        } catch {
            outcome.problem = "\(file.relativePath): cannot read the file (\(error))"
            outcome.failed = true
            return outcome
        }
        var digest = FileDigest()
        digest.update(bytes)
        outcome.sha256 = digest.finalize()
        if OwnOutput.matches(bytes) {
            outcome.isOwnOutput = true
            return outcome
        }
        if let known = cached(outcome.sha256) { return known }
        if bytes.isEmpty {
            outcome.problem = "\(file.relativePath): empty file"
            return outcome
        }
        let head = FileHead(path: file.relativePath, bytes: Array(bytes.prefix(headSize)), url: file.url)
        guard let importer = ImporterRegistry.identify(head, context: context) else {
            outcome.problem = "\(file.relativePath): not a statement format autodebit reads (\(NotAStatement.describe(head)))"
            return outcome
        }
        outcome.format = importer.format
        do {
            let result = try importer.extract(StatementFile(path: file.relativePath, url: file.url, bytes: bytes), context: context)
            outcome.transactions = result.transactions
            outcome.skipped = result.skipped
            outcome.notes = result.notes
        } catch let error as ImportError {
            outcome.problem = error.description
            outcome.failed = true
        } catch {
            outcome.problem = "\(file.relativePath): \(error)"
            outcome.failed = true
        }
        return outcome
    }

    /// The whole file, read straight into the array (no `Data` to copy from, no mapped pages
    /// to fault in). A file that grows while it is read is read to its end.
    static func readAll(_ url: URL) throws -> [UInt8] {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadFailure(errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadFailure(errno: errno) }
        let expected = max(Int(info.st_size), 0)
        var failure: Int32 = 0
        // One byte more than the size: filling it means the file grew.
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = readFully(fd, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
        }
        if failure != 0 { throw ReadFailure(errno: failure) }
        guard bytes.count > expected else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { readFully(fd, into: $0, failure: &failure) }
            if failure != 0 { throw ReadFailure(errno: failure) }
            bytes += chunk[..<n]
            if n < chunk.count { return bytes }
        }
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n > 0 { filled += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failure = errno }
            break
        }
        return filled
    }
}

/// A read that failed, with the system's reason ("Permission denied", "Is a directory").
struct ReadFailure: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
}

/// A short description of what a file that no importer recognised seems to be.
enum NotAStatement {
    static func describe(_ head: FileHead) -> String {
        let b = head.bytes
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if b.starts(with: Array("%PDF".utf8)) { return "a PDF document; export the statement as CSV, XLSX, OFX or camt.053" }
        if b.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "a legacy Excel .xls workbook; save it as CSV or XLSX" }
        if head.isZip { return "a zip archive that is not a WeChat XLSX bill; unpack it first" }
        if b.prefix(4096).contains(0) && head.encoding != .utf16le && head.encoding != .utf16be { return "binary data" }
        let firstLine = head.text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map { String($0.prefix(80)) } ?? ""
        return "no known header; first line: \"\(firstLine)\"; a [[profile]] in autodebit.toml can map a CSV"
    }
}
