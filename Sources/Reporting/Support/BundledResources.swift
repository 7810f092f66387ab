import Foundation

/// The files under `Resources/` (rules, string tables, templates). Found without
/// `Bundle.module`, whose generated accessor stops the program when the bundle is not where
/// the build left it (a binary copied elsewhere); here that is a clear error instead.
enum BundledResources {
    static let bundleNames = ["autodebit_Reporting.resources", "autodebit_Reporting.bundle/Contents/Resources", "autodebit_Reporting.bundle"]

    /// Folders that may hold `Resources/`: `AUTODEBIT_RESOURCES`, beside the executable (how
    /// SwiftPM lays out a build), and `../share/autodebit` for an installed binary.
    static let roots: [URL] = {
        var out: [URL] = []
        if let override = ProcessInfo.processInfo.environment["AUTODEBIT_RESOURCES"] { out.append(URL(fileURLWithPath: override)) }
        let executableDirs = [Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(), Bundle.main.bundleURL]
        for dir in executableDirs.compactMap({ $0 }) {
            for name in bundleNames { out.append(dir.appendingPathComponent(name)) }
            out.append(dir.deletingLastPathComponent().appendingPathComponent("share/autodebit"))
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }()

    static func url(_ relativePath: String) -> URL? {
        for root in roots {
            let url = root.appendingPathComponent("Resources").appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    static func data(_ relativePath: String) throws -> Data {
        guard let url = url(relativePath) else {
            throw ReportingError.bundledResource(name: relativePath, reason: "not found beside the program (looked in \(roots.map(\.path).joined(separator: ", "))); keep the autodebit_Reporting.resources folder next to the autodebit binary, or set AUTODEBIT_RESOURCES")
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
