import Foundation

/// How a report is rendered, beyond what `ReportInput` says.
public struct ReportOptions: Sendable {
    /// `<config folder>/templates`: a file here with the name of a built-in template
    /// (`complaint-wechat.zh.mustache` …) replaces it.
    public var templateOverrideFolder: URL?
    /// Figure files are named `<figureBaseName>-<finding id>.svg`; keep it the report's stem so
    /// that several reports can share one folder. Characters outside `A-Za-z0-9._-` become `-`.
    public var figureBaseName: String

    public init(templateOverrideFolder: URL? = nil, figureBaseName: String = "timeline") {
        self.templateOverrideFolder = templateOverrideFolder
        self.figureBaseName = figureBaseName
    }
}

/// An SVG to be written beside the report, under exactly `fileName`.
public struct ReportFigure: Hashable, Sendable {
    public var fileName: String
    public var svg: String

    public init(fileName: String, svg: String) {
        self.fileName = fileName; self.svg = svg
    }
}

/// The Markdown report and the files it links to. The caller writes them; Reporting does no I/O
/// besides reading templates.
public struct RenderedReport: Sendable {
    public var markdown: String
    public var figures: [ReportFigure]
    /// Problems the user should hear about (a broken override template, a missing rule text).
    public var warnings: [String]
}

public enum ReportingError: Error, CustomStringConvertible {
    /// A file bundled with the program is missing or unreadable: a packaging fault.
    case bundledResource(name: String, reason: String)

    public var description: String {
        switch self {
        case .bundledResource(let name, let reason):
            return "the bundled resource \(name) could not be read (\(reason)); the installation is incomplete"
        }
    }
}
