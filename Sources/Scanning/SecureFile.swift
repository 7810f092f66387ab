import Foundation

/// Reports and figures describe someone's finances: written with mode 0600, atomically
/// (a temporary file renamed over the target) so a killed run never leaves half a report.
enum SecureFile {
    static func write(_ text: String, to url: URL) throws {
        try write(Array(text.utf8), to: url)
    }

    /// `durable` false skips the fsync: still atomic against a killed run, not against a power cut.
    static func write(_ bytes: [UInt8], to url: URL, durable: Bool = true) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw ScanFailure(.failure, "\(temp.path): cannot create (\(String(cString: strerror(errno))))") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { close(fd); unlink(temp.path); throw ScanFailure(.failure, "\(url.path): write failed (\(String(cString: strerror(errno))))") }
            offset += n
        }
        if durable { fsync(fd) }
        close(fd)
        guard rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            throw ScanFailure(.failure, "\(url.path): cannot write (\(String(cString: strerror(errno))))")
        }
    }
}
