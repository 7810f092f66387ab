import ArgumentParser
import Foundation
import Ledger
import Scanning

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Import every statement in the folders, detect unwanted deductions, and write the report.",
        discussion: """
        Files are recognised by content; folders are walked recursively; hidden files and the \
        .autodebit state folder are skipped. Without --report, the report is written to \
        FOLDER/.autodebit/report.md (with its timeline figures beside it) and its path printed.
        """
    )

    @Argument(help: "Folders holding exported statements.", completion: .directory)
    var folders: [String]

    @Option(help: ArgumentHelp("Config file (default: FOLDER/autodebit.toml when present).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("State folder: SQLite store and lock (default: FOLDER/.autodebit).", valueName: "dir"))
    var state: String?

    @Option(help: ArgumentHelp("Write the Markdown report here.", valueName: "file.md"))
    var report: String?

    @Option(help: ArgumentHelp("Write the machine report (schema autodebit.report/1) here.", valueName: "file.json"))
    var json: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the analysis treats as today (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("Report language: zh or en (default: config, else LANG, else zh).", valueName: "zh|en"))
    var lang: String?

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when there are findings not seen by an earlier run.")
    var exitCode = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Show every file read and every row skipped.")
    var verbose = false

    func validate() throws {
        if let lang, lang != "zh" && lang != "en" { throw ValidationError("--lang must be zh or en, not \"\(lang)\"") }
        if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of must be a date like 2024-07-01, not \"\(asOf)\"") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other") }
    }

    func run() throws {
        let options = ScanOptions(
            folders: folders.map { URL(fileURLWithPath: $0) },
            configFile: config.map { URL(fileURLWithPath: $0) },
            stateDirectory: state.map { URL(fileURLWithPath: $0) },
            reportFile: report.map { URL(fileURLWithPath: $0) },
            jsonFile: json.map { URL(fileURLWithPath: $0) },
            asOf: asOf.flatMap { CivilDate($0) } ?? Today.local(),
            language: lang, verbose: verbose, quiet: quiet)
        let status = try ScanJob.run(options, exitCodeOnNew: exitCode, console: Console(quiet: quiet, verbose: verbose))
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

enum Today {
    static func local() -> CivilDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
