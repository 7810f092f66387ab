import ArgumentParser
import Config
import Foundation
import Ledger
import Scanning

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Record a cancellation: appends a [[cancellation]] to the folder's autodebit.toml.",
        discussion: "The file's comments and layout are kept; the new table goes at the end."
    )

    @Argument(help: "The statements folder (its autodebit.toml is created if missing).", completion: .directory)
    var folder: String

    @Option(help: "The merchant, as it appears in the statements (a part of the name is enough).")
    var merchant: String

    @Option(help: ArgumentHelp("When the cancellation reached the merchant.", valueName: "YYYY-MM-DD"))
    var date: String

    @Option(help: "Cancellation or confirmation number.")
    var reference: String?

    @Option(help: "How it was cancelled: app, web, mini-program, customer-service, wechat-pay, alipay, bank, email, phone.")
    var channel: String?

    @Option(parsing: .upToNextOption, help: "Evidence files (screenshots, emails), relative to the folder.")
    var evidence: [String] = []

    @Option(help: "A note, e.g. the steps taken.")
    var note: String?

    func validate() throws {
        guard CivilDate(date) != nil else { throw ValidationError("--date must be a date like 2024-05-10, not \"\(date)\"") }
        guard !merchant.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--merchant must not be empty") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(ConfigLoader.fileName)
        let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let entry = CancellationAppender.Entry(merchant: merchant, date: CivilDate(date)!, reference: reference,
                                               channel: channel, evidence: evidence, note: note)
        let text: String
        do {
            text = try CancellationAppender.append(entry, to: existing, file: url.path)
        } catch let e as ConfigError {
            throw ScanFailure(.usage, e.description)
        }
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw ScanFailure(.failure, "\(url.path): cannot write (\(error.localizedDescription))")
        }
        for path in evidence where !FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent(path).path) {
            FileHandle.standardError.write(Data("autodebit: warning: evidence file \(path) does not exist (yet)\n".utf8))
        }
        print("recorded: \(merchant) cancelled on \(date) in \(url.path)")
    }
}
