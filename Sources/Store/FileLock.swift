#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a file, held until `release()`. flock locks belong to the open
/// file description, so a second `acquire` on the same path conflicts even inside the same
/// process, and the kernel drops the lock when the process dies (a `kill -9` leaves no stale
/// lock behind).
final class FileLock: @unchecked Sendable {
    private var descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Tries every 20 ms until `timeout` has passed, then throws `StoreError.locked`.
    static func acquire(path: String, timeout: Duration) throws -> FileLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, reason: errnoText()) }
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                let lock = FileLock(descriptor: fd, path: path)
                lock.writeOwner()
                return lock
            }
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                let reason = errnoText()
                close(fd)
                throw StoreError.cannotCreate(path: path, reason: "cannot lock: \(reason)")
            }
            if clock.now - start >= timeout {
                close(fd)
                throw StoreError.locked(path: path, waited: timeout)
            }
            usleep(20_000)
        }
    }

    /// The holder's pid, for a person inspecting the lock file; nothing reads it back.
    private func writeOwner() {
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

func errnoText() -> String { String(cString: strerror(errno)) }
