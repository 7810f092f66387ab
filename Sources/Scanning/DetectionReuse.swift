import Config
import Detection
import Foundation
import Importers
import Ledger
import Store

/// A scan of a folder where nothing changed reuses the previous detection result: cron runs
/// the same scan every day, and loading a million cached transactions to find the same
/// findings again costs seconds. Whether anything changed is decided from file stamps and the
/// parse cache's summaries alone; no transaction is loaded.
extension ImportCache {
    /// One outcome per file, from the cache's summaries, when every file's stamp is the one
    /// recorded (the tool's own reports and figures aside); nil as soon as one is new or changed.
    func unchangedOutcomes(_ files: [FoundFile]) -> [FileOutcome]? {
        var stamped: [(path: String, stamp: FileStamp)] = []
        stamped.reserveCapacity(files.count)
        for file in files {
            guard let stamp = FileStamp.of(path: file.url.path) else { return nil }
            stamped.append((file.relativePath, stamp))
        }
        guard let summaries = try? store.cachedSummaries(stamped, parserKey: parserKey) else { return nil }
        var outcomes: [FileOutcome] = []
        outcomes.reserveCapacity(files.count)
        for file in files {
            if let summary = summaries[file.relativePath] {
                outcomes.append(Self.outcome(file, summary))
            } else if Self.isOwnOutput(file) {
                var own = FileOutcome(file: file, sha256: "", format: nil, transactions: [], skipped: [], notes: [], problem: nil, failed: false)
                own.isOwnOutput = true
                outcomes.append(own)
            } else {
                return nil
            }
        }
        return outcomes
    }

    func detectionSnapshot(for outcomes: [FileOutcome], config: AutodebitConfig, asOf: CivilDate) -> DetectionSnapshot? {
        try? store.detectionSnapshot(key: SnapshotKey.make(parserKey: parserKey, outcomes: outcomes, config: config, asOf: asOf))
    }

    func saveDetectionSnapshot(_ snapshot: DetectionSnapshot, for outcomes: [FileOutcome], config: AutodebitConfig, asOf: CivilDate,
                               warn: (String) -> Void) {
        // A file that failed to hash has no identity to key on: never reuse such a result.
        guard !outcomes.contains(where: { $0.sha256.isEmpty }) else { return }
        do {
            try store.saveDetectionSnapshot(snapshot, key: SnapshotKey.make(parserKey: parserKey, outcomes: outcomes, config: config, asOf: asOf))
        } catch {
            warn("state: the detection result could not be saved (\(error)); the next scan will run detection again")
        }
    }

    static func outcome(_ file: FoundFile, _ s: SourceSummary) -> FileOutcome {
        var o = FileOutcome(file: file, sha256: s.sha256, format: s.format.isEmpty ? nil : s.format, transactions: [],
                            skipped: s.skipped.map { SkippedRow(line: $0.line, reason: $0.reason) }, notes: s.notes,
                            problem: s.problem.map { rebase($0, to: file) }, failed: !s.format.isEmpty && s.problem != nil,
                            fromCache: true)
        o.transactionCount = s.transactionCount
        return o
    }

    private static func isOwnOutput(_ file: FoundFile) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file.url.path) else { return false }
        defer { try? handle.close() }
        return OwnOutput.matches([UInt8]((try? handle.read(upToCount: 200)) ?? Data()))
    }
}

/// The digest of everything a detection result depends on.
enum SnapshotKey {
    /// Bump when the snapshot's meaning changes without the program file changing.
    static let version = "snapshot-1"

    static func make(parserKey: String, outcomes: [FileOutcome], config: AutodebitConfig, asOf: CivilDate) -> String {
        var parts = [version, ProgramIdentity.current, parserKey, asOf.description, String(reflecting: config.detection)]
        for o in outcomes.sorted(by: { $0.file.relativePath < $1.file.relativePath }) where !o.isOwnOutput {
            parts.append(o.file.relativePath + "\t" + o.sha256)
        }
        return StableID.hash(parts)
    }
}

/// The running program's size and modification time: a rebuilt or upgraded autodebit may
/// detect differently, so it never reuses a result an older build computed.
enum ProgramIdentity {
    static let current: String = {
        var st = stat()
        let path = "/proc/self/exe"
        if stat(path, &st) == 0 || stat(Bundle.main.executablePath ?? "", &st) == 0 {
            #if os(Linux)
            return "\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)"
            #else
            return "\(st.st_size):\(st.st_mtimespec.tv_sec).\(st.st_mtimespec.tv_nsec):\(st.st_ino)"
            #endif
        }
        return "unknown"
    }()
}
