import Foundation

/// The files under `Resources/` (rules, string tables, templates), read through `Bundle.module`.
enum BundledResources {
    /// With `.copy("Resources")` the folder keeps its name inside the bundle. Where the bundle
    /// keeps its resources differs by platform (the bundle root on Linux, `Contents/Resources`
    /// on macOS), so each candidate is tried.
    static func url(_ relativePath: String) -> URL? {
        let bundle = Bundle.module
        let roots = [bundle.bundleURL, bundle.resourceURL, bundle.resourceURL?.deletingLastPathComponent()].compactMap { $0 }
        for root in roots {
            let url = root.appendingPathComponent("Resources").appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    static func data(_ relativePath: String) throws -> Data {
        guard let url = url(relativePath) else {
            throw ReportingError.bundledResource(name: relativePath, reason: "not found in the Reporting bundle")
        }
        do { return try Data(contentsOf: url) } catch {
            throw ReportingError.bundledResource(name: relativePath, reason: "\(error)")
        }
    }

    static func text(_ relativePath: String) throws -> String {
        let bytes = try data(relativePath)
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ReportingError.bundledResource(name: relativePath, reason: "not UTF-8")
        }
        return text
    }
}
