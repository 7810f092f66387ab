import Config
import Foundation
import Ledger
import Scanning
import Testing
import TestSupport

/// A folder with one good WeChat bill among hostile files: the scan reads the good one fully,
/// names every bad one with its reason, and exits 3 because some statements could not be read.
@Suite(.timeLimit(.minutes(2))) struct HostileFolderTests {
    static var root: URL { TestPaths.packageRoot }

    static func fixture(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fixtures").appendingPathComponent(relative)))
    }

    /// name → bytes. The good bill, then the hostile ones.
    static func folderContents() throws -> [(String, [UInt8])] {
        let wechat = try fixture("wechat/wechat-2024q1-quirks.csv")
        let camt = try fixture("camt053/statement-053-v02-sepa.xml")
        var noise = [UInt8](repeating: 0, count: 8192)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in noise.indices { state ^= state << 13; state ^= state >> 7; state ^= state << 17; noise[i] = UInt8(truncatingIfNeeded: state) }
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">&c;</Amt></Ntry></Stmt></BkToCstmrStmt></Document>
        """
        // The good bill with a first row whose amount is not one: read, with that row skipped.
        var lines = wechat.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        lines[17] = lines[17].replacingOccurrences(of: "¥25.00", with: "1e309")
        let badAmount = lines.joined(separator: "\n")
        return [
            ("good/wechat.csv", wechat),
            ("bad/camt-truncated.xml", Array(camt.prefix(camt.count / 2))),
            ("bad/xlsx-damaged.xlsx", try damagedWorkbook()),
            ("bad/entity-bomb.xml", Array(bomb.utf8)),
            ("bad/garbage.bin", noise),
            ("bad/empty.csv", []),
            ("bad/wechat-bad-amount.csv", Array(badAmount.utf8)),
        ]
    }

    /// A real WeChat workbook whose central directory sends its first entry past the end of the
    /// file: recognised by its local headers, then refused (it used to crash ZIPFoundation).
    static func damagedWorkbook() throws -> [UInt8] {
        var bytes = try fixture("wechat-xlsx/wechat-2025-text-amounts.xlsx")
        let eocd = try #require((0...(bytes.count - 22)).reversed().first { bytes[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        let directory = Int(bytes[eocd + 16]) | Int(bytes[eocd + 17]) << 8 | Int(bytes[eocd + 18]) << 16 | Int(bytes[eocd + 19]) << 24
        bytes.replaceSubrange((directory + 42)..<(directory + 46), with: [0x00, 0x00, 0x00, 0x7F])
        return bytes
    }

    func scanHostileFolder() throws -> ScanResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in try Self.folderContents() {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let options = ScanOptions(folders: [folder], asOf: CivilDate(year: 2024, month: 4, day: 30)!)
        let config = try ConfigResolution.load(explicit: nil, folders: options.folders)
        return try Scanner.scan(options, config: config)
    }

    @Test func scanCarriesOnAndNamesEveryBadFile() throws {
        let r = try scanHostileFolder()
        func outcome(_ path: String) -> FileOutcome? { r.outcomes.first { $0.file.relativePath == path } }

        let good = try #require(outcome("good/wechat.csv"))
        #expect(good.format == "wechat-csv" && good.problem == nil && !good.failed)
        #expect(good.transactionCount > 10)

        // A statement that could not be read at all: failed, with its path (and line when known).
        for path in ["bad/camt-truncated.xml", "bad/xlsx-damaged.xlsx", "bad/entity-bomb.xml"] {
            let o = try #require(outcome(path), "\(path) is not listed")
            #expect(o.failed, "\(path) should count as unreadable")
            #expect(o.problem?.hasPrefix(path) == true, "\(path): \(o.problem ?? "no problem given")")
            #expect(o.transactions.isEmpty)
        }
        let truncated = try #require(outcome("bad/camt-truncated.xml")?.problem)
        #expect(truncated.hasPrefix("bad/camt-truncated.xml:") && truncated.dropFirst("bad/camt-truncated.xml:".count).first?.isNumber == true,
                "the truncated camt's error names its line: \(truncated)")

        // Not statements: listed with the reason, not counted as unreadable statements.
        for (path, reason) in [("bad/garbage.bin", "not a statement format"), ("bad/empty.csv", "empty file")] {
            let o = try #require(outcome(path), "\(path) is not listed")
            #expect(o.problem?.hasPrefix(path) == true && o.problem?.contains(reason) == true, "\(path): \(o.problem ?? "none")")
            #expect(!o.failed)
        }

        // A bad row costs only that row, at its line.
        let partly = try #require(outcome("bad/wechat-bad-amount.csv"))
        #expect(partly.problem == nil && partly.transactionCount == good.transactionCount - 1)
        #expect(partly.skipped.contains { $0.line == 18 && $0.reason.contains("1e309") }, "\(partly.skipped)")

        // Every problem reaches the diagnostics the CLI prints, and the scan exits 3.
        for path in ["bad/camt-truncated.xml", "bad/xlsx-damaged.xlsx", "bad/entity-bomb.xml", "bad/garbage.bin", "bad/empty.csv"] {
            #expect(r.diagnostics.contains { $0.hasPrefix(path) }, "\(path) missing from diagnostics")
        }
        #expect(r.inputStatus == .unreadableInput)
        #expect(ExitStatus.unreadableInput.rawValue == 3)
    }

    /// Without the unreadable ones, the same folder scans clean: the exit 3 comes from them.
    @Test func onlyUnreadableStatementsMakeExitThree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("autodebit-hostile-ok-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in try Self.folderContents() where ["good/wechat.csv", "bad/garbage.bin", "bad/empty.csv"].contains(name) {
            try Data(bytes).write(to: folder.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-")))
        }
        let options = ScanOptions(folders: [folder], asOf: CivilDate(year: 2024, month: 4, day: 30)!)
        let r = try Scanner.scan(options, config: try ConfigResolution.load(explicit: nil, folders: options.folders))
        #expect(r.inputStatus == .success)
        #expect(r.outcomes.filter { $0.problem != nil }.count == 2)
    }
}
