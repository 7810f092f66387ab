import Foundation

/// Wall-clock seconds of each phase of a scan, for `--verbose`: where a slow cron run spends
/// its time is the first thing to ask of it. Never part of a report.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let log: (String) -> Void

    init(log: @escaping (String) -> Void) { self.log = log }

    /// Logs the time since the previous lap (or since the clock started).
    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        log(String(format: "time: %@ %.3f s", phase, Double(now - last) / 1e9))
        last = now
    }
}
