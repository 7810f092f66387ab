import Foundation
import Testing
@testable import Importers
import Ledger

/// Each Chinese importer claims its own files and no other's, by content only.
@Suite struct CNImporterIdentifyTests {
    let importers: [any StatementImporter] = [
        WeChatCSVImporter(), AlipayCSVImporter(), CMBCreditCSVImporter(), CMBDebitCSVImporter(), ICBCCSVImporter(),
    ]

    @Test func ownFixturesAreClaimedByExactlyTheirImporter() throws {
        for (path, expected) in CNTestFiles.ownFixtures {
            let head = try CNTestFiles.head(CNTestFiles.fixture(path))
            let claiming = importers.filter { $0.identify(head, context: ImportContext()) }.map { "\(type(of: $0))" }
            #expect(claiming == [expected], "\(path)")
        }
    }

    @Test(.enabled(if: CNTestFiles.hasPeers)) func peerFilesAreClaimedByTheRightImporterOnly() throws {
        let expectations: [(String, String?)] = [
            ("wechat/example-wechat-records.csv", "WeChatCSVImporter"),
            ("wechat/history-csv-2019_bbd5c9dd/example-wechat-records.csv", "WeChatCSVImporter"),
            ("wechat/example-wechat-records.xlsx", nil),
            ("alipay/example-alipay-records.csv", "AlipayCSVImporter"),
            ("alipay/history-app-2021-layout_79ee3196/example-alipay-records.csv", "AlipayCSVImporter"),
            ("alipay/history-web-2019-layout_e204a828/example-alipay-records.csv", "AlipayCSVImporter"),
            ("cmb_credit/example-cmb-records.csv", "CMBCreditCSVImporter"),
            ("cmb_debit/example-cmb-records.csv", "CMBDebitCSVImporter"),
            ("icbc_credit/example-icbc-credit-records.csv", "ICBCCSVImporter"),
            ("icbc_debit-v1/example-icbc-debit-v1-records.csv", "ICBCCSVImporter"),
            ("icbc_debit-v2/example-icbc-debit-v2-records.csv", "ICBCCSVImporter"),
            // Other banks go through the generic CSV profile: none of these may claim them.
            ("abc_debit/example-abc_debit-records.csv", nil),
            ("boc_debit/example-boc-records.csv", nil),
            ("bocom_debit/example-bocom_debit-records.csv", nil),
            ("hsbchk_debit/example-hsbchk-debit-records.csv", nil),
            ("jd/example-jd-records.csv", nil),
            ("mt/example-mt-records.csv", nil),
        ]
        for (path, expected) in expectations {
            let url = CNTestFiles.peer(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let head = try CNTestFiles.head(url)
            let claiming = importers.filter { $0.identify(head, context: ImportContext()) }.map { "\(type(of: $0))" }
            #expect(claiming == (expected.map { [$0] } ?? []), "\(path)")
        }
    }

    /// Files written for the other importers (OFX, camt, XLSX, generic CSV …) are not ours.
    @Test func otherFormatsFixturesAreRejected() throws {
        let root = CNTestFiles.packageRoot.appendingPathComponent("Fixtures")
        let ours: Set<String> = ["wechat", "alipay", "cn-bank"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        var checked = 0
        for case let url as URL in walker where !url.hasDirectoryPath {
            let relative = url.path.dropFirst(root.path.count + 1)
            guard let top = relative.split(separator: "/").first, !ours.contains(String(top)) else { continue }
            let head = try CNTestFiles.head(url)
            let claiming = importers.filter { $0.identify(head, context: ImportContext()) }.map { "\(type(of: $0))" }
            #expect(claiming.isEmpty, "\(relative)")
            checked += 1
        }
        #expect(checked > 0, "the other importers' fixtures should be there to check against")
    }

    @Test func theFileNameDoesNotMatter() throws {
        let bytes = try CNTestFiles.bytes(CNTestFiles.fixture("alipay/alipay-web-layout.csv"))
        let head = FileHead(path: "statement.txt", bytes: bytes)
        #expect(AlipayCSVImporter().identify(head, context: ImportContext()))
        #expect(!WeChatCSVImporter().identify(FileHead(path: "微信支付账单.csv", bytes: bytes), context: ImportContext()))
    }

    @Test func registryListsThemBeforeAnyGenericImporter() {
        let formats = ImporterRegistry.all.map(\.format)
        for format in ["wechat-csv", "alipay-csv", "cn-bank-csv"] {
            #expect(formats.contains(format))
        }
        if let generic = formats.firstIndex(of: "csv") {
            #expect(formats.firstIndex(of: "cn-bank-csv")! < generic)
        }
    }
}
