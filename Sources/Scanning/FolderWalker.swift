import Foundation

/// A file found under a scanned folder.
public struct FoundFile: Sendable, Hashable {
    public let url: URL
    /// Relative to the scanned folder (prefixed by the folder's name when several are scanned).
    public let relativePath: String
    public let size: Int64
    public let modified: Int64
    public let inode: UInt64
}

/// Walks folders recursively in a stable order, skipping hidden entries (which includes the
/// `.autodebit` state directory) and the files and folders in `excluding` (the tool's own
/// state, config and outputs), by standardized absolute path.
enum FolderWalker {
    static func walk(_ folder: URL, prefix: String, excluding: Set<String>) throws -> [FoundFile] {
        var out: [FoundFile] = []
        try walk(folder, relative: prefix, excluding: excluding, into: &out)
        return out.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(_ dir: URL, relative: String, excluding: Set<String>, into out: inout [FoundFile]) throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: dir.path).sorted()
        for name in names where !name.hasPrefix(".") {
            let url = dir.appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var st = stat()
            guard stat(url.path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                if excluding.contains(url.standardizedFileURL.path) || isStateFolder(url) { continue }
                try walk(url, relative: rel, excluding: excluding, into: &out)
            } else if (st.st_mode & S_IFMT) == S_IFREG {
                if excluding.contains(url.standardizedFileURL.path) || isStateFolder(url) { continue }
                out.append(FoundFile(url: url, relativePath: rel, size: Int64(st.st_size),
                                     modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                                     inode: UInt64(st.st_ino)))
            }
        }
    }

    /// Another run's `--state` folder kept inside the scanned tree.
    private static func isStateFolder(_ url: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: url.appendingPathComponent("state.sqlite").path)
            && fm.fileExists(atPath: url.appendingPathComponent("lock").path)
    }
}
