import Config
import Detection
import Foundation
import Importers
import Ledger
import Store

/// The parse cache in the state store, seen from the scan: files whose stat stamp is
/// unchanged are not read at all; files whose bytes the store knows are not parsed.
struct ImportCache {
    let store: StateStore
    let parserKey: String
    /// This scan's write of newly parsed files, running in the background after `load`.
    let commit = CacheCommit()

    /// The most parse-cache bytes written while the scan goes on (the 1M-row benchmark writes
    /// about 300 MB).
    static let overlappedWriteLimit = 512 << 20

    /// Bump when any importer changes what it extracts, so that every file is read again once.
    static let importerVersion = "importers-1"

    init(store: StateStore, config: AutodebitConfig) {
        self.store = store
        let profiles = config.profiles.map { String(describing: $0) }.sorted()
        self.parserKey = StableID.hash([Self.importerVersion, config.timeZone.identifier] + profiles)
    }

    /// Reads every file, from the cache where possible, and starts recording what changed in
    /// one transaction (also forgetting files that are gone); `commit.finish()` waits for it.
    func load(_ files: [FoundFile], context: ImportContext, progress: ScanProgress? = nil, warn: (String) -> Void,
              log: @escaping @Sendable (String) -> Void = { _ in }) -> [FileOutcome] {
        var clock = PhaseClock(log: log)
        let stamps = files.map { FileStamp.of(path: $0.url.path) }
        var hits: [String: SourceContent] = [:]
        do {
            // Without raw rows: detection never reads them, and they are a quarter of the
            // memory; the few the report quotes are fetched afterwards (`withCitedRawRows`).
            hits = try store.cachedImports(zip(files, stamps).compactMap { f, s in s.map { (f.relativePath, $0) } }, parserKey: parserKey,
                                           rawRows: false)
        } catch {
            warn("state: the import cache could not be read, reading every file (\(error))")
        }
        let misses = files.indices.filter { hits[files[$0].relativePath] == nil }
        clock.lap("loading \(hits.count) unchanged files from the cache")
        let store = self.store, key = parserKey
        for _ in 0..<(files.count - misses.count) { progress?.advance() }
        var fresh = parallelMap(misses.map { files[$0] }) { file in
            defer { progress?.advance() }
            var o = FileReading.read(file, context: context) { sha in
                (try? store.cachedImport(sha256: sha, path: file.relativePath, parserKey: key)).map { Self.outcome(file, $0) }
            }
            if !o.fromCache && !o.isOwnOutput && !o.sha256.isEmpty {
                o.encoded = StateStore.encode(o.transactions, filePath: file.relativePath)
                // The encoding holds the raw rows now: drop them here, on this file's thread.
                for j in o.transactions.indices { o.transactions[j].rawRow = "" }
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
        fresh = []
        let stored = updates.count
        let encodedBytes = outcomes.reduce(0) { $0 + ($1.encoded?.byteCount ?? 0) }
        commit.start(updates, store: store, parserKey: parserKey, keeping: Set(files.map(\.relativePath)), files: files,
                     context: context, log: log)
        // Held until written, the encodings would add to detection's peak memory: beyond this
        // size (a folder of several million rows) the scan waits for the write instead.
        if encodedBytes > Self.overlappedWriteLimit { commit.finish() }
        // The commit holds the encodings, not the transaction arrays: these are edited in place.
        updates = []
        for index in outcomes.indices { outcomes[index].encoded = nil }
        // The raw rows are in the encodings now: the few that findings cite are fetched back
        // from the store, or read from the files again if the commit fails (`withCitedRawRows`).
        // Freshly parsed files dropped theirs when encoded; files found by hash drop them here.
        for i in outcomes.indices where outcomes[i].fromCache {
            for j in outcomes[i].transactions.indices { outcomes[i].transactions[j].rawRow = "" }
        }
        clock.lap("handing \(stored) files to the cache writer")
        return outcomes
    }

    /// A cached file's content as this scan's outcome. An empty format marks a file no
    /// importer recognised; a problem with a format marks a statement that failed to read.
    static func outcome(_ file: FoundFile, _ c: SourceContent) -> FileOutcome {
        FileOutcome(file: file, sha256: c.sha256, format: c.format.isEmpty ? nil : c.format, transactions: c.transactions,
                    skipped: c.skipped.map { SkippedRow(line: $0.line, reason: $0.reason) }, notes: c.notes,
                    problem: c.problem.map { rebase($0, to: file) }, failed: !c.format.isEmpty && c.problem != nil, fromCache: true)
    }

    /// What the store keeps of a freshly read file: its encoding, not the transactions (the
    /// scan goes on editing those).
    static func content(_ o: FileOutcome) -> SourceContent {
        SourceContent(sha256: o.sha256, format: o.failed ? (o.format ?? "?") : (o.format ?? ""), transactions: o.encoded == nil ? o.transactions : [],
                      skipped: o.skipped.map { StoredSkippedRow(line: $0.line, reason: $0.reason) }, notes: o.notes, problem: o.problem,
                      encoded: o.encoded)
    }

    /// Problems name the path they were found under; a renamed file's message names the new one.
    static func rebase(_ problem: String, to file: FoundFile) -> String {
        guard let colon = problem.firstIndex(of: ":") else { return problem }
        let path = problem[..<colon]
        return path == file.relativePath ? problem : file.relativePath + problem[colon...]
    }

    /// The result with the raw row of every charge a finding cites, read back from the cache
    /// (transactions are loaded and kept without them). A row the cache no longer has stays
    /// empty, and the report says the row is missing.
    func withCitedRawRows(_ result: DetectionResult) -> DetectionResult {
        var wanted: [String: Set<SourceLocation>] = [:]
        for f in result.findings {
            for t in f.transactions where t.rawRow.isEmpty { wanted[t.source.path, default: []].insert(t.source) }
            if case let .duplicate(original) = f.detail, original.rawRow.isEmpty {
                wanted[original.source.path, default: []].insert(original.source)
            }
        }
        guard !wanted.isEmpty else { return result }
        commit.finish()
        // A big folder's findings cite rows of most files: each file's encoding is scanned on
        // its own core (the store serialises only the fetching).
        let store = self.store, key = parserKey, commit = self.commit
        let found = parallelMap(wanted.sorted(by: { $0.key < $1.key })) { path, locations in
            commit.unsavedRawRows(path: path, at: locations) ?? (try? store.rawRows(path: path, parserKey: key, at: locations)) ?? [:]
        }
        var rows: [SourceLocation: String] = [:]
        for part in found { rows.merge(part) { first, _ in first } }
        func filled(_ t: Transaction) -> Transaction {
            guard t.rawRow.isEmpty, let row = rows[t.source] else { return t }
            var copy = t
            copy.rawRow = row
            return copy
        }
        var out = result
        for i in out.findings.indices {
            out.findings[i].transactions = out.findings[i].transactions.map(filled)
            if case let .duplicate(original) = out.findings[i].detail { out.findings[i].detail = .duplicate(original: filled(original)) }
        }
        return out
    }
}
