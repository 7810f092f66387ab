import Config
import Detection
import Foundation
import Ledger
import Reporting
import Store

/// `autodebit scan` end to end: config, state, import, detect, remember, write, summarise.
/// Lives in the library so tests can run the whole job without a process.
public enum ScanJob {
    public static func run(_ options: ScanOptions, exitCodeOnNew: Bool, console: Console) throws -> ExitStatus {
        guard let firstFolder = options.folders.first else { throw ScanFailure(.usage, "give at least one folder to scan") }
        // Before the store opens: a mistyped folder must not get a state directory.
        try Scanner.requireFolders(options.folders)
        let config = try ConfigResolution.load(explicit: options.configFile, folders: options.folders)
        let stateDir = options.stateDirectory ?? firstFolder.appendingPathComponent(".autodebit")
        let reportURL = options.reportFile ?? stateDir.appendingPathComponent("report.md")
        var outputs: Set<String> = [reportURL.standardizedFileURL.path, stateDir.standardizedFileURL.path]
        if let json = options.jsonFile { outputs.insert(json.standardizedFileURL.path) }

        let started = Date()
        let store = try StateAccess.open(stateDir, lockTimeout: options.lockTimeout)
        defer { try? store.close() }
        if let aside = store.quarantinedDatabase {
            console.problem("autodebit: the state database was unreadable and was moved to \(aside); only the memory of reported findings is lost")
        }
        let runID = try StateAccess.run { try store.beginRun(startedAt: StateAccess.now(), asOf: options.asOf.description,
                                                            folders: options.folders.map(\.path)) }
        let progress = ScanProgress(console: console)
        progress.start()
        var result: ScanResult
        do {
            defer { progress.stop() }
            result = try Scanner.scan(options, config: config, excluding: outputs, store: store, progress: progress) { console.detail($0) }
        }
        for line in result.diagnostics { console.problem(line) }

        var clock = PhaseClock { console.detail($0) }
        let memory = try FindingMemory.update(store: store, findings: result.detection.findings, asOf: options.asOf, runID: runID)
        result.report.newFindingIDs = memory.new
        result.report.acknowledgedFindingIDs = memory.acknowledged
        result.newFindingIDs = memory.new

        clock.lap("finding memory")
        let written = try ReportFiles.write(result.report, markdown: reportURL, json: options.jsonFile, templates: config.baseFolder?.appendingPathComponent("templates"))
        clock.lap("writing the report")
        for warning in written.warnings { console.problem(warning) }

        let findings = result.detection.findings
        let transactions = result.outcomes.reduce(0) { $0 + $1.transactionCount }
        let skipped = result.outcomes.reduce(0) { $0 + $1.skipped.count }
        let statements = result.outcomes.filter { $0.format != nil && !$0.failed }.count
        var line = "autodebit: \(statements) statement\(statements == 1 ? "" : "s"), \(transactions) transactions"
        if skipped > 0 { line += " (\(skipped) rows skipped)" }
        line += "; \(result.detection.subscriptions.count) subscriptions; \(findings.count) findings"
        let high = findings.filter { $0.severity == .high }.count
        if high > 0 { line += " (\(high) high)" }
        line += ", \(memory.new.count) new"
        console.summary(line)
        console.summary("report: \(ConfigResolution.displayPath(reportURL))")
        if let json = options.jsonFile { console.summary("json: \(ConfigResolution.displayPath(json))") }
        console.detail(String(format: "scan took %.3f s", Date().timeIntervalSince(started)))

        let status: ExitStatus = result.inputStatus == .unreadableInput ? .unreadableInput
            : (exitCodeOnNew && !memory.new.isEmpty ? .newFindings : .success)
        // Findings count as reported only once the report is written: a run killed earlier
        // leaves them new for the next run.
        try StateAccess.run {
            try store.finishRun(runID, RunSummary(finishedAt: StateAccess.now(), files: result.outcomes.count,
                                                  filesParsed: result.outcomes.filter { !$0.fromCache }.count,
                                                  transactions: transactions, findings: findings.count, newFindings: memory.new.count,
                                                  exitCode: Int(status.rawValue)))
        }
        return status
    }
}
