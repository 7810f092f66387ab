import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread for work that only has to be done before the program exits (writing the parse
/// cache, copying the write-ahead log into the database): it runs at a lower priority, so
/// that on a small machine the scan's own work keeps the cores while it waits for the disk.
public enum BackgroundThread {
    public static func start(_ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            #if os(Linux)
            // Linux keeps the nice value per thread; 0 names the calling one.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            body()
        }
    }
}
