import Foundation
import Ledger

public struct ScanOptions: Sendable {
    public var folders: [URL]
    public var configFile: URL?
    public var stateDirectory: URL?
    public var reportFile: URL?
    public var jsonFile: URL?
    public var asOf: CivilDate
    public var language: String?
    public var verbose: Bool
    public var quiet: Bool
    /// Seconds a second run waits for the folder's lock before giving up (exit 4).
    public var lockTimeout: Double

    public init(folders: [URL], configFile: URL? = nil, stateDirectory: URL? = nil, reportFile: URL? = nil,
                jsonFile: URL? = nil, asOf: CivilDate, language: String? = nil, verbose: Bool = false,
                quiet: Bool = false, lockTimeout: Double = 5) {
        self.folders = folders; self.configFile = configFile; self.stateDirectory = stateDirectory
        self.reportFile = reportFile; self.jsonFile = jsonFile; self.asOf = asOf; self.language = language
        self.verbose = verbose; self.quiet = quiet; self.lockTimeout = lockTimeout
    }
}

/// Exit statuses from SPEC.md.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case newFindings = 1
    case usage = 2
    case unreadableInput = 3
    case failure = 4
}

/// A failure that stops the scan, with the exit status it maps to.
public struct ScanFailure: Error, Sendable, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status; self.message = message
    }

    public var description: String { message }
}
