import Detection
import Foundation
import Importers
import Ledger

/// The parsed `autodebit.toml`, converted to the project's own types at the boundary
/// (TOMLKit's values are not Sendable).
public struct AutodebitConfig: Sendable {
    public var language: String?
    /// IANA zone for formats whose times carry no offset.
    public var timeZone: TimeZone
    public var detection: DetectionConfig
    public var profiles: [CSVProfile]
    /// The config file, when there is one (evidence paths are relative to its folder).
    public var file: URL?

    public init(language: String? = nil, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                detection: DetectionConfig = DetectionConfig(), profiles: [CSVProfile] = [], file: URL? = nil) {
        self.language = language; self.timeZone = timeZone; self.detection = detection
        self.profiles = profiles; self.file = file
    }

    /// The folder evidence paths are relative to.
    public var baseFolder: URL? { file?.deletingLastPathComponent() }

    /// UTC offset on a given local date in the configured zone (noon, to stay clear of DST jumps).
    public var offsetResolver: @Sendable (CivilDate) -> Int32 {
        let zone = timeZone
        return { date in
            let noon = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86400 + 43200)
            return Int32(zone.secondsFromGMT(for: noon))
        }
    }
}
