import Foundation
import Importers
import Ledger

/// Runs a file through the importers the way the scan does (identify on the first 64 KiB,
/// then extract) and says what became of it, so that hostile-input tests can check that
/// every failure is a SkippedRow or an ImportError naming the file.
enum HostileInput {
    enum Outcome {
        /// No importer claimed the file (the scan lists it as not a statement).
        case unrecognised
        case read(format: String, ExtractResult)
        case refused(format: String, ImportError)
        /// Anything but an ImportError: the scan could only print it without a line.
        case otherError(format: String, any Error)
    }

    /// The profiles a user might have configured, so the generic CSV reader is in play too.
    static let profiles: [CSVProfile] = [
        CSVProfile(name: "simple", matchHeader: ["Date", "Amount"], dateColumn: "Date", dateFormat: "yyyy-MM-dd",
                   amount: .signed("Amount"), payeeColumn: "Payee", currency: "USD", declaredAt: "autodebit.toml:3"),
    ]

    static let context = ImportContext(defaultOffset: { _ in 0 }, profiles: profiles)

    static func run(_ bytes: [UInt8], path: String, context: ImportContext = context) -> Outcome {
        let head = FileHead(path: path, bytes: Array(bytes.prefix(64 * 1024)))
        guard let importer = ImporterRegistry.identify(head, context: context) else { return .unrecognised }
        return extract(importer, bytes, path: path, context: context)
    }

    /// One importer, offered the bytes whether or not it would have claimed them.
    static func extract(_ importer: any StatementImporter, _ bytes: [UInt8], path: String,
                        context: ImportContext = context) -> Outcome {
        let file = StatementFile(path: path, url: URL(fileURLWithPath: "/nonexistent/" + path), bytes: bytes)
        do {
            return .read(format: importer.format, try importer.extract(file, context: context))
        } catch let error as ImportError {
            return .refused(format: importer.format, error)
        } catch {
            return .otherError(format: importer.format, error)
        }
    }

    /// Why an outcome breaks the hostile-input contract, or nil when it keeps it: an error
    /// names the file and says something; a skipped row has a real line and a reason.
    static func violation(_ outcome: Outcome, path: String, lines: Int) -> String? {
        switch outcome {
        case .unrecognised:
            return nil
        case .otherError(let format, let error):
            return "\(format) threw \(type(of: error)) instead of ImportError: \(error)"
        case .refused(let format, let error):
            if !(error.path == path || error.path.hasPrefix(path + ":")) { return "\(format): error names \(error.path), not \(path)" }
            if error.message.trimmingCharacters(in: .whitespaces).isEmpty { return "\(format): error without a message" }
            if error.line < 0 || error.line > lines + 1 { return "\(format): error line \(error.line) outside 0...\(lines + 1)" }
            return nil
        case .read(let format, let result):
            for row in result.skipped {
                if row.line < 1 || row.line > lines + 1 { return "\(format): skipped row at line \(row.line) outside 1...\(lines + 1)" }
                if row.reason.trimmingCharacters(in: .whitespaces).isEmpty { return "\(format): skipped row \(row.line) without a reason" }
            }
            for t in result.transactions where t.source.line < 1 || t.source.line > lines + 1 {
                return "\(format): transaction at line \(t.source.line) outside 1...\(lines + 1)"
            }
            return nil
        }
    }

    /// Physical lines as a text editor counts them (CR, LF or CRLF).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A { count += 1 } else if bytes[i] == 0x0D {
                count += 1
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return count
    }

    static func fixture(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: CNTestFiles.fixture(relative)))
    }

    /// Every statement fixture this package ships, by folder.
    static func allFixtures() throws -> [String] {
        let folders = ["wechat", "wechat-xlsx", "alipay", "cn-bank", "ofx", "camt053", "csv"]
        var out: [String] = []
        for folder in folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: CNTestFiles.fixture(folder).path)
            out += names.filter { !$0.hasSuffix(".py") && !$0.hasSuffix(".sh") && !$0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
        }
        return out
    }

    /// A fixture with the text of one line changed; `line` is 1-based.
    static func replacing(_ old: String, with new: String, onLine line: Int, in bytes: [UInt8]) -> [UInt8] {
        // Split on LF bytes: as Characters, a CRLF is one grapheme and "\n" would not match it.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        precondition(lines[line - 1].contains(old), "line \(line) has no \(old): \(lines[line - 1])")
        lines[line - 1] = lines[line - 1].replacingOccurrences(of: old, with: new)
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// The text of line `line` (1-based), LF-separated, or "" past the end.
    static func line(_ line: Int, of bytes: [UInt8]) -> String {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        return line - 1 < lines.count ? String(decoding: lines[line - 1], as: UTF8.self) : ""
    }

    /// Deterministic bytes (xorshift), so a failure can be replayed.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }
}
