import Config
import Detection
import Foundation
import Importers
import Ledger
import Reporting
import Store

/// Everything one scan found, before anything is written.
public struct ScanResult: Sendable {
    public var outcomes: [FileOutcome]
    public var config: AutodebitConfig
    public var detection: DetectionResult
    public var report: ReportInput
    /// Findings not seen by an earlier run and not acknowledged.
    public var newFindingIDs: Set<String>
    /// Problems worth printing on stderr every run (unreadable and unrecognised files); skipped
    /// rows go to the log (`--verbose`) and the report.
    public var diagnostics: [String]
    /// 3 when a statement could not be read at all, else 0 (the caller adds 1 for `--exit-code`).
    public var inputStatus: ExitStatus
}

/// The main job: import every file of the folders, detect, and build the report input.
public enum Scanner {
    /// `store`, when given, serves unchanged files from its parse cache and records what changed.
    public static func scan(_ options: ScanOptions, config: AutodebitConfig, excluding: Set<String> = [], store: StateStore? = nil,
                            progress: ScanProgress? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> ScanResult {
        var files: [FoundFile] = []
        let multiple = options.folders.count > 1
        var excluded = excluding
        if let file = config.file { excluded.insert(file.standardizedFileURL.path) }
        if let base = config.baseFolder {
            for c in config.detection.cancellations {
                for e in c.evidence { excluded.insert(base.appendingPathComponent(e).standardizedFileURL.path) }
            }
        }
        try requireFolders(options.folders)
        var clock = PhaseClock(log: log)
        for folder in options.folders {
            let prefix = multiple ? folder.standardizedFileURL.lastPathComponent : ""
            do {
                files += try FolderWalker.walk(folder, prefix: prefix, excluding: excluded)
            } catch {
                throw ScanFailure(.unreadableInput, "\(folder.path): cannot list the folder (\(error.localizedDescription))")
            }
        }
        let context = ImportContext(defaultOffset: config.offsetResolver, profiles: config.profiles)
        var diagnostics: [String] = []
        var outcomes: [FileOutcome]
        var reused: DetectionSnapshot?
        let cache = store.map { ImportCache(store: $0, config: config) }
        progress?.begin("reading files", total: files.count)
        if let cache, let unchanged = cache.unchangedOutcomes(files),
           let snapshot = cache.detectionSnapshot(for: unchanged, config: config, asOf: options.asOf) {
            // Nothing changed since a scan that ran detection: reuse its result.
            outcomes = unchanged
            reused = snapshot
        } else if let cache {
            outcomes = cache.load(files, context: context, progress: progress, warn: { diagnostics.append($0) }, log: log)
        } else {
            outcomes = parallelMap(files) { file in
                defer { progress?.advance() }
                return FileReading.read(file, context: context)
            }
        }
        clock.lap("reading \(files.count) files")
        outcomes.removeAll { $0.isOwnOutput }
        MemoryRelease.returnFreedMemory()
        for index in outcomes.indices {
            if !outcomes[index].transactions.isEmpty { outcomes[index].transactionCount = outcomes[index].transactions.count }
            let o = outcomes[index]
            if let problem = o.problem { diagnostics.append(problem) }
            for s in o.skipped { log("\(o.file.relativePath):\(s.line): skipped: \(s.reason)") }
            if let format = o.format, o.problem == nil {
                log("\(o.fromCache ? "cached" : "read") \(o.file.relativePath) as \(format): \(o.transactionCount) transactions, \(o.skipped.count) skipped")
            }
        }
        var transactions = TransactionMerge.moveAll(from: &outcomes)
        MemoryRelease.returnFreedMemory()
        clock.lap("merging")
        let detection: DetectionResult
        let period: ClosedRange<CivilDate>?
        if let reused {
            detection = reused.result
            period = reused.period
            log("detection: reused the result of the previous scan (no file, setting or date changed)")
            clock.lap("detection")
        } else {
            progress?.begin("finding recurring charges in \(transactions.count) transactions", total: 0)
            let found = Detector.run(transactions, config: config.detection, asOf: options.asOf)
            clock.lap("detection")
            detection = cache?.withCitedRawRows(found) ?? found
            period = Self.period(transactions)
            let merged = BackgroundRelease(transactions)
            transactions = []
            merged.release()
            if let warning = cache?.commit.finish() { diagnostics.append(warning) }
            clock.lap("reading back the \(detection.findings.count) findings' rows")
            cache?.saveDetectionSnapshot(DetectionSnapshot(result: detection, period: period), for: outcomes, config: config,
                                         asOf: options.asOf) { diagnostics.append($0) }
            clock.lap("saving the detection result")
        }
        let language = ReportLanguage(rawValue: options.language ?? config.language ?? LanguageDefault.fromEnvironment()) ?? .zh
        let report = ReportInput(
            asOf: options.asOf, language: language, sources: outcomes.map(reportSource),
            detection: detection, newFindingIDs: Set(detection.findings.map(\.id)),
            evidence: EvidenceHashing.hash(config: config), holder: Holder.find(in: outcomes),
            period: period)
        return ScanResult(outcomes: outcomes, config: config, detection: detection, report: report,
                          newFindingIDs: Set(detection.findings.map(\.id)), diagnostics: diagnostics,
                          inputStatus: outcomes.contains { $0.failed } ? .unreadableInput : .success)
    }

    /// Every folder to scan must exist and be a folder (bad usage otherwise, exit 2).
    static func requireFolders(_ folders: [URL]) throws {
        for folder in folders {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
                throw ScanFailure(.usage, "\(folder.path): not a folder")
            }
        }
    }

