import Foundation
import Testing

@Suite struct UsageTests {
    @Test func helpExplainsTheToolAndExitsZero() throws {
        let r = try BinaryRunner.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("unwanted automatic deductions"))
        for sub in ["scan", "subscriptions", "cancel", "ack", "formats"] { #expect(r.stdout.contains(sub)) }
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try BinaryRunner.run(["scan"]).status == 2)
        #expect(try BinaryRunner.run(["scan", "samples", "--lang", "fr"]).status == 2)
        #expect(try BinaryRunner.run(["scan", "samples", "--as-of", "2024-02-30"]).status == 2)
        #expect(try BinaryRunner.run(["frobnicate"]).status == 2)
    }

    @Test func aBrokenConfigExitsTwoNamingFileAndLine() throws {
        let dir = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "[[cancellation]]\nmerchant = \"x\"\ndate = \"tomorrow\"\n".write(to: dir.appendingPathComponent("autodebit.toml"), atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["scan", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("autodebit.toml:3: cancellation[1].date: expected a date"), "\(r.stderr)")
    }

    @Test func aMissingFolderIsBadUsage() throws {
        let r = try BinaryRunner.run(["scan", "/nonexistent/statements"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a folder"))
    }

    @Test func cancelAppendsToTheConfigKeepingComments() throws {
        let dir = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("autodebit.toml")
        try "# my notes\n[settings]\nlang = \"en\"\n".write(to: config, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["cancel", dir.path, "--merchant", "九妹卡盟", "--date", "2025-02-10", "--reference", "JM-1", "--channel", "app"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.hasPrefix("# my notes\n[settings]\nlang = \"en\"\n"))
        #expect(text.contains("[[cancellation]]\nmerchant = \"九妹卡盟\"\ndate = 2025-02-10\nreference = \"JM-1\"\nchannel = \"app\"\n"))
        let bad = try BinaryRunner.run(["cancel", dir.path, "--merchant", "x", "--date", "2025-13-01"])
        #expect(bad.status == 2)
    }
}
