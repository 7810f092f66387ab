import Foundation
import Testing

/// Golden files under `Tests/ReportingTests/Golden/`. `AUTODEBIT_RECORD=1 swift test` rewrites
/// them; otherwise a difference fails with the first differing line and its neighbours.
enum Golden {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["AUTODEBIT_RECORD"] == "1" }

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing: run AUTODEBIT_RECORD=1 swift test --filter ReportingTests", sourceLocation: sourceLocation)
            return
        }
        if let message = firstDifference(expected: expected, actual: actual, name: name) {
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    static func firstDifference(expected: String, actual: String, name: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        let index = (0..<min(e.count, a.count)).first(where: { e[$0] != a[$0] }) ?? min(e.count, a.count)
        var message = "\(name) differs from the golden file at line \(index + 1) (expected \(e.count) lines, got \(a.count)):\n"
        for i in max(0, index - 2)...min(max(e.count, a.count) - 1, index + 2) {
            let el = i < e.count ? e[i] : "<end>", al = i < a.count ? a[i] : "<end>"
            if el == al { message += "  \(i + 1)   \(el)\n" } else { message += "- \(i + 1)   \(el)\n+ \(i + 1)   \(al)\n" }
        }
        return message + "Re-record with AUTODEBIT_RECORD=1 if the change is intended."
    }
}
