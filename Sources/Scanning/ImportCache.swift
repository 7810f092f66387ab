import Config
import Foundation
import Importers
import Ledger
import Store

/// The parse cache in the state store, seen from the scan: files whose stat stamp is
/// unchanged are not read at all; files whose bytes the store knows are not parsed.
struct ImportCache {
    let store: StateStore
    let parserKey: String

    /// Bump when any importer changes what it extracts, so that every file is read again once.
    static let importerVersion = "importers-1"

    init(store: StateStore, config: AutodebitConfig) {
        self.store = store
        let profiles = config.profiles.map { String(describing: $0) }.sorted()
        self.parserKey = StableID.hash([Self.importerVersion, config.timeZone.identifier] + profiles)
    }

    /// Reads every file, from the cache where possible, and records what changed in one
    /// transaction (also forgetting files that are gone).
    func load(_ files: [FoundFile], context: ImportContext, progress: ScanProgress? = nil, warn: (String) -> Void,
              log: @escaping (String) -> Void = { _ in }) -> [FileOutcome] {
        var clock = PhaseClock(log: log)
        let stamps = files.map { FileStamp.of(path: $0.url.path) }
        var hits: [String: SourceContent] = [:]
        do {
            hits = try store.cachedImports(zip(files, stamps).compactMap { f, s in s.map { (f.relativePath, $0) } }, parserKey: parserKey)
        } catch {
            warn("state: the import cache could not be read, reading every file (\(error))")
        }
        let misses = files.indices.filter { hits[files[$0].relativePath] == nil }
        clock.lap("loading \(hits.count) unchanged files from the cache")
        let store = self.store, key = parserKey
        for _ in 0..<(files.count - misses.count) { progress?.advance() }
        let fresh = parallelMap(misses.map { files[$0] }) { file in
            defer { progress?.advance() }
            var o = FileReading.read(file, context: context) { sha in
                (try? store.cachedImport(sha256: sha, path: file.relativePath, parserKey: key)).map { Self.outcome(file, $0) }
            }
            if !o.fromCache && !o.isOwnOutput && !o.sha256.isEmpty {
                o.encoded = StateStore.encode(o.transactions, filePath: file.relativePath)
            }
            return o
        }
        clock.lap("reading \(misses.count) new or changed files")
        var outcomes: [FileOutcome] = files.map { file in
            hits[file.relativePath].map { Self.outcome(file, $0) } ?? FileOutcome(file: file, sha256: "", format: nil, transactions: [],
                                                                                skipped: [], notes: [], problem: nil, failed: false)
        }
        var updates: [SourceUpdate] = []
        for (slot, index) in misses.enumerated() {
            let o = fresh[slot]
            outcomes[index] = o
            guard let stamp = stamps[index], !o.sha256.isEmpty, !o.isOwnOutput else { continue }
            if o.fromCache {
                updates.append(.rehashed(path: o.file.relativePath, stamp: stamp, sha256: o.sha256))
            } else {
                updates.append(.parsed(path: o.file.relativePath, stamp: stamp, content: Self.content(o)))
            }
        }
        do {
            try store.commitSources(updates, parserKey: parserKey, keeping: Set(files.map(\.relativePath)))
        } catch {
            warn("state: the import cache could not be updated (\(error)); the next scan will read these files again")
        }
        let stored = updates.count
        updates = []
        for index in outcomes.indices { outcomes[index].encoded = nil }
        clock.lap("storing \(stored) files in the cache")
        return outcomes
    }

    /// A cached file's content as this scan's outcome. An empty format marks a file no
    /// importer recognised; a problem with a format marks a statement that failed to read.
    static func outcome(_ file: FoundFile, _ c: SourceContent) -> FileOutcome {
        FileOutcome(file: file, sha256: c.sha256, format: c.format.isEmpty ? nil : c.format, transactions: c.transactions,
                    skipped: c.skipped.map { SkippedRow(line: $0.line, reason: $0.reason) }, notes: c.notes,
                    problem: c.problem.map { rebase($0, to: file) }, failed: !c.format.isEmpty && c.problem != nil, fromCache: true)
    }

    static func content(_ o: FileOutcome) -> SourceContent {
        SourceContent(sha256: o.sha256, format: o.failed ? (o.format ?? "?") : (o.format ?? ""), transactions: o.transactions,
                      skipped: o.skipped.map { StoredSkippedRow(line: $0.line, reason: $0.reason) }, notes: o.notes, problem: o.problem,
                      encoded: o.encoded)
    }

    /// Problems name the path they were found under; a renamed file's message names the new one.
    static func rebase(_ problem: String, to file: FoundFile) -> String {
        guard let colon = problem.firstIndex(of: ":") else { return problem }
        let path = problem[..<colon]
        return path == file.relativePath ? problem : file.relativePath + problem[colon...]
    }
}
