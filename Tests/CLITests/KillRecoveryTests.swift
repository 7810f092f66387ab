import Foundation
import Testing
import TestSupport

/// `kill -9` at any moment of a real `autodebit scan` leaves a state the next run opens and
/// completes correctly: same findings, none lost from the "new" alerts.
@Suite(.serialized) struct KillRecoveryTests {
    @Test func aScanKilledAtRandomPointsRecovers() throws {
        let dir = try CronTests().freshSamples()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = try BinaryRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: reference) }
        // What an undisturbed run reports, with its own state, and how long a first run takes.
        let started = Date()
        let clean = try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--state", reference.path,
                                          "--json", reference.appendingPathComponent("clean.json").path])
        let runTime = Date().timeIntervalSince(started)
        #expect(clean.status == 0)
        let expected = try findingIDs(reference.appendingPathComponent("clean.json"))
        #expect(!expected.isEmpty)

        // Kill points spread over a whole run, scaled to the measured run time; the seed
        // makes a failure reproducible. Each run has its own as-of date, so none can reuse
        // the previous detection result and every phase (reading, detecting, remembering,
        // writing) is exposed.
        var rng = SplitMix64(seed: 20251123)
        var killed = 0
        for day in 6..<14 {
            let delay = runTime * 1.2 * Double(rng.next() % 1000) / 1000
            let process = Process()
            process.executableURL = BinaryRunner.binary
            process.arguments = ["scan", dir.path, "--as-of", String(format: "2025-07-%02d", day), "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killed += 1 }
            process.waitUntilExit()
        }
        print("kill recovery: \(killed) of 8 runs killed (a first run takes \(String(format: "%.2f", runTime)) s)")
        #expect(killed > 0, "no run was killed: the kill points all fell after the runs ended")

        // The next run opens the store and completes; it reports exactly the undisturbed
        // findings, and alerts (exit 1) unless a killed run had already finished reporting them.
        let json = dir.appendingPathComponent("after.json")
        let next = try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--exit-code", "--json", json.path])
        #expect(next.status == 0 || next.status == 1, "\(next.stderr)")
        #expect(try findingIDs(json) == expected)
        let again = try BinaryRunner.run(["scan", dir.path, "--as-of", "2025-07-05", "--exit-code"])
        #expect(again.status == 0, "after a completed run nothing is new: \(again.stdout)\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".autodebit/state.sqlite.corrupt-1").path))
    }

    func findingIDs(_ url: URL) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (object["findings"] as! [[String: Any]]).map { $0["id"] as! String }.sorted()
    }
}
