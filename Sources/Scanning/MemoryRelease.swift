#if canImport(Glibc)
import Glibc
#endif

/// glibc keeps freed heap memory for reuse instead of giving it back; the per-file transaction
/// arrays freed while they are merged into one would otherwise stay resident beside the merged
/// array, adding a third to a big scan's peak memory. (`malloc_trim` is looked up at run time:
/// Swift's Glibc module does not export malloc.h, and other C libraries lack it.)
enum MemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static func returnFreedMemory() {
        _ = trim?(0)
    }
}
