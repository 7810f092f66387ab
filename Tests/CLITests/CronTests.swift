import Foundation
import Testing

/// What a cron user relies on: quiet when nothing changed, exit 1 when a new finding appears,
/// silence after `ack`, a second run waiting for the first and then giving up with exit 4.
@Suite(.serialized) struct CronTests {
    /// A copy of the demo folder, without the state a previous run may have left in it.
    func freshSamples() throws -> URL {
        let dir = try BinaryRunner.temporaryFolder()
        let samples = BinaryRunner.packageRoot.appendingPathComponent("samples")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func scan(_ dir: URL, _ extra: [String] = []) throws -> BinaryRunner.Output {
        try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--exit-code", "--json", dir.appendingPathComponent("out.json").path] + extra)
    }

    /// A WeChat CSV holding one more 卡盟 renewal, on 2025-07-03, after the cancellation.
    func laterStatement() -> String {
        let header = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"
        let preamble = ["微信支付账单明细", "微信昵称：[小明]", "起始时间：[2025-07-01 00:00:00] 终止时间：[2025-07-04 23:59:59]",
                        "导出类型：[全部]", "导出时间：[2025-07-05 08:00:00]", "", "共1笔记录", "收入：0笔 0.00元", "支出：1笔 30.00元",
                        "中性交易：0笔 0.00元", "注：", "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
                        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用", "",
                        "----------------------微信支付账单明细列表--------------------"].map { $0 + ",,,,,,,,,," }
        let row = "2025-07-03 02:11:09,商户消费,九妹卡盟,九妹卡盟VIP会员自动续费,支出,¥30.00,零钱,支付成功,4200000199900011112222333344\t,JM00199900011122000000\t,/\n"
        return preamble.joined(separator: "\n") + "\n" + header + row
    }

    @Test func quietWhenNothingChangedLoudWhenSomethingDid() throws {
        let dir = try freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try scan(dir)
        #expect(first.status == 1, "the first run sees every finding for the first time: \(first.stderr)")
        let second = try scan(dir), third = try scan(dir)
        #expect(second.status == 0 && third.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains(", 0 new"))

        // A new statement with a new post-cancellation charge.
        try laterStatement().write(to: dir.appendingPathComponent("wechat/微信支付账单(20250701-20250704).csv"), atomically: true, encoding: .utf8)
        let fourth = try scan(dir)
        #expect(fourth.status == 1, "\(fourth.stdout)\(fourth.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out.json"))) as! [String: Any]
        let findings = json["findings"] as! [[String: Any]]
        let after = try #require(findings.first { $0["kind"] as? String == "charge-after-cancellation" })
        #expect(after["new"] as? Bool == true)
        #expect((after["transactions"] as! [[String: Any]]).count == 5)
        #expect(after["amount"] as? String == "150.00")

        // ack silences it: the next run exits 0 and the finding is listed as acknowledged.
        let id = after["id"] as! String
        let ack = try BinaryRunner.run(["ack", dir.path, String(id.prefix(9))])
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains(id))
        let fifth = try scan(dir)
        #expect(fifth.status == 0, "\(fifth.stdout)\(fifth.stderr)")
        let json5 = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out.json"))) as! [String: Any]
        let acked = (json5["findings"] as! [[String: Any]]).first { $0["id"] as? String == id }
        #expect(acked?["acknowledged"] as? Bool == true)
    }

    @Test func ackOfAnUnknownFindingIsBadUsage() throws {
        let dir = try freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try scan(dir)
        let r = try BinaryRunner.run(["ack", dir.path, "f-0000nothing"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no finding f-0000nothing"))
    }

    @Test func stateAndReportsArePrivate() throws {
        let dir = try freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try scan(dir)
        let state = dir.appendingPathComponent(".autodebit")
        func mode(_ url: URL) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue & 0o777
        }
        #expect(try mode(state) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: state.path) {
            #expect(try mode(state.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        #expect(try mode(dir.appendingPathComponent("out.json")) == 0o600)
    }

    @Test func aSecondRunWaitsForTheLockThenExitsFour() throws {
        let dir = try freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try scan(dir)
        // Hold the folder's lock from this process the way a running scan does.
        let lockPath = dir.appendingPathComponent(".autodebit/lock").path
        let fd = open(lockPath, O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let started = Date()
        let r = try scan(dir)
        let waited = Date().timeIntervalSince(started)
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.lowercased().contains("lock"), "\(r.stderr)")
        #expect(waited >= 1, "it should wait briefly before giving up, waited \(waited) s")
        flock(fd, LOCK_UN)
        #expect(try scan(dir).status == 0)
    }

    @Test func jsonIsByteIdenticalAcrossRuns() throws {
        let dir = try freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        let ra = dir.appendingPathComponent("a.md"), rb = dir.appendingPathComponent("b.md")
        // With separate state folders both runs see every finding as new: the bytes must match.
        // The outputs and one state folder sit inside the scanned folder: they must not be read back.
        let outside = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        _ = try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--json", a.path, "--report", ra.path, "--state", dir.appendingPathComponent("s1").path])
        _ = try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--json", b.path, "--report", rb.path, "--state", outside.path])
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let ma = try String(contentsOf: ra, encoding: .utf8), mb = try String(contentsOf: rb, encoding: .utf8)
        #expect(ma.replacingOccurrences(of: "a-f-", with: "X-f-") == mb.replacingOccurrences(of: "b-f-", with: "X-f-"))
    }
}
