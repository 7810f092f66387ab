import Foundation
import Testing
@testable import Store

@Suite struct LockTests {
    @Test func aSecondOpenInTheSameProcessWaitsThenFails() async throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let holder = try StateStore.open(directory: dir.stateURL)
        let url = dir.stateURL
        // Timed inside the task: with tests running in parallel the task may start late.
        let (outcome, waited) = await Task.detached { () -> ((any Error)?, Duration) in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                try StateStore.open(directory: url, lockTimeout: .milliseconds(300)).close()
                return (nil, clock.now - start)
            } catch { return (error, clock.now - start) }
        }.value
        let expectedPath = url.appendingPathComponent(StateStore.lockName).path
        #expect(outcome as? StoreError == .locked(path: expectedPath, waited: .milliseconds(300)))
        #expect(waited >= .milliseconds(300))
        #expect(waited < .seconds(3))
        #expect((outcome as? StoreError)?.description.contains("another autodebit run") == true)
        try holder.close()
        try StateStore.open(directory: url, lockTimeout: .zero).close()
    }

    @Test func aWaitingOpenGetsTheLockWhenTheHolderCloses() async throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let holder = try StateStore.open(directory: dir.stateURL)
        let url = dir.stateURL
        let waiter = Task.detached { () throws -> String in
            let store = try StateStore.open(directory: url, lockTimeout: .seconds(10))
            defer { try? store.close() }
            return try store.schemaVersion()
        }
        try await Task.sleep(for: .milliseconds(200))
        try holder.close()
        #expect(try await waiter.value == "v2")
    }

    /// Another process holding the lock (a real cron overlap); killing it frees the lock.
    @Test(.enabled(if: ChildProcess.isAvailable)) func anotherProcessHoldsTheLock() throws {
        let dir = try TempDirectory()
        defer { dir.cleanUp() }
        let child = try ChildProcess.start(.holdLock, stateDirectory: dir.stateURL)
        defer { child.kill() }
        try child.waitUntilReady()
        #expect {
            try StateStore.open(directory: dir.stateURL, lockTimeout: .milliseconds(400))
        } throws: { error in
            if case .locked? = error as? StoreError { return true }
            return false
        }
        child.kill()
        let store = try StateStore.open(directory: dir.stateURL, lockTimeout: .seconds(5))
        #expect(try store.integrityCheck() == "ok")
        try store.close()
    }
}
