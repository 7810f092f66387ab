import ArgumentParser
import Foundation
import Ledger
import Scanning

struct SubscriptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "Print the recurring charge streams found in the folder as a table."
    )

    @Argument(help: "The statements folder.", completion: .directory)
    var folder: String

    @Option(help: ArgumentHelp("Config file (default: FOLDER/autodebit.toml when present).", valueName: "file"))
    var config: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day treated as today.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    func validate() throws {
        if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of must be a date like 2024-07-01, not \"\(asOf)\"") }
    }

    func run() throws {
        let options = ScanOptions(folders: [URL(fileURLWithPath: folder)], configFile: config.map { URL(fileURLWithPath: $0) },
                                  asOf: asOf.flatMap { CivilDate($0) } ?? Today.local())
        let table = try SubscriptionsTable.render(options)
        print(table, terminator: "")
    }
}
