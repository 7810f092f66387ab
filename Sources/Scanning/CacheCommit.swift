import Dispatch
import Foundation
import Importers
import Ledger
import Store

/// The parse cache's write for one scan, running on its own thread while the scan merges and
/// detects: it is mostly waiting for the disk, which need not hold up the work that follows.
/// Each file's encoding is freed as soon as it is written. Whoever reads the cache next
/// (`finish`) waits for it first.
final class CacheCommit: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = NSLock()
    private var pending: [SourceUpdate] = []
    private var warning: String?
    /// The files of a batch the store refused, by path, to read their cited rows again.
    private var unsaved: [String: FoundFile] = [:]
    private var context: ImportContext?

    /// Writes `updates` in one transaction; `keeping` forgets the files not in it. `files`
    /// and `context` let the evidence rows be read again from the files if the write fails.
    func start(_ updates: [SourceUpdate], store: StateStore, parserKey: String, keeping: Set<String>,
               files: [FoundFile], context: ImportContext, log: @escaping @Sendable (String) -> Void) {
        lock.lock()
        pending = updates
        lock.unlock()
        done.enter()
        let count = updates.count
        BackgroundThread.start { [self] in
            let begin = DispatchTime.now().uptimeNanoseconds
            lock.lock()
            var drained = pending
            pending = []
            lock.unlock()
            let written = Set(drained.compactMap { if case let .parsed(path, _, _) = $0 { path } else { nil } })
            do {
                try store.commitSources(draining: &drained, parserKey: parserKey, keeping: keeping)
            } catch {
                lock.lock()
                warning = "state: the import cache could not be updated (\(error)); the next scan will read these files again"
                for file in files where written.contains(file.relativePath) { unsaved[file.relativePath] = file }
                self.context = context
                lock.unlock()
            }
            // The encodings were freed on this thread while others allocate: hand their pages
            // back, or they would count on top of detection's peak.
            MemoryRelease.returnFreedMemory()
            log(String(format: "time: storing %d files in the cache (in the background) %.3f s", count,
                       Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9))
            done.leave()
        }
    }

    /// Waits until the write is over; returns the warning for the user when it failed.
    @discardableResult
    func finish() -> String? {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return warning
    }

    /// After `finish`: the raw rows at `locations` of a file the store could not save, read
    /// from the file again; nil for a file the store has.
    func unsavedRawRows(path: String, at locations: Set<SourceLocation>) -> [SourceLocation: String]? {
        lock.lock()
        let file = unsaved[path], context = self.context
        lock.unlock()
        guard let file, let context else { return nil }
        var rows: [SourceLocation: String] = [:]
        for t in FileReading.read(file, context: context).transactions where locations.contains(t.source) {
            rows[t.source] = rows[t.source] ?? t.rawRow
        }
        return rows
    }
}
