import Detection
import Foundation
import Importers
import Ledger

// Times each importer's extract (identify is timed apart) on the files of a generated folder (one file at a time, one core) and
// detection on a tenth of the people versus all of them. Prints markdown table rows.
//   AutodebitBench FOLDER [--as-of YYYY-MM-DD] [--only FORMAT] [--no-detection] [--dump-detection FILE]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let folderPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: AutodebitBench FOLDER [--as-of YYYY-MM-DD]\n".utf8))
    exit(2)
}
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let asOf = option("--as-of").flatMap { CivilDate($0) } ?? CivilDate(year: 2025, month: 7, day: 1)!
let folder = URL(fileURLWithPath: folderPath).standardizedFileURL
let onlyFormat = option("--only")
let runDetection = !arguments.contains("--no-detection")
/// `--dump-detection FILE`: a deterministic text dump of the result on all people, to prove a
/// faster detection gives the same answer (`cmp` two dumps).
let dumpPath = option("--dump-detection")

/// Seconds of CPU this thread used, and of wall clock.
struct Clock {
    static func thread() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    /// CPU of every thread of the process (detection may run on several).
    static func process() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    static func wall() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

struct FormatFigures {
    var files = 0, bytes = 0, rows = 0, skipped = 0
    var wall = 0.0, cpu = 0.0
}

// Every regular file under the folder, sorted so that runs are comparable.
var paths: [String] = []
if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        paths.append(url.path)
    }
}
paths.sort()

let context = ImportContext()
var figures: [String: FormatFigures] = [:]
var byPerson: [String: [Transaction]] = [:]
var failures = 0
var identifyWall = 0.0
for path in paths {
    let url = URL(fileURLWithPath: path)
    guard let data = try? Data(contentsOf: url) else { continue }
    let bytes = [UInt8](data)
    let relative = String(path.dropFirst(folder.path.count + 1))
    let person = relative.split(separator: "/").first.map(String.init) ?? ""
    let identifyStart = Clock.wall()
    let head = FileHead(path: relative, bytes: Array(bytes.prefix(64 * 1024)), url: url)
    let found = ImporterRegistry.identify(head, context: context)
    identifyWall += Clock.wall() - identifyStart
    guard let importer = found else {
        FileHandle.standardError.write(Data("not recognised: \(relative)\n".utf8))
        failures += 1
        continue
    }
    if let onlyFormat, importer.format != onlyFormat { continue }
    let wall0 = Clock.wall(), cpu0 = Clock.thread()
    do {
        let result = try importer.extract(StatementFile(path: relative, url: url, bytes: bytes), context: context)
        let wall = Clock.wall() - wall0, cpu = Clock.thread() - cpu0
        var f = figures[importer.format, default: FormatFigures()]
        f.files += 1; f.bytes += bytes.count; f.rows += result.transactions.count; f.skipped += result.skipped.count
        f.wall += wall; f.cpu += cpu
        figures[importer.format] = f
        byPerson[person, default: []] += result.transactions
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        failures += 1
    }
}

print("| importer | files | MB | transactions | skipped | wall s | CPU s | MB/s | rows/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
var total = FormatFigures()
for (format, f) in figures.sorted(by: { $0.key < $1.key }) {
    let mb = Double(f.bytes) / 1e6
    print(String(format: "| %@ | %d | %.1f | %d | %d | %.2f | %.2f | %.1f | %.0f |", format, f.files, mb, f.rows, f.skipped,
                 f.wall, f.cpu, mb / f.wall, Double(f.rows) / f.wall))
    total.files += f.files; total.bytes += f.bytes; total.rows += f.rows; total.skipped += f.skipped
    total.wall += f.wall; total.cpu += f.cpu
}
print(String(format: "| all (one core) | %d | %.1f | %d | %d | %.2f | %.2f | %.1f | %.0f |", total.files, Double(total.bytes) / 1e6,
             total.rows, total.skipped, total.wall, total.cpu, Double(total.bytes) / 1e6 / total.wall, Double(total.rows) / total.wall))
print(String(format: "\nRecognising the format of all %d files (head decoding + every importer's identify): %.2f s, %.1f ms per file.",
             paths.count, identifyWall, identifyWall * 1000 / Double(max(1, paths.count))))
if failures > 0 { print("\n\(failures) files failed to import") }

// Detection alone: the first tenth of the people, then everybody.
if !runDetection { exit(0) }
let people = byPerson.keys.sorted()
var subsets: [(String, [Transaction])] = []
let tenth = max(1, people.count / 10)
subsets.append(("1/10 of the people", people.prefix(tenth).flatMap { byPerson[$0]! }))
subsets.append(("all people", people.flatMap { byPerson[$0]! }))
print("\n| detection on | transactions | wall s | CPU s | µs per transaction | subscriptions | findings |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (label, transactions) in subsets {
    let wall0 = Clock.wall(), cpu0 = Clock.process()
    let result = Detector.run(transactions, config: DetectionConfig(), asOf: asOf)
    let wall = Clock.wall() - wall0, cpu = Clock.process() - cpu0
    print(String(format: "| %@ | %d | %.2f | %.2f | %.2f | %d | %d |", label, transactions.count, wall, cpu,
                 wall * 1e6 / Double(transactions.count), result.subscriptions.count, result.findings.count))
    if let dumpPath, label == "all people" { DetectionDump.write(result, to: dumpPath) }
}

/// One line per subscription, finding and link, in result order, with every field the report uses.
enum DetectionDump {
    static func write(_ result: DetectionResult, to path: String) {
        var out = ""
        out.reserveCapacity(64 << 20)
        func ids(_ ts: [Transaction]) -> String { ts.map(\.id).joined(separator: ",") }
        for s in result.subscriptions {
            out += "S \(s.id) \(s.merchant) \(s.merchantKey) \(s.cadence) \(s.amount.minorUnits) \(s.amount.currency.code) "
            out += "\(s.status.rawValue) \(s.first) \(s.last) \(s.nextExpected.map { "\($0)" } ?? "-") "
            out += "\(s.channels.map { "\($0)" }.joined(separator: ",")) [\(ids(s.transactions))]\n"
        }
        for f in result.findings {
            out += "F \(f.id) \(f.kind.rawValue) \(f.severity.rawValue) \(f.merchant) \(f.subscriptionID ?? "-") "
            out += "\(f.amount.minorUnits) \(f.amount.currency.code) \(f.refunded.map { "\($0.minorUnits)" } ?? "-") "
            out += "[\(ids(f.transactions))] \(f.detail) \(f.deadlines.map { "\($0.rule)@\($0.date)" }.joined(separator: ","))\n"
        }
        for l in result.links { out += "L \(l.kind.rawValue) \(l.primary) \(l.secondary)\n" }
        _ = FileManager.default.createFile(atPath: path, contents: Data(out.utf8))
    }
}
