import Detection
import Ledger

/// One input file as the report lists it.
public struct ReportSource: Hashable, Sendable {
    public var path: String
    public var sha256: String
    /// nil when no importer recognised the file.
    public var format: String?
    public var transactionCount: Int
    public var skipped: [(line: Int, reason: String)]
    /// Why the file was not read (unrecognised, or an error naming `path:line`).
    public var problem: String?

    public init(path: String, sha256: String, format: String?, transactionCount: Int,
                skipped: [(line: Int, reason: String)] = [], problem: String? = nil) {
        self.path = path; self.sha256 = sha256; self.format = format
        self.transactionCount = transactionCount; self.skipped = skipped; self.problem = problem
    }

    public static func == (a: ReportSource, b: ReportSource) -> Bool {
        a.path == b.path && a.sha256 == b.sha256 && a.format == b.format && a.transactionCount == b.transactionCount
            && a.problem == b.problem && a.skipped.map(\.line) == b.skipped.map(\.line) && a.skipped.map(\.reason) == b.skipped.map(\.reason)
    }

    public func hash(into h: inout Hasher) { h.combine(path); h.combine(sha256) }
}

/// An evidence file named by a cancellation, with its hash (nil when the file is missing).
public struct EvidenceFile: Hashable, Sendable {
    public var path: String
    public var sha256: String?

    public init(path: String, sha256: String?) {
        self.path = path; self.sha256 = sha256
    }
}

public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en
}

/// Everything a report renders. Built by the scan, rendered by JSON and Markdown writers.
public struct ReportInput: Sendable {
    public var asOf: CivilDate
    public var language: ReportLanguage
    public var sources: [ReportSource]
    public var detection: DetectionResult
    /// Findings not seen by an earlier run (marked new in the report and JSON).
    public var newFindingIDs: Set<String>
    /// Findings the user acknowledged (`autodebit ack`): listed, not alerted.
    public var acknowledgedFindingIDs: Set<String>
    /// Evidence files keyed by the path as written in the config.
    public var evidence: [String: EvidenceFile]
    /// Name of the account holder when a statement gives it (WeChat 昵称, Alipay 姓名).
    public var holder: String?
    /// First and last transaction date over all imported statements, when the caller knows
    /// them; otherwise the report uses the span of the transactions the detection cites.
    public var period: ClosedRange<CivilDate>?

    public init(asOf: CivilDate, language: ReportLanguage, sources: [ReportSource], detection: DetectionResult,
                newFindingIDs: Set<String>, acknowledgedFindingIDs: Set<String> = [], evidence: [String: EvidenceFile] = [:],
                holder: String? = nil, period: ClosedRange<CivilDate>? = nil) {
        self.asOf = asOf; self.language = language; self.sources = sources; self.detection = detection
        self.newFindingIDs = newFindingIDs; self.acknowledgedFindingIDs = acknowledgedFindingIDs
        self.evidence = evidence; self.holder = holder; self.period = period
    }
}
