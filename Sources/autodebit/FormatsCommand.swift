import ArgumentParser
import Importers

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the statement formats autodebit reads and how each is recognised."
    )

    func run() throws {
        var seen = Set<String>()
        for importer in ImporterRegistry.all {
            let line = "\(importer.format)\t\(importer.recognition)"
            if seen.insert(line).inserted { print(line) }
        }
    }
}
