import Foundation
import Testing
@testable import Store
#if canImport(Glibc)
import Glibc
private let sendSignal = Glibc.kill
#elseif canImport(Darwin)
import Darwin
private let sendSignal = Darwin.kill
#endif

/// A second process for the lock and kill tests: this same test binary started again with
/// an environment variable naming its role and a filter that runs only `childProcessEntry`.
/// It needs the binary's own path, which Linux gives as /proc/self/exe; elsewhere (macOS runs
/// tests inside a host process) these tests are skipped.
struct ChildProcess {
    enum Role: String {
        /// Opens the store and holds its lock until killed.
        case holdLock = "hold-lock"
        /// Commits big imports in a loop until killed.
        case crashWriter = "crash-writer"
    }

    static let roleVariable = "AUTODEBIT_STORE_TEST_CHILD"
    static let directoryVariable = "AUTODEBIT_STORE_TEST_DIR"

    static var role: Role? { ProcessInfo.processInfo.environment[roleVariable].flatMap(Role.init) }

    static var executable: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    static var isAvailable: Bool { role == nil && executable != nil }

    /// The child's report of how far it got: a number written after each commit.
    static func progressURL(stateDirectory: URL) -> URL {
        stateDirectory.deletingLastPathComponent().appendingPathComponent("child-progress")
    }

    let process: Process
    let progressURL: URL

    static func start(_ role: Role, stateDirectory: URL) throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(executable))
        process.arguments = ["--testing-library", "swift-testing", "--filter", "childProcessEntry"]
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role.rawValue
        environment[directoryVariable] = stateDirectory.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let progress = progressURL(stateDirectory: stateDirectory)
        try? FileManager.default.removeItem(at: progress)
        try process.run()
        return ChildProcess(process: process, progressURL: progress)
    }

    /// The last number the child wrote, or nil before it wrote any.
    var progress: Int? {
        (try? String(contentsOf: progressURL, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func waitUntilReady(timeout: Duration = .seconds(60)) throws {
        let clock = ContinuousClock()
        let start = clock.now
        while progress == nil {
            guard process.isRunning else { throw ChildFailure(message: "child exited with status \(process.terminationStatus) before it was ready") }
            guard clock.now - start < timeout else { throw ChildFailure(message: "child not ready after \(timeout)") }
            usleep(10_000)
        }
    }

    func kill() {
        guard process.isRunning else { return }
        _ = sendSignal(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct ChildFailure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    /// Written by the child: temp file then rename, so the parent never reads half a number.
    static func report(_ n: Int, stateDirectory: URL) throws {
        let url = progressURL(stateDirectory: stateDirectory)
        let temp = url.appendingPathExtension("tmp")
        try Data("\(n)\n".utf8).write(to: temp)
        guard rename(temp.path, url.path) == 0 else { throw ChildFailure(message: "rename failed") }
    }
}

/// The child's side. In a normal test run it is skipped (no role in the environment).
@Suite struct ChildProcessEntry {
    @Test(.enabled(if: ChildProcess.role != nil)) func childProcessEntry() throws {
        let directory = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment[ChildProcess.directoryVariable]))
        switch try #require(ChildProcess.role) {
        case .holdLock:
            let store = try StateStore.open(directory: directory)
            try ChildProcess.report(0, stateDirectory: directory)
            sleep(120)
            try store.close()
        case .crashWriter:
            try CrashWorkload.writeForever(stateDirectory: directory)
        }
    }
}
