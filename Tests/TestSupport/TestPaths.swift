import Foundation

/// Where tests find the package's own files and the peer samples beside it.
public enum TestPaths {
    /// The folder holding Package.swift, found upwards from this source file.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// `Fixtures/<relative>`: the test inputs written for this project.
    public static func fixture(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }

    /// `../shared/fixtures/peers`: other projects' samples, absent from a user's fresh clone.
    public static let peers = packageRoot.appendingPathComponent("../shared/fixtures/peers").standardizedFileURL
}
