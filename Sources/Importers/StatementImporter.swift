import Foundation
import Ledger

/// The first bytes of a file, for recognising its format by content.
public struct FileHead: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// `bytes` decoded (BOM/UTF-8/UTF-16, else GB18030), possibly cut mid-line at the end.
    public let text: String
    public let encoding: TextEncoding
    /// The file itself, for the rare format that cannot be told from its head (a zip whose
    /// telling parts lie beyond the first bytes). nil when there is no file (tests, fuzzing).
    public let url: URL?

    public init(path: String, bytes: [UInt8], url: URL? = nil) {
        self.path = path
        self.bytes = bytes
        self.url = url
        let decoded = TextDecoder.decodeHead(bytes)
        self.text = decoded.text
        self.encoding = decoded.encoding
    }

    public var isZip: Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }
}

/// Everything an importer may need besides the bytes.
public struct ImportContext: Sendable {
    /// Offset for formats whose times carry none, when they are not known to be Beijing time.
    public var defaultOffset: @Sendable (CivilDate) -> Int32
    public var profiles: [CSVProfile]

    public init(defaultOffset: @escaping @Sendable (CivilDate) -> Int32 = { _ in Timestamp.chinaOffset }, profiles: [CSVProfile] = []) {
        self.defaultOffset = defaultOffset
        self.profiles = profiles
    }
}

/// One statement file to read.
public struct StatementFile: Sendable {
    /// Path relative to the scanned folder, used in every `path:line`.
    public let path: String
    public let url: URL
    public let bytes: [UInt8]

    public init(path: String, url: URL, bytes: [UInt8]) {
        self.path = path
        self.url = url
        self.bytes = bytes
    }
}

/// A row that could not be read: it is counted and listed in the report, never dropped.
public struct SkippedRow: Hashable, Sendable {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

public struct ExtractResult: Sendable {
    public var transactions: [Transaction]
    public var skipped: [SkippedRow]
    /// Statement facts worth showing (account, period, holder), in the source's words.
    public var notes: [String]

    public init(transactions: [Transaction] = [], skipped: [SkippedRow] = [], notes: [String] = []) {
        self.transactions = transactions
        self.skipped = skipped
        self.notes = notes
    }
}

/// The file cannot be read at all. `line` is 0 when the problem is not on a line.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

/// An importer recognises its format from the first bytes and extracts transactions.
public protocol StatementImporter: Sendable {
    /// The format id the report and `autodebit formats` use (`wechat-csv`, `ofx` …).
    var format: String { get }
    /// One line: what the format is and how it is recognised.
    var recognition: String { get }
    func identify(_ head: FileHead, context: ImportContext) -> Bool
    func extract(_ file: StatementFile, context: ImportContext) throws -> ExtractResult
}
