import Config
import Foundation

/// SPEC: `--config FILE`, default `FOLDER/autodebit.toml` when present (the first folder's).
public enum ConfigResolution {
    public static func load(explicit: URL?, folders: [URL]) throws -> AutodebitConfig {
        let candidate = explicit ?? folders.lazy.map { $0.appendingPathComponent(ConfigLoader.fileName) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        guard let url = candidate else { return AutodebitConfig() }
        if explicit != nil && !FileManager.default.fileExists(atPath: url.path) {
            throw ScanFailure(.usage, "\(url.path): config file not found")
        }
        do {
            return try ConfigLoader.load(url: url, displayPath: displayPath(url))
        } catch let e as ConfigError {
            throw ScanFailure(.usage, e.description)
        }
    }

    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
