import Foundation
@testable import Importers
import Ledger
import TestSupport

/// Locates this package's own fixtures and the shared peer samples, and runs importers on
/// them. Peer samples live beside the project (`../shared/…`); a fresh clone has none, so
/// tests that read them are disabled when the folder is absent.
enum CNTestFiles {
    static let packageRoot = TestPaths.packageRoot

    static func fixture(_ relative: String) -> URL { TestPaths.fixture(relative) }

    static let peers = TestPaths.peers.appendingPathComponent("cn/double-entry-generator")

    static var hasPeers: Bool { FileManager.default.fileExists(atPath: peers.path) }

    static func peer(_ relative: String) -> URL { peers.appendingPathComponent(relative) }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    static func file(_ url: URL, bytes override: [UInt8]? = nil) throws -> StatementFile {
        StatementFile(path: url.lastPathComponent, url: url, bytes: try override ?? bytes(url))
    }

    static func extract(_ importer: some StatementImporter, _ url: URL, bytes override: [UInt8]? = nil) throws -> ExtractResult {
        try importer.extract(try file(url, bytes: override), context: ImportContext())
    }

    /// What the scanner would hand to identify(): the first 16 KiB.
    static func head(_ url: URL) throws -> FileHead {
        FileHead(path: url.lastPathComponent, bytes: Array(try bytes(url).prefix(16 * 1024)))
    }

    /// The sum of signed amounts in minor units.
    static func total(_ transactions: [Transaction]) -> Int64 {
        transactions.reduce(0) { $0 + $1.amount.minorUnits }
    }

    static func at(_ result: ExtractResult, line: Int) -> Transaction? {
        result.transactions.first { $0.source.line == line }
    }

    /// Every fixture this family writes, by the importer type that must claim it.
    static let ownFixtures: [(String, String)] = [
        ("wechat/wechat-2024q1-quirks.csv", "WeChatCSVImporter"),
        ("alipay/alipay-2023-layout.csv", "AlipayCSVImporter"),
        ("alipay/alipay-app-2021-layout.csv", "AlipayCSVImporter"),
        ("alipay/alipay-web-layout.csv", "AlipayCSVImporter"),
        ("cn-bank/cmb-credit-2024-01.csv", "CMBCreditCSVImporter"),
        ("cn-bank/cmb-credit-2024-01-reissued.csv", "CMBCreditCSVImporter"),
        ("cn-bank/cmb-debit-2024-02.csv", "CMBDebitCSVImporter"),
        ("cn-bank/icbc-credit-2024-03.csv", "ICBCCSVImporter"),
        ("cn-bank/icbc-debit-v1-2024-04.csv", "ICBCCSVImporter"),
        ("cn-bank/icbc-debit-v2-2024-01-20_2024-02-10.csv", "ICBCCSVImporter"),
        ("cn-bank/icbc-debit-v2-2024-02-01_2024-03-01.csv", "ICBCCSVImporter"),
    ]
}
