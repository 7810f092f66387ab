import Foundation

/// A progress line for long scans: silent for the first second, then redrawn on stderr a few
/// times a second while files are read and findings computed. Only for a terminal: cron's
/// output stays the summary alone.
public final class ScanProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var phase = ""
    private var done = 0
    private var total = 0
    private var finished = false
    private var drawn = false
    private let console: Console

    public init(console: Console) {
        self.console = console
    }

    func begin(_ phase: String, total: Int) {
        lock.lock(); self.phase = phase; self.total = total; done = 0; lock.unlock()
    }

    func advance() {
        lock.lock(); done += 1; lock.unlock()
    }

    /// Starts drawing after `delay` seconds unless `stop()` came first.
    func start(delay: Double = 1.0) {
        guard console.stderrIsTerminal, !console.quiet else { return }
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: delay)
            while true {
                lock.lock()
                let line = total > 0 ? "autodebit: \(phase) \(done)/\(total)" : "autodebit: \(phase)"
                let over = finished
                lock.unlock()
                if over { return }
                console.progress(line)
                lock.lock(); drawn = true; lock.unlock()
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    func stop() {
        lock.lock()
        let clear = !finished && drawn
        finished = true
        lock.unlock()
        if clear { console.endProgress() }
    }
}
