import ArgumentParser
import Foundation
import Scanning

// SPEC's exit statuses: bad usage is 2, not ArgumentParser's 64.
do {
    var command = try AutodebitCommand.parseAsRoot()
    try command.run()
} catch let failure as ScanFailure {
    FileHandle.standardError.write(Data(("autodebit: " + failure.message + "\n").utf8))
    exit(failure.status.rawValue)
} catch {
    let code = AutodebitCommand.exitCode(for: error)
    if code == .success {
        print(AutodebitCommand.fullMessage(for: error))
        exit(0)
    }
    let message = AutodebitCommand.fullMessage(for: error)
    if code.rawValue == ExitStatus.newFindings.rawValue || code.rawValue == ExitStatus.unreadableInput.rawValue
        || code.rawValue == ExitStatus.failure.rawValue {
        exit(code.rawValue)
    }
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(code == .validationFailure || code == .failure ? ExitStatus.usage.rawValue : code.rawValue)
}
