import ArgumentParser
import Foundation
import Scanning

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Mark a finding as dealt with: later scans list it but do not alert on it."
    )

    @Argument(help: "The statements folder.", completion: .directory)
    var folder: String

    @Argument(help: "The finding id (f-…) from the report.")
    var findingID: String

    @Option(help: ArgumentHelp("State folder (default: FOLDER/.autodebit).", valueName: "dir"))
    var state: String?

    func run() throws {
        let stateDir = state.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: folder).appendingPathComponent(".autodebit")
        print(try Acknowledgement.acknowledge(findingID, stateDirectory: stateDir))
    }
}
