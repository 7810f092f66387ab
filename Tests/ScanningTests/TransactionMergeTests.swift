import Foundation
import Ledger
import Testing
@testable import Scanning

/// The merge moves transactions instead of copying them; it must still hand detection every
/// transaction of every file, in file order, with every field intact.
@Suite struct TransactionMergeTests {
    func outcome(_ path: String, _ transactions: [Transaction]) -> FileOutcome {
        let file = FoundFile(url: URL(fileURLWithPath: "/tmp/" + path), relativePath: path, size: 0, modified: 0, inode: 0)
        return FileOutcome(file: file, sha256: "", format: "wechat-csv", transactions: transactions, skipped: [], notes: [],
                           problem: nil, failed: false)
    }

    func transaction(_ path: String, _ line: Int) -> Transaction {
        // Long strings live on the heap: a wrong move would free or share them.
        Transaction(id: "4200001234\(path)\(line)-long-enough-to-be-on-the-heap", format: "wechat-csv",
                    source: SourceLocation(path: path, line: line),
                    time: Timestamp(epochSeconds: 1_700_000_000 + Int64(line), offsetSeconds: 28_800),
                    amount: Money(minorUnits: -Int64(line) * 100, currency: Currency("CNY")),
                    counterparty: "腾讯视频会员自动续费服务\(line % 3)", product: "月度会员", merchantOrderID: line % 2 == 0 ? "order-\(line)" : nil,
                    channel: .wechat, kind: .payment, rawRow: "2025-01-0\(line % 9 + 1),商户消费,腾讯视频,\(line)")
    }

    @Test func movesEveryTransactionInFileOrderAndEmptiesTheOutcomes() {
        let files = [("a.csv", 0..<5), ("empty.csv", 0..<0), ("b.csv", 10..<13), ("c.csv", 20..<21)]
        let expected = files.flatMap { path, lines in lines.map { transaction(path, $0) } }
        var outcomes = files.map { path, lines in outcome(path, lines.map { transaction(path, $0) }) }
        let merged = TransactionMerge.moveAll(from: &outcomes)
        #expect(merged == expected)
        #expect(merged.map(\.rawRow) == expected.map(\.rawRow))
        #expect(outcomes.allSatisfy { $0.transactions.isEmpty })
        #expect(outcomes.map(\.file.relativePath) == files.map(\.0))
    }

    @Test func nothingToMerge() {
        var none: [FileOutcome] = []
        #expect(TransactionMerge.moveAll(from: &none).isEmpty)
        var empties = [outcome("x.csv", []), outcome("y.csv", [])]
        #expect(TransactionMerge.moveAll(from: &empties).isEmpty)
    }
}
