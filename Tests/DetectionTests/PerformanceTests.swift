import Detection
import Ledger
import Testing
import TestSupport

/// Opt-in (AUTODEBIT_PERF=1): times the detection on about a million transactions, many
/// generated people put together, and checks the growth is near n log n, not quadratic.
@Suite struct PerformanceTests {
    static let enabled = Environment.flag("AUTODEBIT_PERF")

    @Test(.enabled(if: PerformanceTests.enabled)) func aMillionTransactionsScaleNearlyLinearly() {
        var all: [Transaction] = []
        var seed: UInt64 = 1
        while all.count < 1_000_000 {
            let person = PersonGenerator.generate(seed: seed)
            all += person.transactions.map { t in
                var t = t
                t.id = "p\(seed)-" + t.id
                t.counterparty += " \(seed % 40)"   // many merchants, as many people's exports would have
                return t
            }
            seed += 1
        }
        let asOf = CivilDate(year: 2026, month: 1, day: 1)!
        func time(_ n: Int) -> Double {
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = Detector.run(Array(all.prefix(n)), config: DetectionConfig(), asOf: asOf) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let small = time(all.count / 8)
        let large = time(all.count)
        print("detection: \(all.count / 8) transactions in \(small) s, \(all.count) in \(large) s")
        #expect(large / max(small, 0.001) < 16, "growth from n/8 to n should be about 8–10×, not 64×")
    }
}

enum Environment {
    static func flag(_ name: String) -> Bool {
        guard let value = getenv(name) else { return false }
        return String(cString: value) == "1"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
