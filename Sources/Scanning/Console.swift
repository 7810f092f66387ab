import Foundation

/// Where the scan talks: the summary on stdout (all a cron mail should show), problems and
/// progress on stderr. A progress line is drawn only when stderr is a terminal.
public struct Console: Sendable {
    public let quiet: Bool
    public let verbose: Bool
    public let stderrIsTerminal: Bool

    public init(quiet: Bool = false, verbose: Bool = false) {
        self.quiet = quiet
        self.verbose = verbose
        self.stderrIsTerminal = isatty(STDERR_FILENO) == 1
    }

    public func summary(_ line: String) {
        guard !quiet else { return }
        print(line)
    }

    public func problem(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public func detail(_ line: String) {
        guard verbose else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Overwrites one status line on a terminal; silent otherwise.
    public func progress(_ line: String) {
        guard stderrIsTerminal, !quiet else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    public func endProgress() {
        guard stderrIsTerminal, !quiet else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