    /// The span of all transaction dates, in one pass.
    static func period(_ transactions: [Transaction]) -> ClosedRange<CivilDate>? {
        guard var low = transactions.first?.date, var high = transactions.first?.date else { return nil }
        for t in transactions {
            let d = t.date
            if d < low { low = d }
            if high < d { high = d }
        }
        return low...high
    }

    static func reportSource(_ o: FileOutcome) -> ReportSource {
        ReportSource(path: o.file.relativePath, sha256: o.sha256, format: o.format, transactionCount: o.transactionCount,
                     skipped: o.skipped.map { (line: $0.line, reason: $0.reason) }, problem: o.problem)
    }
}

enum LanguageDefault {
    /// `LANG=en_US.UTF-8` → en; anything Chinese or unset → zh (the tool's home audience).
    static func fromEnvironment() -> String {
        let lang = ProcessInfo.processInfo.environment["LC_ALL"] ?? ProcessInfo.processInfo.environment["LANG"] ?? ""
        return lang.lowercased().hasPrefix("en") ? "en" : "zh"
    }
}

enum Holder {
    /// The account holder's name as a statement gives it (`微信昵称：[…]`, `姓名：…`), if any.
    static func find(in outcomes: [FileOutcome]) -> String? {
        for o in outcomes {
            for note in o.notes {
                for prefix in ["holder:", "微信昵称：", "姓名：", "户名："] where note.hasPrefix(prefix) {
                    let name = note.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
                    if !name.isEmpty && name != "xx" { return name }
                }
            }
        }
        return nil
    }
}

enum EvidenceHashing {
    /// Evidence files named by cancellations, hashed; a missing file is reported as such.
    static func hash(config: AutodebitConfig) -> [String: EvidenceFile] {
        var out: [String: EvidenceFile] = [:]
        guard let base = config.baseFolder else { return out }
        for c in config.detection.cancellations {
            for path in c.evidence where out[path] == nil {
                let url = base.appendingPathComponent(path)
                if let bytes = try? FileReading.readAll(url) {
                    var d = FileDigest()
                    d.update(bytes)
                    out[path] = EvidenceFile(path: path, sha256: d.finalize())
                } else {
                    out[path] = EvidenceFile(path: path, sha256: nil)
                }
            }
        }
        return out
    }
}
