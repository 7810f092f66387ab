import Config
import Detection
import Foundation
import Ledger
import Scanning
import Testing
import TestSupport

/// The README's first command must show the demo's point: the 卡盟 membership cancelled on
/// 2025-02-10 charged ¥30 on the 3rd of March, April, May and June 2025.
@Suite struct SamplesScanTests {
    static var samples: URL { TestPaths.packageRoot.appendingPathComponent("samples") }

    func scan() throws -> ScanResult {
        let options = ScanOptions(folders: [Self.samples], asOf: CivilDate(year: 2025, month: 7, day: 5)!)
        let config = try ConfigResolution.load(explicit: nil, folders: options.folders)
        return try Scanner.scan(options, config: config)
    }

    @Test func readsBothStatementsCompletely() throws {
        let r = try scan()
        let formats = r.outcomes.compactMap(\.format).sorted()
        #expect(formats == ["alipay-csv", "wechat-csv"])
        // Row counts as the exports' own 共N笔记录 lines state them.
        #expect(r.outcomes.first { $0.format == "wechat-csv" }?.transactionCount == 534)
        #expect(r.outcomes.first { $0.format == "alipay-csv" }?.transactionCount == 396)
        #expect(r.outcomes.allSatisfy { $0.skipped.isEmpty && $0.problem == nil })
        #expect(r.inputStatus == .success)
    }

    @Test func findsTheChargesAfterTheCancellation() throws {
        let r = try scan()
        let finding = try #require(r.detection.findings.first { $0.kind == .chargeAfterCancellation })
        #expect(finding.merchant.contains("九妹卡盟"))
        #expect(finding.transactions.map(\.date.description) == ["2025-03-03", "2025-04-03", "2025-05-03", "2025-06-03"])
        #expect(finding.amount == Money(minorUnits: 12000, currency: .cny))
        #expect(finding.severity == .high)
        #expect(r.detection.findings.first?.kind == .chargeAfterCancellation)
    }

    @Test func sameFolderSameResult() throws {
        let a = try scan(), b = try scan()
        #expect(a.detection.findings.map(\.id) == b.detection.findings.map(\.id))
        #expect(a.detection.subscriptions.map(\.id) == b.detection.subscriptions.map(\.id))
    }
}
