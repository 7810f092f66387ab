import Foundation
import Reporting

/// Writes the Markdown report, its figures beside it, and the JSON, all mode 0600.
enum ReportFiles {
    struct Written {
        var warnings: [String]
    }

    static func write(_ input: ReportInput, markdown: URL, json: URL?, templates: URL?) throws -> Written {
        // Filled in when the Reporting writers land.
        Written(warnings: [])
    }
}
