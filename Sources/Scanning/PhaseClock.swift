import Foundation

/// Wall-clock seconds of each phase of a scan and the peak memory so far, for `--verbose`:
/// where a slow or big cron run spends its time and memory is the first thing to ask of it.
/// Never part of a report.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let log: (String) -> Void

    init(log: @escaping (String) -> Void) { self.log = log }

    /// Logs the time since the previous lap (or since the clock started).
    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        log(String(format: "time: %@ %.3f s (peak memory so far %d MB)", phase, Double(now - last) / 1e9, Self.peakMegabytes()))
        last = now
    }

    /// The process's peak resident memory (getrusage reports kilobytes on Linux).
    static func peakMegabytes() -> Int {
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        var usage = rusage()
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if os(Linux)
        return usage.ru_maxrss / 1024
        #else
        return usage.ru_maxrss / (1024 * 1024)
        #endif
    }
}
